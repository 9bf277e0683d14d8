// Every exit of a backfill run prints exactly one JSON result line on
// stdout, with its exit code, the early ones included (another run holding
// the repository, an unreachable database, a refused setting); with
// --log-format json, every line on stderr, the fatal one included, is JSON.
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class RunResultLine : public BackfillE2E {
 protected:
  // The one line on stdout, parsed; a test failure when there is not
  // exactly one, or it is not a JSON object.
  static nlohmann::json result_line(const ProcessResult& r) {
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_FALSE(r.out.empty());
    if (r.out.empty() || r.out.back() != '\n') return nlohmann::json();
    nlohmann::json line = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(line.is_object()) << r.out;
    if (line.is_object()) {
      EXPECT_EQ(line.value("exit_code", -1), r.exit_code) << r.out;
    }
    return line;
  }
  static void expect_json_log_lines(const std::string& err) {
    EXPECT_FALSE(err.empty());
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);) {
      const auto parsed = nlohmann::json::parse(line, nullptr, false);
      EXPECT_TRUE(parsed.is_object() && parsed.contains("level") && parsed.contains("msg")) << line;
    }
  }
  // Runs `args` with each log format; checks the result line and, for
  // JSON, the log; returns the result line of the JSON run.
  nlohmann::json run_both_formats(std::vector<std::string> args, int exit_code,
                                  const std::map<std::string, std::string>& extra_env = {},
                                  bool an_error = true) {
    nlohmann::json json_line;
    for (const std::string format : {"text", "json"}) {
      SCOPED_TRACE("--log-format " + format);
      auto with_format = args;
      with_format.insert(with_format.end(), {"--log-format", format});
      const auto r = run(with_format, extra_env);
      EXPECT_EQ(r.exit_code, exit_code) << r.err;
      const auto line = result_line(r);
      if (format == "json") {
        expect_json_log_lines(r.err);
        json_line = line;
      } else if (an_error) {
        EXPECT_NE(r.err.find("backfill: error: "), std::string::npos) << r.err;
      }
    }
    return json_line;
  }
};

TEST_P(RunResultLine, AnotherRunHoldingTheRepositoryIsBusy) {
  const auto github_id = github_.add_repository("octo/busy", 30);
  auto store = store::open_store(db());
  store->migrate();
  // The lock is the canonical repository's (its GitHub id), as a run takes it.
  const auto repository =
      store->upsert_repository(github_id, parse_repo_name("octo/busy"), "2026-01-01T00:00:00Z");
  auto lock = store->try_lock_repository(repository);
  ASSERT_TRUE(lock);
  for (const auto& command : {std::vector<std::string>{"--repo", "octo/busy"},
                              std::vector<std::string>{"run", "--repo", "octo/busy"}}) {
    const auto line = run_both_formats(command, 75);
    EXPECT_EQ(line.value("status", ""), "busy");
    EXPECT_EQ(line.value("repository", ""), "octo/busy");
    EXPECT_EQ(line.value("requests", -1), 0);
    EXPECT_NE(line.value("reason", "").find("another backfill of octo/busy is running"),
              std::string::npos)
        << line;
  }
  EXPECT_EQ(api_requests(), 0u);
  lock.reset();
  const auto after = run({"--repo", "octo/busy"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(result_line(after).value("status", ""), "completed");
}

TEST_P(RunResultLine, UnreachableDatabaseFails) {
  const auto line = run_both_formats({"--repo", "octo/x"}, 1,
                                     {{"DATABASE_URL", "postgresql://alice@127.0.0.1:1/db"}});
  EXPECT_EQ(line.value("status", ""), "failed");
  EXPECT_EQ(line.value("repository", ""), "octo/x");
  EXPECT_NE(line.value("reason", "").find("cannot connect to PostgreSQL"), std::string::npos)
      << line;
}

TEST_P(RunResultLine, InvalidDatabaseUrlIsAUsageError) {
  const auto line =
      run_both_formats({"--repo", "octo/x"}, 2, {{"DATABASE_URL", "postgres:/127.0.0.1/db"}});
  EXPECT_EQ(line.value("status", ""), "usage_error");
  EXPECT_EQ(line.value("repository", ""), "octo/x");
  EXPECT_EQ(line.value("reason", ""),
            "DATABASE_URL: 'postgres:/127.0.0.1/db' is not a valid URL: PostgreSQL URLs start "
            "with postgres:// or postgresql://");
}

TEST_P(RunResultLine, UsageErrorsOfARunPrintTheirLine) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--repo", "octo/x", "--chunk-size", "0"},
                                             {"run", "--repo", "octo/x", "--time-budget", "soon"},
                                             {"--repo", "octo/x", "--chunk-size", "ten"},
                                             {"--repo", "octo/x", "--no-such-flag"},
                                             {"--repo", "not a repo"},
                                             {}}) {
    SCOPED_TRACE(::testing::PrintToString(args));
    const auto line = run_both_formats(args, 2);
    EXPECT_EQ(line.value("status", ""), "usage_error");
    EXPECT_FALSE(line.value("reason", "").empty());
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(RunResultLine, CompletedAndPausedRunsKeepTheirLine) {
  github_.add_repository("octo/small", 120);
  const auto paused =
      run_both_formats({"--repo", "octo/small", "--max-chunks", "1"}, 75, {}, false);
  EXPECT_EQ(paused.value("status", ""), "paused");
  const auto completed = run({"--repo", "octo/small", "--log-format", "json"});
  EXPECT_EQ(completed.exit_code, 0) << completed.err;
  EXPECT_EQ(result_line(completed).value("status", ""), "completed");
  expect_json_log_lines(completed.err);
}

TEST_P(RunResultLine, OtherCommandsPrintNoRunLine) {
  const auto status = run({"status", "--bogus"});
  EXPECT_EQ(status.exit_code, 2);
  EXPECT_EQ(status.out, "");
  const auto json =
      run({"status", "--log-format", "json"}, {{"DATABASE_URL", "postgres:/127.0.0.1/db"}});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(json.out, "");
  expect_json_log_lines(json.err);
}

BACKFILL_E2E_BACKENDS(RunResultLine);

}  // namespace
}  // namespace backfill::testing
