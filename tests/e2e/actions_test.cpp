// The binary as a GitHub Actions job step: the event, workflow commands,
// outputs and summary, failure issues, and the continuation dispatch.
#include <signal.h>

#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fake_github/fault_policies.hpp"
#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ActionsStep : public BackfillE2E {
 protected:
  void SetUp() override {
    BackfillE2E::SetUp();
    github_.add_repository("acme/ops", 0);  // the workflow's own repository
  }
  std::string write_event(const nlohmann::json& payload) {
    const std::string path = workdir_ + "/event.json";
    std::ofstream(path) << payload.dump();
    return path;
  }
  std::map<std::string, std::string> actions_env(const std::string& event_name,
                                                 const std::string& event_path) {
    return {{"GITHUB_ACTIONS", "true"},
            {"GITHUB_EVENT_NAME", event_name},
            {"GITHUB_EVENT_PATH", event_path},
            {"GITHUB_REPOSITORY", "acme/ops"},
            {"GITHUB_SERVER_URL", "https://github.com"},
            {"GITHUB_RUN_ID", "777"},
            {"GITHUB_OUTPUT", workdir_ + "/output"},
            {"GITHUB_STEP_SUMMARY", workdir_ + "/summary.md"}};
  }
  ProcessResult dispatch_run(const nlohmann::json& inputs,
                             const std::vector<std::string>& args = {}) {
    return run(args, actions_env("workflow_dispatch", write_event({{"inputs", inputs}})));
  }
  std::vector<std::string> all_files_written() {
    return {slurp(workdir_ + "/output"), slurp(workdir_ + "/summary.md")};
  }
};

TEST_P(ActionsStep, WorkflowDispatchRunsFromTheEventAndReportsBack) {
  github_.add_repository("octo/job", 230);
  auto r = dispatch_run({{"repository", "octo/job"}, {"chunk_size", "40"}, {"restart", "false"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_exact_copy("octo/job");
  // The token is masked before anything else is printed, and only there.
  EXPECT_EQ(r.out.rfind(std::string("::add-mask::") + kTestToken + "\n", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find(kTestToken, 20), std::string::npos);
  EXPECT_EQ(r.err.find(kTestToken), std::string::npos);
  EXPECT_NE(r.err.find("::group::octo/job: chunks 1-10"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("::endgroup::"), std::string::npos);

  const auto output = slurp(workdir_ + "/output");
  for (const char* line : {"status=completed\n", "processed=230\n", "expected=230\n",
                           "requests=5\n", "exit_code=0\n"}) {
    EXPECT_NE(output.find(line), std::string::npos) << line << " in " << output;
  }
  const auto summary = slurp(workdir_ + "/summary.md");
  EXPECT_NE(summary.find("octo/job"), std::string::npos) << summary;
  EXPECT_NE(summary.find("100.0%"), std::string::npos) << summary;
  for (const auto& file : all_files_written()) EXPECT_EQ(file.find(kTestToken), std::string::npos);

  EXPECT_EQ(query_value(db(), "SELECT trigger FROM backfill_runs"), "workflow_dispatch");
  EXPECT_EQ(query_value(db(), "SELECT run_url FROM backfill_runs"),
            "https://github.com/acme/ops/actions/runs/777");
  // Chunks of 40: the event's chunk_size was used.
  EXPECT_EQ(query_int(db(), "SELECT max(pr_count) FROM backfill_chunks"), 40);
  // Nothing failed, nothing was left to continue: no issue, no dispatch.
  EXPECT_TRUE(github_.dispatches("acme/ops").empty());
  EXPECT_TRUE(github_.issues("acme/ops").empty());
}

TEST_P(ActionsStep, RepositoryDispatchReadsTheClientPayload) {
  github_.add_repository("octo/dispatched", 120);
  auto event =
      write_event({{"action", "progressive-backfill"},
                   {"client_payload", {{"repository", "octo/dispatched"}, {"max_chunks", 1}}}});
  auto r = run({}, actions_env("repository_dispatch", event));
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_EQ(stored_rows("octo/dispatched"), 50);
  EXPECT_EQ(query_value(db(), "SELECT trigger FROM backfill_runs"), "repository_dispatch");
  // Stopped by max_chunks, not by the time budget: no continuation.
  EXPECT_TRUE(github_.dispatches("acme/ops").empty());
}

TEST_P(ActionsStep, BadEventsAreUsageErrorsNamingTheProblem) {
  struct Case {
    std::string event;
    std::string payload;
    std::string named;
  };
  for (const auto& c : std::vector<Case>{
           {"push", R"({"ref":"refs/heads/main"})", "push"},
           {"workflow_dispatch", "not json", "JSON"},
           {"workflow_dispatch", R"({"inputs":{"repository":"octo/x","chunk_size":"fifty"}})",
            "chunk_size"},
           {"workflow_dispatch", R"({"inputs":{"repository":"not a repo"}})", "repository"},
           {"workflow_dispatch", R"({"inputs":{"repository":"octo/x","colour":"blue"}})", "colour"},
           {"repository_dispatch",
            R"({"action":"deploy","client_payload":{"repository":"octo/x"}})", "action"}}) {
    const std::string path = workdir_ + "/bad-event.json";
    std::ofstream(path) << c.payload;
    auto r = run({}, actions_env(c.event, path));
    EXPECT_EQ(r.exit_code, 2) << c.payload << "\n" << r.err;
    EXPECT_NE(r.err.find(c.named), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("::error::"), std::string::npos) << r.err;
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(ActionsStep, FailuresOpenAnIssueThenCommentThenACompletionClosesIt) {
  github_.add_repository("octo/flaky", 150);
  // GitHub answers 503 to everything but the workflow repository's issues.
  fake_github::RandomFaults::Options outage;
  outage.share = 1.0;
  outage.faults = {fake_github::Fault::kServiceUnavailable503};
  outage.exempt_paths = {"/repos/acme/ops/issues", "/repos/acme/ops/issues/1",
                         "/repos/acme/ops/issues/1/comments"};
  const std::vector<std::string> args = {"--max-retries", "1", "--backoff-base-ms", "1"};

  github_.set_fault_policy(std::make_shared<fake_github::RandomFaults>(outage));
  auto first = dispatch_run({{"repository", "octo/flaky"}}, args);
  EXPECT_EQ(first.exit_code, 1) << first.err;
  EXPECT_NE(first.err.find("::error::"), std::string::npos);
  auto issues = github_.issues("acme/ops");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].title, "Backfill failed: octo/flaky");
  EXPECT_EQ(issues[0].labels, std::vector<std::string>{"backfill-failure"});
  EXPECT_EQ(issues[0].state, "open");
  EXPECT_NE(issues[0].body.find("503"), std::string::npos) << issues[0].body;
  EXPECT_NE(issues[0].body.find("https://github.com/acme/ops/actions/runs/777"), std::string::npos);
  EXPECT_EQ(issues[0].body.find(kTestToken), std::string::npos);

  auto second = dispatch_run({{"repository", "octo/flaky"}}, args);
  EXPECT_EQ(second.exit_code, 1) << second.err;
  issues = github_.issues("acme/ops");
  ASSERT_EQ(issues.size(), 1u);  // deduplicated through the label
  EXPECT_EQ(issues[0].comments.size(), 1u);

  github_.set_fault_policy(nullptr);
  auto done = dispatch_run({{"repository", "octo/flaky"}});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  issues = github_.issues("acme/ops");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].state, "closed");
  EXPECT_EQ(issues[0].comments.size(), 2u);
}

TEST_P(ActionsStep, ARepeatFailureCommentsOnTheOpenIssue) {
  github_.add_issue("acme/ops", "Backfill failed: octo/gone", {"backfill-failure"});
  auto r = dispatch_run({{"repository", "octo/gone"}});  // 404: not on GitHub
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto issues = github_.issues("acme/ops");
  ASSERT_EQ(issues.size(), 1u);
  ASSERT_EQ(issues[0].comments.size(), 1u);
  EXPECT_NE(issues[0].comments[0].find("not found"), std::string::npos) << issues[0].comments[0];
}

TEST_P(ActionsStep, AFailureToReportNeverChangesTheExitCode) {
  github_.set_read_only_token(kTestToken);  // like a GITHUB_TOKEN without issues: write
  auto r = dispatch_run({{"repository", "octo/absent"}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("repository not found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("could not report"), std::string::npos) << r.err;
}

TEST_P(ActionsStep, TimeBudgetRunOutDispatchesOneContinuation) {
  github_.add_repository("octo/long", 400);
  github_.set_slow_reply_hold(std::chrono::milliseconds(1500));
  // Page 1 arrives after 1.5 s: a 1 s budget is spent before the next chunk.
  github_.set_fault_policy(std::make_shared<fake_github::ScriptedFaults>(
      std::map<std::size_t, fake_github::Fault>{{3, fake_github::Fault::kSlowReply}}));
  auto r = dispatch_run({{"repository", "octo/long"}, {"time_budget", "1s"}, {"chunk_size", "50"}});
  EXPECT_EQ(r.exit_code, 75) << r.err;
  auto sent = github_.dispatches("acme/ops");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].event_type, "progressive-backfill");
  auto payload = nlohmann::json::parse(sent[0].client_payload_json);
  EXPECT_EQ(payload["repository"], "octo/long");
  EXPECT_EQ(payload["time_budget"], "1s");
  EXPECT_FALSE(payload.contains("restart"));
  EXPECT_NE(slurp(workdir_ + "/output").find("exit_code=75"), std::string::npos);
}

TEST_P(ActionsStep, NoContinuationAfterACancellation) {
  github_.add_repository("octo/cancelled", 300);
  // Held far longer than the test waits: only a cancelled transfer ends it.
  github_.set_slow_reply_hold(std::chrono::minutes(10));
  github_.set_fault_policy(std::make_shared<fake_github::ScriptedFaults>(
      std::map<std::size_t, fake_github::Fault>{{3, fake_github::Fault::kSlowReply}}));
  std::promise<void> page_requested;
  github_.on_request([&](std::size_t i, const fake_github::RecordedRequest&) {
    if (i == 3) page_requested.set_value();
  });
  auto child =
      start({}, actions_env("workflow_dispatch",
                            write_event({{"inputs", {{"repository", "octo/cancelled"}}}})));
  page_requested.get_future().wait();
  child->send(SIGINT);  // the job was cancelled
  auto r = child->wait(std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_EQ(progress("octo/cancelled", "status"), "paused");
  EXPECT_TRUE(github_.dispatches("acme/ops").empty());
  EXPECT_TRUE(github_.issues("acme/ops").empty());
}

TEST_P(ActionsStep, FromATerminalNothingIsReportedOrDispatched) {
  github_.add_repository("octo/term", 300);
  auto r = run({"--repo", "octo/term", "--time-budget", "1s"},
               {{"GITHUB_REPOSITORY", "acme/ops"}});  // not under Actions
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 75) << r.err;
  EXPECT_TRUE(github_.dispatches("acme/ops").empty());
  EXPECT_TRUE(github_.issues("acme/ops").empty());
  EXPECT_EQ(r.out.find("::"), std::string::npos);
}

BACKFILL_E2E_BACKENDS(ActionsStep);

}  // namespace
}  // namespace backfill::testing
