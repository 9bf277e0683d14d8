#include "support/app_key.hpp"

#include <stdexcept>

#include "support/process.hpp"

namespace backfill::testing {

OpensslResult run_openssl(const ScratchTree& dir, const std::vector<std::string>& args) {
  // openssl reads relative paths from its working directory; a shell gives
  // it the scratch directory without changing ours.
  std::string command = "cd '" + dir.root().string() + "' && exec openssl";
  for (const auto& arg : args) command += " '" + arg + "'";
  auto result = run_process("/bin/sh", {"-c", command}, {{"PATH", "/usr/bin:/bin"}});
  return {result.exit_code, result.out, result.err};
}

TestAppKey generate_test_app_key(const ScratchTree& dir) {
  auto made = run_openssl(dir, {"genrsa", "-out", "app-key.pem", "2048"});
  if (made.exit_code != 0) throw std::runtime_error("openssl genrsa failed: " + made.err);
  auto pub = run_openssl(dir, {"rsa", "-in", "app-key.pem", "-pubout", "-out", "app-pub.pem"});
  if (pub.exit_code != 0) throw std::runtime_error("openssl rsa -pubout failed: " + pub.err);
  return {dir.read("app-key.pem"), dir.read("app-pub.pem")};
}

}  // namespace backfill::testing
