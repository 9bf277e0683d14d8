#pragma once
// A GitHub App key pair made fresh by the `openssl` command for each test,
// so that no private key is ever committed, and the JWT's signature can be
// checked by an implementation other than ours.
#include <string>
#include <vector>

#include "support/scratch_tree.hpp"

namespace backfill::testing {

struct TestAppKey {
  std::string private_pem;  // PKCS#1 or PKCS#8, unencrypted
  std::string public_pem;
};

// Runs `openssl genrsa` / `openssl rsa -pubout` in `dir`. Throws
// std::runtime_error when openssl fails.
TestAppKey generate_test_app_key(const ScratchTree& dir);

// Runs /usr/bin/openssl with `args` in `dir`; the exit code and output.
struct OpensslResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
OpensslResult run_openssl(const ScratchTree& dir, const std::vector<std::string>& args);

}  // namespace backfill::testing
