// A run started by an event that names no repository says what the event
// lacks, instead of asking for a --repo flag nobody typed.
#include <gtest/gtest.h>

#include <map>

#include "backfill/cli/config.hpp"
#include "backfill/core/errors.hpp"

using namespace backfill::cli;

namespace {

EnvLookup actions_env(const std::string& event_name) {
  std::map<std::string, std::string> vars = {{"GITHUB_ACTIONS", "true"},
                                             {"GITHUB_EVENT_NAME", event_name},
                                             {"GITHUB_EVENT_PATH", "/github/workflow/event.json"},
                                             {"GITHUB_REPOSITORY", "acme/ops"}};
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// The real parser over a payload given here rather than read from a file.
EventLoader payload_loader(const std::string& payload) {
  return [payload](const std::string& name, const std::string&) {
    return backfill::actions::read_event(name, payload);
  };
}

std::string usage_error(const std::string& event_name, const std::string& payload) {
  try {
    resolve_config({}, actions_env(event_name), payload_loader(payload));
  } catch (const backfill::UsageError& e) {
    return e.what();
  }
  return "no error";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST(ConfigEventRepository, WorkflowDispatchWithoutInputsSaysSo) {
  for (const char* payload : {R"({"ref":"refs/heads/main"})", R"({"inputs":null})"}) {
    const std::string message = usage_error("workflow_dispatch", payload);
    EXPECT_TRUE(starts_with(message, "workflow_dispatch event has no inputs.repository"))
        << message;
    EXPECT_NE(message.find("no inputs at all"), std::string::npos) << message;
    EXPECT_EQ(message.find("--repo"), std::string::npos) << message;
  }
}

TEST(ConfigEventRepository, WorkflowDispatchInputsWithoutRepositorySaySo) {
  for (const char* payload : {R"({"inputs":{}})", R"({"inputs":{"chunk_size":"10"}})",
                              R"({"inputs":{"repository":""}})"}) {
    const std::string message = usage_error("workflow_dispatch", payload);
    EXPECT_TRUE(starts_with(message, "workflow_dispatch event has no inputs.repository"))
        << message;
    EXPECT_EQ(message.find("--repo"), std::string::npos) << message;
  }
}

TEST(ConfigEventRepository, RepositoryDispatchWithoutRepositorySaysSo) {
  const std::string none =
      usage_error("repository_dispatch", R"({"action":"progressive-backfill"})");
  EXPECT_TRUE(starts_with(none, "repository_dispatch event has no client_payload.repository"))
      << none;
  EXPECT_NE(none.find("no client_payload at all"), std::string::npos) << none;
  const std::string empty =
      usage_error("repository_dispatch",
                  R"({"action":"progressive-backfill","client_payload":{"restart":true}})");
  EXPECT_TRUE(starts_with(empty, "repository_dispatch event has no client_payload.repository"))
      << empty;
}

TEST(ConfigEventRepository, TheRepositoryFlagStillNeedsNoEvent) {
  Flags flags;
  flags.repo = "octo/flag";
  EXPECT_EQ(
      resolve_config(flags, actions_env("workflow_dispatch"), payload_loader("{}")).repo->full(),
      "octo/flag");
}

TEST(ConfigEventRepository, OtherCommandsDoNotNeedARepositoryFromTheEvent) {
  Flags flags;
  flags.event_supplies_run = false;  // status, check-migration-status, ...
  EXPECT_FALSE(resolve_config(flags, actions_env("workflow_dispatch"), payload_loader("{}")).repo);
}
