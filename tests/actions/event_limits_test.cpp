// Event values that would overflow or make no sense are refused, named by
// their field in the payload.
#include <gtest/gtest.h>

#include <string>

#include "backfill/actions/event.hpp"
#include "backfill/core/errors.hpp"

using backfill::actions::read_event;

namespace {

std::string usage_error(const std::string& event, const std::string& payload) {
  try {
    read_event(event, payload);
  } catch (const backfill::UsageError& e) {
    return e.what();
  }
  return "no error";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST(EventLimits, TimeBudgetBeyondTheMaximumNamesTheInput) {
  for (const char* budget :
       {R"("100000000h")", R"("9223372036854775807s")", R"("99999999999999999999h")",
        "99999999999999999999", "9223372036854775807", "2592001"}) {
    const std::string inputs =
        usage_error("workflow_dispatch",
                    std::string(R"({"inputs":{"repository":"a/b","time_budget":)") + budget + "}}");
    EXPECT_TRUE(starts_with(inputs, "inputs.time_budget: ")) << inputs;
    EXPECT_NE(inputs.find("maximum"), std::string::npos) << budget << ": " << inputs;
    const std::string payload = usage_error(
        "repository_dispatch",
        std::string(R"({"action":"progressive-backfill","client_payload":{"time_budget":)") +
            budget + "}}");
    EXPECT_TRUE(starts_with(payload, "client_payload.time_budget: ")) << payload;
    EXPECT_NE(payload.find("maximum"), std::string::npos) << budget << ": " << payload;
  }
}

TEST(EventLimits, TheMaximumItselfIsAccepted) {
  const auto in = read_event("workflow_dispatch", R"({"inputs":{"time_budget":"720h"}})");
  EXPECT_EQ(in.time_budget, "720h");
}
