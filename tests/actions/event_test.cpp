#include "backfill/actions/event.hpp"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"

using backfill::UsageError;
using backfill::actions::EventInputs;
using backfill::actions::read_event;

namespace {

// The message of the UsageError that reading the event throws, or a failure.
std::string usage_error(const std::string& event, const std::string& payload) {
  try {
    read_event(event, payload);
  } catch (const UsageError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no UsageError for " << event << " " << payload;
  return "";
}

std::string dispatch_inputs(const std::string& inputs) {
  return R"({"ref":"refs/heads/main","repository":{"full_name":"acme/tools"},"sender":{"login":"octocat"},"workflow":".github/workflows/progressive-backfill.yml","inputs":)" +
         inputs + "}";
}

std::string client_payload(const std::string& payload) {
  return R"({"action":"progressive-backfill","branch":"main","installation":null,"client_payload":)" +
         payload + "}";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST(ReadEvent, WorkflowDispatchInputsArriveAsStrings) {
  const EventInputs in = read_event(
      "workflow_dispatch",
      dispatch_inputs(R"({"repository":"octocat/Hello-World","chunk_size":"25","max_chunks":"4",)"
                      R"("time_budget":"5h45m","restart":"true"})"));
  ASSERT_TRUE(in.repository);
  EXPECT_EQ(in.repository->full(), "octocat/Hello-World");
  EXPECT_EQ(in.chunk_size, 25);
  EXPECT_EQ(in.max_chunks, 4);
  EXPECT_EQ(in.time_budget, "5h45m");
  EXPECT_TRUE(in.restart);
}

TEST(ReadEvent, EmptyStringsAndNullsAreAbsent) {
  const EventInputs in =
      read_event("workflow_dispatch",
                 dispatch_inputs(R"({"repository":"a/b","chunk_size":"","max_chunks":"",)"
                                 R"("time_budget":null,"restart":"","actions_percentage":""})"));
  EXPECT_EQ(in.repository->full(), "a/b");
  EXPECT_FALSE(in.chunk_size);
  EXPECT_FALSE(in.max_chunks);
  EXPECT_FALSE(in.time_budget);
  EXPECT_FALSE(in.restart);
  EXPECT_FALSE(in.actions_percentage);
}

TEST(ReadEvent, NoInputsAtAllIsNoSettings) {
  for (const char* payload : {R"({"ref":"main"})", R"({"inputs":null})", R"({"inputs":{}})"}) {
    const EventInputs in = read_event("workflow_dispatch", payload);
    EXPECT_FALSE(in.repository) << payload;
    EXPECT_FALSE(in.chunk_size) << payload;
    EXPECT_FALSE(in.restart) << payload;
  }
}

TEST(ReadEvent, RepositoryDispatchTakesJsonTypesAndStrings) {
  const EventInputs typed = read_event(
      "repository_dispatch",
      client_payload(
          R"({"repository":"acme/tools","chunk_size":50,"max_chunks":2,"time_budget":"45m","restart":false})"));
  EXPECT_EQ(typed.repository->full(), "acme/tools");
  EXPECT_EQ(typed.chunk_size, 50);
  EXPECT_EQ(typed.max_chunks, 2);
  EXPECT_EQ(typed.time_budget, "45m");
  EXPECT_FALSE(typed.restart);

  const EventInputs strings = read_event(
      "repository_dispatch",
      client_payload(R"({"repository":"acme/tools","chunk_size":"50","restart":"true"})"));
  EXPECT_EQ(strings.chunk_size, 50);
  EXPECT_TRUE(strings.restart);
}

TEST(ReadEvent, WholeNumbersMayBeWrittenAsIntegralFloats) {
  const EventInputs in =
      read_event("repository_dispatch", client_payload(R"({"chunk_size":50.0})"));
  EXPECT_EQ(in.chunk_size, 50);
}

TEST(ReadEvent, TimeBudgetAsABareNumberIsSeconds) {
  const EventInputs in =
      read_event("repository_dispatch", client_payload(R"({"time_budget":3600})"));
  EXPECT_EQ(in.time_budget, "3600");
}

TEST(ReadEvent, SchedulerSettingsAreKnown) {
  const EventInputs in = read_event(
      "workflow_dispatch",
      dispatch_inputs(
          R"({"actions_threshold":"5000","actions_percentage":"12.5","max_dispatch":"3"})"));
  EXPECT_EQ(in.actions_threshold, 5000);
  EXPECT_DOUBLE_EQ(*in.actions_percentage, 12.5);
  EXPECT_EQ(in.max_dispatch, 3);
  const EventInputs typed = read_event(
      "repository_dispatch", client_payload(R"({"actions_threshold":0,"actions_percentage":100})"));
  EXPECT_EQ(typed.actions_threshold, 0);
  EXPECT_DOUBLE_EQ(*typed.actions_percentage, 100.0);
}

TEST(ReadEvent, RepositoryIsCanonicalisedByTheCoreRules) {
  const EventInputs in =
      read_event("workflow_dispatch",
                 dispatch_inputs(R"({"repository":"https://github.com/acme/tools.git"})"));
  EXPECT_EQ(in.repository->full(), "acme/tools");
}

TEST(ReadEvent, OtherEventsAreAUsageErrorNamingTheEvent) {
  for (const char* event : {"push", "schedule", "pull_request", ""}) {
    const std::string message = usage_error(event, "{}");
    EXPECT_NE(message.find(std::string("\"") + event + "\""), std::string::npos) << message;
    EXPECT_TRUE(starts_with(message, "GITHUB_EVENT_NAME: ")) << message;
  }
}

TEST(ReadEvent, RepositoryDispatchOfAnotherTypeIsRejected) {
  EXPECT_EQ(usage_error("repository_dispatch", R"({"action":"deploy","client_payload":{}})"),
            "action: expected the event type \"progressive-backfill\", got \"deploy\"");
  EXPECT_TRUE(
      starts_with(usage_error("repository_dispatch", R"({"client_payload":{}})"), "action: "));
}

TEST(ReadEvent, PayloadThatIsNotAJsonObjectIsRejected) {
  EXPECT_TRUE(starts_with(usage_error("workflow_dispatch", "{\"inputs\": "),
                          "event payload: not valid JSON"));
  EXPECT_TRUE(starts_with(usage_error("workflow_dispatch", ""), "event payload: not valid JSON"));
  EXPECT_EQ(usage_error("workflow_dispatch", "[1,2]"),
            "event payload: expected a JSON object, got [1,2]");
  EXPECT_EQ(usage_error("workflow_dispatch", R"({"inputs":"repository=a/b"})"),
            "inputs: expected an object, got \"repository=a/b\"");
  EXPECT_EQ(usage_error("repository_dispatch",
                        R"({"action":"progressive-backfill","client_payload":[]})"),
            "client_payload: expected an object, got []");
}

struct MalformedCase {
  const char* settings;
  const char* message;  // the whole message, or its start when it ends with "..."
};

class MalformedClientPayload : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedClientPayload, IsAUsageErrorNamingTheField) {
  const std::string message =
      usage_error("repository_dispatch", client_payload(GetParam().settings));
  const std::string expected = GetParam().message;
  if (expected.size() > 3 && expected.compare(expected.size() - 3, 3, "...") == 0) {
    EXPECT_TRUE(starts_with(message, expected.substr(0, expected.size() - 3))) << message;
  } else {
    EXPECT_EQ(message, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fields, MalformedClientPayload,
    ::testing::Values(
        MalformedCase{R"({"chunk_size":"fifty"})",
                      R"(client_payload.chunk_size: expected a whole number 1-100, got "fifty")"},
        MalformedCase{R"({"chunk_size":0})",
                      "client_payload.chunk_size: expected a whole number 1-100, got 0"},
        MalformedCase{R"({"chunk_size":101})",
                      "client_payload.chunk_size: expected a whole number 1-100, got 101"},
        MalformedCase{R"({"chunk_size":"101"})",
                      R"(client_payload.chunk_size: expected a whole number 1-100, got "101")"},
        MalformedCase{R"({"chunk_size":2.5})",
                      "client_payload.chunk_size: expected a whole number 1-100, got 2.5"},
        MalformedCase{R"({"chunk_size":" 5"})",
                      R"(client_payload.chunk_size: expected a whole number 1-100, got " 5")"},
        MalformedCase{R"({"chunk_size":true})",
                      "client_payload.chunk_size: expected a whole number 1-100, got true"},
        MalformedCase{R"({"chunk_size":"99999999999999999999999"})",
                      "client_payload.chunk_size: expected a whole number 1-100, got ..."},
        MalformedCase{R"({"max_chunks":0})",
                      "client_payload.max_chunks: expected a whole number of at least 1, got 0"},
        MalformedCase{
            R"({"max_chunks":"-3"})",
            R"(client_payload.max_chunks: expected a whole number of at least 1, got "-3")"},
        MalformedCase{R"({"max_chunks":[1]})",
                      "client_payload.max_chunks: expected a whole number of at least 1, got [1]"},
        MalformedCase{R"({"restart":"yes"})",
                      R"(client_payload.restart: expected true or false, got "yes")"},
        MalformedCase{R"({"restart":1})", "client_payload.restart: expected true or false, got 1"},
        MalformedCase{R"({"restart":"TRUE"})",
                      R"(client_payload.restart: expected true or false, got "TRUE")"},
        MalformedCase{R"({"time_budget":"soon"})",
                      "client_payload.time_budget: invalid duration 'soon'..."},
        MalformedCase{
            R"({"time_budget":{"h":5}})",
            R"(client_payload.time_budget: expected a duration such as "5h45m", got {"h":5})"},
        MalformedCase{R"({"time_budget":0})",
                      "client_payload.time_budget: expected a whole number of at least 1, got 0"},
        MalformedCase{R"({"repository":"not a repo"})",
                      "client_payload.repository: invalid repository..."},
        MalformedCase{R"({"repository":"-bad/name"})",
                      "client_payload.repository: invalid repository..."},
        MalformedCase{R"({"repository":42})",
                      "client_payload.repository: expected OWNER/NAME as a string, got 42"},
        MalformedCase{
            R"({"actions_threshold":-1})",
            "client_payload.actions_threshold: expected a whole number of at least 0, got -1"},
        MalformedCase{R"({"actions_percentage":"150"})",
                      R"(client_payload.actions_percentage: expected a number 0-100, got "150")"},
        MalformedCase{R"({"actions_percentage":"nan"})",
                      R"(client_payload.actions_percentage: expected a number 0-100, got "nan")"},
        MalformedCase{
            R"({"max_dispatch":"many"})",
            R"(client_payload.max_dispatch: expected a whole number of at least 0, got "many")"},
        MalformedCase{R"({"chunksize":50})",
                      "client_payload.chunksize: unknown setting (known: ..."},
        MalformedCase{R"({"repository":"a/b","token":"x"})",
                      "client_payload.token: unknown setting..."}));

TEST(ReadEvent, WorkflowDispatchErrorsNameTheInputsField) {
  EXPECT_EQ(usage_error("workflow_dispatch", dispatch_inputs(R"({"chunk_size":"fifty"})")),
            R"(inputs.chunk_size: expected a whole number 1-100, got "fifty")");
  EXPECT_TRUE(starts_with(usage_error("workflow_dispatch", dispatch_inputs(R"({"repo":"a/b"})")),
                          "inputs.repo: unknown setting"));
}

TEST(ReadEvent, UnknownKeysAreRejectedEvenWhenEmpty) {
  // An empty value of a misspelt input would otherwise pass unnoticed.
  EXPECT_TRUE(starts_with(usage_error("workflow_dispatch", dispatch_inputs(R"({"chunk_sise":""})")),
                          "inputs.chunk_sise: unknown setting"));
}

TEST(ReadEvent, LongValuesAreShortenedInTheMessage) {
  const std::string message = usage_error(
      "repository_dispatch", client_payload(R"({"restart":")" + std::string(5000, 'x') + "\"}"));
  EXPECT_LT(message.size(), 200u);
}

TEST(ReadEventFile, ReadsThePayloadFromThePath) {
  const std::string path = ::testing::TempDir() + "/event_test_payload.json";
  std::ofstream(path) << dispatch_inputs(R"({"repository":"acme/tools"})");
  EXPECT_EQ(backfill::actions::read_event_file("workflow_dispatch", path).repository->full(),
            "acme/tools");
}

TEST(ReadEventFile, AnUnreadableFileIsAUsageErrorNamingThePath) {
  try {
    backfill::actions::read_event_file("workflow_dispatch", "/nonexistent/event.json");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_TRUE(starts_with(e.what(), "GITHUB_EVENT_PATH: cannot read '/nonexistent/event.json'"))
        << e.what();
  }
}
