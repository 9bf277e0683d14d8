#include "support/throwaway_postgres.hpp"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

namespace backfill::testing {

namespace {

// Runs `command` in a shell; its standard output, or throws when it fails.
std::string shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  std::string out;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command + "\n" + out);
  return out;
}

// pg_ctl as the server's owner (PostgreSQL refuses to run as root).
std::string pg_ctl(const std::string& arguments) {
  const std::string bindir = "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)";
  const std::string as_owner = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
  return as_owner + bindir + "/pg_ctl " + arguments;
}

}  // namespace

ThrowawayPostgres::ThrowawayPostgres() {
  char pattern[] = "/tmp/backfill-pg-own.XXXXXX";
  if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  const std::string script = std::string(BACKFILL_SOURCE_DIR) + "/scripts/pg-test-server.sh";
  // Prints "export BACKFILL_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres".
  const std::string out = shell(script + " start " + directory_ + " 2>&1");
  const auto at = out.find("postgresql://");
  const auto end = out.find_first_of(" \n", at);
  if (at == std::string::npos) throw std::runtime_error("no server URL in: " + out);
  url_ = out.substr(at, end == std::string::npos ? std::string::npos : end - at);
  const auto colon = url_.rfind(':');
  port_ = url_.substr(colon + 1, url_.find('/', colon) - colon - 1);
}

ThrowawayPostgres::~ThrowawayPostgres() {
  const std::string script = std::string(BACKFILL_SOURCE_DIR) + "/scripts/pg-test-server.sh";
  try {
    shell(script + " stop " + directory_ + " 2>&1");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warning: %s\n", e.what());
  }
}

void ThrowawayPostgres::stop_immediately() {
  shell(pg_ctl("-D " + directory_ + "/data -m immediate -w stop 2>&1"));
}

void ThrowawayPostgres::start_again() {
  // The options scripts/pg-test-server.sh starts it with.
  shell(pg_ctl("-D " + directory_ + "/data -l " + directory_ + "/server.log -w -t 60 -o \"-p " +
               port_ + " -k " + directory_ +
               " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start 2>&1"));
}

}  // namespace backfill::testing
