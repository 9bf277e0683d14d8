#include "backfill/cli/config.hpp"

#include <gtest/gtest.h>

#include <map>

#include "backfill/core/errors.hpp"

using namespace backfill::cli;
namespace actions = backfill::actions;

namespace {
EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST(Config, DefaultsWhenNothingIsGiven) {
  auto c = resolve_config({}, env_of({}));
  EXPECT_EQ(c.database_url, "sqlite:backfill.db");
  EXPECT_EQ(c.api_url, "https://api.github.com");
  EXPECT_EQ(c.token, "");
  EXPECT_EQ(c.chunk_size, 50);
  EXPECT_FALSE(c.max_chunks);
  EXPECT_FALSE(c.repo);
}

TEST(Config, FlagBeatsEnvironmentBeatsDefault) {
  Flags flags;
  auto env =
      env_of({{"DATABASE_URL", "postgres://env/db"}, {"GITHUB_API_URL", "http://127.0.0.1:9/"}});
  auto from_env = resolve_config(flags, env);
  EXPECT_EQ(from_env.database_url, "postgres://env/db");
  EXPECT_EQ(from_env.api_url, "http://127.0.0.1:9");
  flags.database_url = "sqlite:/tmp/x.db";
  flags.api_url = "https://ghe.example.com/api/v3";
  auto from_flags = resolve_config(flags, env);
  EXPECT_EQ(from_flags.database_url, "sqlite:/tmp/x.db");
  EXPECT_EQ(from_flags.api_url, "https://ghe.example.com/api/v3");
}

TEST(Config, TokenFromGithubTokenThenGhToken) {
  EXPECT_EQ(resolve_config({}, env_of({{"GH_TOKEN", "b"}})).token, "b");
  EXPECT_EQ(resolve_config({}, env_of({{"GITHUB_TOKEN", "a"}, {"GH_TOKEN", "b"}})).token, "a");
}

TEST(Config, ChunkSizeRange) {
  Flags flags;
  for (long ok : {1L, 50L, 100L}) {
    flags.chunk_size = ok;
    EXPECT_EQ(resolve_config(flags, env_of({})).chunk_size, ok);
  }
  for (long bad : {0L, -1L, 101L}) {
    flags.chunk_size = bad;
    EXPECT_THROW(resolve_config(flags, env_of({})), backfill::UsageError) << bad;
  }
}

TEST(Config, RejectsBadValuesNamingThem) {
  auto message_of = [](Flags flags) {
    try {
      resolve_config(flags, env_of({}));
    } catch (const backfill::UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  Flags f1;
  f1.repo = "not-a-repo";
  EXPECT_NE(message_of(f1).find("not-a-repo"), std::string::npos);
  Flags f2;
  f2.api_url = "ftp://x";
  EXPECT_NE(message_of(f2).find("ftp://x"), std::string::npos);
  Flags f3;
  f3.database_url = "mysql://x/y";
  EXPECT_NE(message_of(f3).find("mysql"), std::string::npos);
  Flags f4;
  f4.time_budget = "soon";
  EXPECT_NE(message_of(f4).find("soon"), std::string::npos);
  Flags f5;
  f5.max_chunks = 0;
  EXPECT_NE(message_of(f5).find("--max-chunks"), std::string::npos);
  Flags f6;
  f6.log_format = "xml";
  EXPECT_NE(message_of(f6).find("xml"), std::string::npos);
  Flags f7;  // credentials in the API URL: refused, and not repeated
  f7.api_url = "https://user:hunter2@api.github.com";
  EXPECT_NE(message_of(f7).find("without user:password@"), std::string::npos);
  EXPECT_EQ(message_of(f7).find("hunter2"), std::string::npos);
}

namespace {
EventLoader event_returning(actions::EventInputs inputs, std::string* seen_name = nullptr) {
  return [inputs, seen_name](const std::string& name, const std::string&) {
    if (seen_name) *seen_name = name;
    return inputs;
  };
}
std::map<std::string, std::string> actions_env() {
  return {{"GITHUB_ACTIONS", "true"},
          {"GITHUB_EVENT_NAME", "workflow_dispatch"},
          {"GITHUB_EVENT_PATH", "/github/workflow/event.json"},
          {"GITHUB_REPOSITORY", "acme/ops"},
          {"GITHUB_SERVER_URL", "https://github.com"},
          {"GITHUB_RUN_ID", "42"},
          {"GITHUB_OUTPUT", "/tmp/out"},
          {"GITHUB_STEP_SUMMARY", "/tmp/summary"}};
}
}  // namespace

TEST(Config, UnderActionsTheEventSuppliesWhatFlagsLeaveOut) {
  actions::EventInputs event;
  event.repository = backfill::parse_repo_name("octo/from-event");
  event.chunk_size = 30;
  event.time_budget = "2h";
  event.restart = true;
  Flags flags;
  flags.chunk_size = 40;  // flags beat the event
  std::string seen;
  auto c = resolve_config(flags, env_of(actions_env()), event_returning(event, &seen));
  EXPECT_EQ(seen, "workflow_dispatch");
  EXPECT_EQ(c.repo->full(), "octo/from-event");
  EXPECT_EQ(c.chunk_size, 40);
  EXPECT_EQ(c.time_budget, std::chrono::hours(2));
  EXPECT_TRUE(c.restart);
  EXPECT_TRUE(c.actions.active);
  EXPECT_EQ(c.actions.trigger, "workflow_dispatch");
  EXPECT_EQ(c.actions.run_url, "https://github.com/acme/ops/actions/runs/42");
  EXPECT_TRUE(c.actions.report_issues);
  EXPECT_TRUE(c.actions.continue_via_dispatch);
  EXPECT_EQ(c.actions.issues_repo->full(), "acme/ops");
  EXPECT_EQ(c.actions.output_path, "/tmp/out");
}

TEST(Config, RepoFlagMeansTheEventIsNotRead) {
  Flags flags;
  flags.repo = "octo/flag";
  bool read = false;
  EventLoader loader = [&](const std::string&, const std::string&) {
    read = true;
    return actions::EventInputs{};
  };
  auto c = resolve_config(flags, env_of(actions_env()), loader);
  EXPECT_FALSE(read);
  EXPECT_EQ(c.repo->full(), "octo/flag");
}

TEST(Config, OutsideActionsNothingIsReportedOrDispatchedByDefault) {
  Flags flags;
  flags.repo = "octo/x";
  auto c = resolve_config(flags, env_of({}));
  EXPECT_FALSE(c.actions.active);
  EXPECT_EQ(c.actions.trigger, "terminal");
  EXPECT_FALSE(c.actions.report_issues);
  EXPECT_FALSE(c.actions.continue_via_dispatch);
}

TEST(Config, EventFlagsWorkFromATerminal) {
  actions::EventInputs event;
  event.repository = backfill::parse_repo_name("octo/tried");
  Flags flags;
  flags.event_name = "repository_dispatch";
  flags.event_path = "/tmp/e.json";
  std::string seen;
  auto c = resolve_config(flags, env_of({}), event_returning(event, &seen));
  EXPECT_EQ(seen, "repository_dispatch");
  EXPECT_EQ(c.repo->full(), "octo/tried");
  EXPECT_FALSE(c.actions.active);
}

TEST(Config, ReportingIssuesNeedsARepositoryForThem) {
  Flags flags;
  flags.repo = "octo/x";
  flags.report_issues = true;
  EXPECT_THROW(resolve_config(flags, env_of({})), backfill::UsageError);
  flags.issues_repo = "acme/reports";
  EXPECT_EQ(resolve_config(flags, env_of({})).actions.issues_repo->full(), "acme/reports");
}

TEST(Config, UnderActionsWithoutAnEventPathIsAUsageError) {
  auto env = actions_env();
  env.erase("GITHUB_EVENT_PATH");
  EXPECT_THROW(resolve_config({}, env_of(env), event_returning({})), backfill::UsageError);
}
