#include "cli/serve/listen_address.hpp"

#include <arpa/inet.h>

#include <cctype>

#include "backfill/core/errors.hpp"

namespace backfill::cli::serve {

namespace {

[[noreturn]] void refuse(const std::string& text, const std::string& why) {
  throw UsageError("--listen: '" + text + "' " + why +
                   " (expected ADDR:PORT, e.g. 127.0.0.1:8080)");
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) refuse(text, "has no port");
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    refuse(text, "is an IPv6 address without brackets");
  }
  if (host.empty()) refuse(text, "has no address");
  if (port_text.empty() || port_text.size() > 5) refuse(text, "has no valid port");
  for (char c : port_text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) refuse(text, "has no valid port");
  }
  const int port = std::stoi(port_text);
  if (port > 65535) refuse(text, "has a port above 65535");
  return ListenAddress{host, port};
}

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

}  // namespace backfill::cli::serve
