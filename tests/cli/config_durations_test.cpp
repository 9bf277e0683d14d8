// Durations reach the configuration bounded, and a refused one is named as
// the user gave it: the flag, or the event field it came from.
#include <gtest/gtest.h>

#include <map>

#include "backfill/cli/config.hpp"
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

std::map<std::string, std::string> actions_env(const std::string& event_name) {
  return {{"GITHUB_ACTIONS", "true"},
          {"GITHUB_EVENT_NAME", event_name},
          {"GITHUB_EVENT_PATH", "/github/workflow/event.json"},
          {"GITHUB_REPOSITORY", "acme/ops"}};
}

// An event as a loader that does no validation of its own would return it,
// so that resolve_config's own checks are what the tests see.
EventLoader event_with_budget(const std::string& budget) {
  return [budget](const std::string&, const std::string&) {
    actions::EventInputs event;
    event.repository = backfill::parse_repo_name("octo/from-event");
    event.time_budget = budget;
    return event;
  };
}

std::string usage_error(const Flags& flags, const EnvLookup& env,
                        const EventLoader& loader = event_file_loader()) {
  try {
    resolve_config(flags, env, loader);
  } catch (const backfill::UsageError& e) {
    return e.what();
  }
  return "no error";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST(ConfigDurations, FlagBeyondTheMaximumNamesTheFlag) {
  for (const char* budget : {"100000000h", "9223372036854775807s", "99999999999999999999h"}) {
    Flags flags;
    flags.repo = "octo/x";
    flags.time_budget = budget;
    const std::string message = usage_error(flags, env_of({}));
    EXPECT_TRUE(starts_with(message, "--time-budget: ")) << message;
    EXPECT_NE(message.find(budget), std::string::npos) << message;
    EXPECT_NE(message.find("maximum"), std::string::npos) << message;
  }
}

TEST(ConfigDurations, MalformedFlagNamesTheFlag) {
  Flags flags;
  flags.repo = "octo/x";
  flags.time_budget = "soon";
  EXPECT_TRUE(starts_with(usage_error(flags, env_of({})), "--time-budget: "));
}

TEST(ConfigDurations, EventValueNamesTheEventField) {
  const std::string from_inputs =
      usage_error({}, env_of(actions_env("workflow_dispatch")), event_with_budget("100000000h"));
  EXPECT_TRUE(starts_with(from_inputs, "inputs.time_budget: ")) << from_inputs;
  const std::string from_payload =
      usage_error({}, env_of(actions_env("repository_dispatch")), event_with_budget("100000000h"));
  EXPECT_TRUE(starts_with(from_payload, "client_payload.time_budget: ")) << from_payload;
}

TEST(ConfigDurations, TheFlagBeatsABadEventValueAndIsTheOneNamed) {
  Flags flags;
  flags.time_budget = "721h";
  const std::string message =
      usage_error(flags, env_of(actions_env("workflow_dispatch")), event_with_budget("1h"));
  EXPECT_TRUE(starts_with(message, "--time-budget: ")) << message;
}

TEST(ConfigDurations, TheMaximumItselfIsAccepted) {
  Flags flags;
  flags.repo = "octo/x";
  flags.time_budget = "720h";
  EXPECT_EQ(resolve_config(flags, env_of({})).time_budget, std::chrono::hours(720));
}
