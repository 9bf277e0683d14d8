#include "backfill/actions/dispatch.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "backfill/actions/event.hpp"
#include "backfill/actions/run_context.hpp"
#include "backfill/actions/run_settings.hpp"

using namespace backfill::actions;
using backfill::parse_repo_name;

TEST(DispatchPayload, HasTheEventTypeAndOnlyTheSetSettings) {
  RunSettings settings;
  settings.chunk_size = 25;
  settings.time_budget = "5h45m";
  const nlohmann::json body = dispatch_payload(parse_repo_name("octocat/Hello-World"), settings);
  EXPECT_EQ(body, nlohmann::json::parse(R"({"event_type":"progressive-backfill","client_payload":
      {"repository":"octocat/Hello-World","chunk_size":25,"time_budget":"5h45m"}})"));
}

TEST(DispatchPayload, NeverRestartsAndStaysWithinGitHubsPropertyLimit) {
  RunSettings settings{50, 3, "1h", /*restart=*/true, std::nullopt};
  const nlohmann::json body = dispatch_payload(parse_repo_name("a/b"), settings);
  EXPECT_FALSE(body["client_payload"].contains("restart"));
  EXPECT_LE(body["client_payload"].size(), kMaxClientPayloadProperties);
  EXPECT_EQ(body.size(), 2u);  // event_type and client_payload, nothing GitHub would reject
}

TEST(DispatchPayload, ReadsBackAsTheSameSettings) {
  RunSettings settings{25, 7, "45m", false, std::nullopt};
  const nlohmann::json body = dispatch_payload(parse_repo_name("acme/tools"), settings);
  // What GitHub delivers to the dispatched run: the event type as `action`.
  const nlohmann::json event = {{"action", body["event_type"]},
                                {"branch", "main"},
                                {"client_payload", body["client_payload"]}};
  const EventInputs in = read_event("repository_dispatch", event.dump());
  EXPECT_EQ(in.repository->full(), "acme/tools");
  EXPECT_EQ(in.chunk_size, 25);
  EXPECT_EQ(in.max_chunks, 7);
  EXPECT_EQ(in.time_budget, "45m");
  EXPECT_FALSE(in.restart);
}

TEST(ResumeCommand, NamesTheRepositoryAndOnlyNonDefaultSettings) {
  const auto repo = parse_repo_name("octocat/Hello-World");
  EXPECT_EQ(resume_command(repo, {}), "backfill --repo octocat/Hello-World");
  EXPECT_EQ(resume_command(repo, {50, std::nullopt, std::nullopt, false, std::nullopt}),
            "backfill --repo octocat/Hello-World");
  EXPECT_EQ(
      resume_command(repo, {25, 10, "5h45m", true, std::nullopt}),
      "backfill --repo octocat/Hello-World --chunk-size 25 --max-chunks 10 --time-budget 5h45m");
}

TEST(ResumeCommand, QuotesWhatAShellWouldSplit) {
  EXPECT_EQ(resume_command(parse_repo_name("a/b"),
                           {std::nullopt, std::nullopt, "5 h'x", false, std::nullopt}),
            "backfill --repo a/b --time-budget '5 h'\\''x'");
}

TEST(RunContext, RunUrlFromTheRunnersEnvironment) {
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "GITHUB_SERVER_URL") return "https://github.com/";
    if (name == "GITHUB_REPOSITORY") return "acme/ops";
    if (name == "GITHUB_RUN_ID") return "1234567";
    return std::nullopt;
  };
  EXPECT_EQ(actions_run_url(env), "https://github.com/acme/ops/actions/runs/1234567");
}

TEST(RunContext, NoRunUrlOutsideActions) {
  const EnvLookup nothing = [](const std::string&) -> std::optional<std::string> {
    return std::nullopt;
  };
  EXPECT_FALSE(actions_run_url(nothing));
  const EnvLookup partial = [](const std::string& name) -> std::optional<std::string> {
    if (name == "GITHUB_RUN_ID") return "";
    return "x";
  };
  EXPECT_FALSE(actions_run_url(partial));
}

TEST(RunContext, TriggerNames) {
  EXPECT_EQ(trigger_for("workflow_dispatch"), "workflow_dispatch");
  EXPECT_EQ(trigger_for("repository_dispatch"), "repository_dispatch");
  EXPECT_EQ(trigger_for("schedule"), "schedule");
  EXPECT_EQ(trigger_for(std::nullopt), "terminal");
  EXPECT_EQ(trigger_for(""), "terminal");
}
