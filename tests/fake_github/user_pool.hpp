#pragma once
// The accounts that author, get assigned and own things in generated data.
// Their "Simple User" JSON is rendered once per base URL and spliced into
// every pull request that mentions them.
#include <cstdint>
#include <string>
#include <vector>

namespace fake_github {

struct Account {
  std::string login;
  std::int64_t id = 0;
  bool bot = false;
};

// GitHub's "Simple User" object for `account`; API URLs under `base_url`.
std::string render_simple_user(const std::string& base_url, const Account& account);

// The account that owns repositories named "login/...": a stable id per login.
Account owner_account(const std::string& login);

class UserPool {
 public:
  static constexpr std::size_t kSize = 300;

  explicit UserPool(const std::string& base_url);
  std::size_t size() const { return accounts_.size(); }
  const Account& account(std::size_t index) const { return accounts_[index]; }
  const std::string& json(std::size_t index) const { return json_[index]; }

 private:
  std::vector<Account> accounts_;
  std::vector<std::string> json_;
};

}  // namespace fake_github
