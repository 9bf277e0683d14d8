// Absurd durations and events that name no repository, through the real
// binary: usage errors (exit 2) naming the input as the user gave it, and not
// a single request to GitHub.
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class RunInputs : public BackfillE2E {
 protected:
  std::map<std::string, std::string> event_env(const std::string& event_name,
                                               const nlohmann::json& payload) {
    const std::string path = workdir_ + "/event.json";
    std::ofstream(path) << payload.dump();
    return {{"GITHUB_ACTIONS", "true"},
            {"GITHUB_EVENT_NAME", event_name},
            {"GITHUB_EVENT_PATH", path},
            {"GITHUB_REPOSITORY", "acme/ops"}};
  }
  void expect_usage_error_naming(const ProcessResult& r, const std::string& setting) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(setting + ": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("maximum"), std::string::npos) << r.err;
  }
};

TEST_P(RunInputs, DurationFlagsBeyondTheMaximumAreUsageErrorsNamingTheFlag) {
  github_.add_repository("octo/x", 10);
  for (const char* budget :
       {"99999999999999999999h", "9223372036854775807s", "100000000h", "721h"}) {
    SCOPED_TRACE(budget);
    expect_usage_error_naming(run({"--repo", "octo/x", "--time-budget", budget}), "--time-budget");
    expect_usage_error_naming(run({"run", "--repo", "octo/x", "--time-budget", budget}),
                              "--time-budget");
    expect_usage_error_naming(run({"work", "--until-empty", "--time-budget", budget}),
                              "--time-budget");
    expect_usage_error_naming(run({"check-migration-status", "--stall-after", budget}),
                              "--stall-after");
    expect_usage_error_naming(run({"check-migration-status", "--schedule", "--dispatch-repo",
                                   "acme/ops", "--inline-budget", budget}),
                              "--inline-budget");
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(RunInputs, EventTimeBudgetBeyondTheMaximumNamesTheEventField) {
  github_.add_repository("octo/x", 10);
  const auto from_inputs =
      run({}, event_env("workflow_dispatch",
                        {{"inputs", {{"repository", "octo/x"}, {"time_budget", "100000000h"}}}}));
  expect_usage_error_naming(from_inputs, "inputs.time_budget");
  const auto from_payload =
      run({}, event_env("repository_dispatch",
                        {{"action", "progressive-backfill"},
                         {"client_payload",
                          {{"repository", "octo/x"},
                           {"time_budget", nlohmann::json::parse("99999999999999999999")}}}}));
  expect_usage_error_naming(from_payload, "client_payload.time_budget");
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(RunInputs, EventWithoutRepositorySaysSoInsteadOfAskingForAFlag) {
  const auto no_inputs = run({}, event_env("workflow_dispatch", {{"ref", "refs/heads/main"}}));
  EXPECT_EQ(no_inputs.exit_code, 2) << no_inputs.err;
  EXPECT_NE(no_inputs.err.find("workflow_dispatch event has no inputs.repository"),
            std::string::npos)
      << no_inputs.err;
  EXPECT_EQ(no_inputs.err.find("--repo"), std::string::npos) << no_inputs.err;

  const auto no_payload =
      run({}, event_env("repository_dispatch", {{"action", "progressive-backfill"}}));
  EXPECT_EQ(no_payload.exit_code, 2) << no_payload.err;
  EXPECT_NE(no_payload.err.find("repository_dispatch event has no client_payload.repository"),
            std::string::npos)
      << no_payload.err;
  EXPECT_EQ(api_requests(), 0u);
}

BACKFILL_E2E_BACKENDS(RunInputs);

}  // namespace
}  // namespace backfill::testing
