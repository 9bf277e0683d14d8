// `backfill route` against the fake GitHub server: one count request, the
// decision on one line or as JSON. No database is involved.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "backfill/cli/fleet_commands.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/github/client.hpp"
#include "fake_github/fake_github.hpp"

namespace backfill::fleet {
namespace {

class RouteCommand : public ::testing::Test {
 protected:
  RouteCommand() {
    config.api_url = github.start();
    config.max_retries = 1;
    config.backoff_base_ms = 1;
  }
  ~RouteCommand() override { github.stop(); }

  std::string route_text(const std::string& repo, RouteSettings settings = {}) {
    out.str("");
    cli::RouteOptions options{parse_repo_name(repo), settings, false};
    EXPECT_EQ(cli::command_route(config, options, out), kExitCompleted);
    return out.str();
  }

  fake_github::FakeGitHub github;
  cli::Config config;
  std::ostringstream out;
};

TEST_F(RouteCommand, PrintsTheDecisionAndItsReasonFromOneCountRequest) {
  github.add_repository("octocat/Hello-World", 312);  // bucket 84
  github.add_repository("microsoft/vscode", 5);       // bucket 10

  EXPECT_EQ(route_text("octocat/Hello-World"), "inline (312 PRs, bucket 84 \u2265 25%)\n");
  ASSERT_EQ(github.requests().size(), 1u);
  EXPECT_EQ(github.requests()[0].path, "/repos/octocat/Hello-World/pulls");
  EXPECT_NE(github.requests()[0].query.find("per_page=1"), std::string::npos);

  EXPECT_EQ(route_text("octocat/Hello-World", {300, 25}), "actions (312 PRs > threshold 300)\n");
  EXPECT_EQ(route_text("microsoft/vscode"), "actions (rollout bucket 10 < 25%)\n");
  EXPECT_EQ(route_text("microsoft/vscode", {1000, 10}), "inline (5 PRs, bucket 10 \u2265 10%)\n");
}

TEST_F(RouteCommand, JsonCarriesTheDecisionAndTheSettings) {
  github.add_repository("torvalds/linux", 1001);  // bucket 29
  cli::RouteOptions options{RepoName{"torvalds", "linux"}, {1000, 25}, true};
  ASSERT_EQ(cli::command_route(config, options, out), kExitCompleted);
  const auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["repository"], "torvalds/linux");
  EXPECT_EQ(j["target"], "actions");
  EXPECT_EQ(j["rule"], "threshold");
  EXPECT_EQ(j["reason"], "1,001 PRs > threshold 1,000");
  EXPECT_EQ(j["pull_count"], 1001);
  EXPECT_EQ(j["bucket"], 29);
  EXPECT_EQ(j["actions_threshold"], 1000);
  EXPECT_EQ(j["actions_percentage"], 25);
}

TEST_F(RouteCommand, AnUnknownRepositoryIsAnError) {
  cli::RouteOptions options{RepoName{"octo", "missing"}, {}, false};
  try {
    cli::command_route(config, options, out);
    ADD_FAILURE() << "no GitHubError";
  } catch (const github::GitHubError& e) {
    EXPECT_EQ(e.kind(), github::ErrorKind::kNotFound);
  }
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace backfill::fleet
