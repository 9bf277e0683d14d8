// `backfill work` as a GitHub App over repositories of two installations,
// each with its own hourly budget (as GitHub keeps them): an installation
// that runs out pauses only its own repositories, within its budget, while
// the workers go on with the other installation's.
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/app_key.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class AppInstallations : public BackfillE2E {
 protected:
  ScratchTree keys;
  TestAppKey key = generate_test_app_key(keys);

  std::map<std::string, std::string> app_env() const {
    return {{"GITHUB_APP_ID", "4242"}, {"GITHUB_APP_PRIVATE_KEY", key.private_pem}};
  }

  std::int64_t add(const std::string& name, int pulls) {
    const auto id = github_.add_repository(name, pulls);
    owner_of_id_["/repositories/" + std::to_string(id) + "/"] = name.substr(0, name.find('/'));
    return id;
  }

  // The account a request was about ("" for the App's own endpoints).
  std::string owner_of(const std::string& path) const {
    if (path.rfind("/repos/", 0) == 0) return path.substr(7, path.find('/', 7) - 7);
    for (const auto& [prefix, owner] : owner_of_id_) {
      if (path.rfind(prefix, 0) == 0) return owner;
    }
    return "";
  }

  std::map<std::string, std::string> owner_of_id_;
};

TEST_P(AppInstallations, EachInstallationSpendsAndExhaustsItsOwnBudget) {
  github_.set_app(4242, key.public_pem);
  github_.add_installation("octo", 11);
  github_.add_installation("acme", 12);
  for (const auto* name : {"octo/a0", "octo/a1", "acme/b0", "acme/b1"}) add(name, 300);
  auto tracked = run({"track", "octo/a0", "octo/a1", "acme/b0", "acme/b1"}, app_env());
  ASSERT_EQ(tracked.exit_code, 0) << tracked.err;

  // octo's installation has 6 requests left until a reset half an hour
  // away (within the hour a run would otherwise wait); acme's has plenty.
  // A repository of 300 PRs takes more than 3 requests: octo cannot finish
  // both of its repositories, acme finishes both.
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  github_.set_installation_rate_limit(11, 5000, 6, now + 1800);
  github_.set_installation_rate_limit(12, 5000, 200, now + 2400);
  github_.clear_requests();

  auto work = run({"work", "--workers", "4", "--until-empty", "--min-remaining", "0"}, app_env());
  EXPECT_EQ(work.exit_code, 75) << work.out << work.err;

  std::map<std::string, int> spent, refused;
  for (const auto& request : github_.requests()) {
    const std::string owner = owner_of(request.path);
    if (owner.empty() || request.path.find("/installation") != std::string::npos) continue;
    ++spent[owner];
    if (request.status == 403 || request.status == 429) ++refused[owner];
  }
  EXPECT_EQ(spent["octo"], 6) << "octo's installation spent exactly its budget";
  EXPECT_EQ(refused["octo"], 0) << "and was never refused for it";
  EXPECT_GE(spent["acme"], 6);
  EXPECT_EQ(refused["acme"], 0);

  expect_exact_copy("acme/b0");
  expect_exact_copy("acme/b1");
  int octo_completed = 0;
  for (const auto* name : {"octo/a0", "octo/a1"}) {
    const auto status = progress(name, "status");
    if (status == "completed") {
      ++octo_completed;
      expect_exact_copy(name);
      continue;
    }
    EXPECT_EQ(status, "paused") << name;
    // Taken again once octo's budget is back, not before.
    const auto resume = progress(name, "resume_after");
    ASSERT_TRUE(resume) << name;
    std::string text = *resume;  // ISO 8601, or PostgreSQL's "YYYY-MM-DD HH:MM:SS"
    std::replace(text.begin(), text.end(), 'T', ' ');
    std::tm tm{};
    std::istringstream(text) >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
    EXPECT_NEAR(static_cast<double>(timegm(&tm)), static_cast<double>(now + 1800), 5.0) << *resume;
  }
  EXPECT_LE(octo_completed, 1) << "6 requests cannot copy both";
}

TEST_P(AppInstallations, RateLimitShowsEachInstallationsBudget) {
  github_.set_app(4242, key.public_pem);
  github_.add_installation("octo", 11);
  github_.add_installation("acme", 12);
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  github_.set_installation_rate_limit(11, 5000, 7, now + 1800);
  github_.set_installation_rate_limit(12, 12500, 4000, now + 2400);

  auto json = run({"rate-limit", "--json"}, app_env());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::map<std::int64_t, nlohmann::json> core;
  for (const auto& row : nlohmann::json::parse(json.out)) {
    if (row["resource"] == "core") core[row["installation"].get<std::int64_t>()] = row;
  }
  ASSERT_EQ(core.size(), 2u) << json.out;
  EXPECT_EQ(core[11]["account"], "octo");
  EXPECT_EQ(core[11]["remaining"], 7);
  EXPECT_EQ(core[11]["reset"], now + 1800);
  EXPECT_EQ(core[12]["account"], "acme");
  EXPECT_EQ(core[12]["limit"], 12500);
  EXPECT_EQ(core[12]["remaining"], 4000);

  auto text = run({"rate-limit"}, app_env());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("INSTALLATION"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("11 octo"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("12 acme"), std::string::npos) << text.out;
}

INSTANTIATE_TEST_SUITE_P(Postgres, AppInstallations, ::testing::Values(store::Backend::kPostgres),
                         backend_param_name);

}  // namespace
}  // namespace backfill::testing
