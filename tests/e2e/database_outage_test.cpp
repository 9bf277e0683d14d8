// The real binary when PostgreSQL hangs or goes away: a connect that never
// gets an answer, a statement stuck behind a lock, a server that crashes
// mid-run and comes back.
#include <libpq-fe.h>
#include <signal.h>

#include <future>
#include <memory>

#include "support/e2e_fixture.hpp"
#include "support/request_hold.hpp"
#include "support/silent_server.hpp"
#include "support/throwaway_postgres.hpp"

namespace backfill::testing {
namespace {

using std::chrono::seconds;

class DatabaseOutage : public BackfillE2E {
 protected:
  void TearDown() override {
    hold_.release();
    BackfillE2E::TearDown();
  }

  RequestHold hold_;
};

TEST_P(DatabaseOutage, AStopSignalEndsAConnectThatNeverGetsAnAnswer) {
  SilentServer silent;
  auto child =
      start({"--repo", "octo/any", "--database-url", silent.postgres_url("?connect_timeout=60")});
  ASSERT_TRUE(silent.wait_for_connection());
  child->send(SIGTERM);
  const auto sent = std::chrono::steady_clock::now();
  const auto r = child->wait(seconds(30));
  EXPECT_LT(std::chrono::steady_clock::now() - sent, seconds(2));
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_NE(r.err.find("stopped by a signal"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cretPassw0rd"), std::string::npos) << r.err;
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(DatabaseOutage, AConnectThatNeverGetsAnAnswerFailsAfterTheConnectTimeout) {
  SilentServer silent;
  const auto r =
      run({"--repo", "octo/any", "--database-url", silent.postgres_url("?connect_timeout=1")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("no answer within 1 s (connect_timeout)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cretPassw0rd"), std::string::npos) << r.err;
}

TEST_P(DatabaseOutage, AStopSignalEndsAStatementStuckBehindALockAndRecordsPaused) {
  github_.add_repository("octo/stuck", 200);
  ASSERT_EQ(run({"--repo", "octo/stuck", "--max-chunks", "1"}).exit_code, 75);
  // Another session keeps pull_requests from being written (reads pass).
  std::unique_ptr<PGconn, decltype(&PQfinish)> blocker(PQconnectdb(db().c_str()), PQfinish);
  ASSERT_EQ(PQstatus(blocker.get()), CONNECTION_OK);
  PQclear(PQexec(blocker.get(), "BEGIN; LOCK TABLE pull_requests IN SHARE MODE"));

  auto child = start({"--repo", "octo/stuck"});
  // Wait (bounded) until its chunk waits for the lock.
  const auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (query_int(db(),
                   "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                   " current_database() AND backend_type = 'client backend'"
                   " AND wait_event_type = 'Lock'") == 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the run never blocked";
  }
  child->send(SIGTERM);
  const auto sent = std::chrono::steady_clock::now();
  const auto r = child->wait(seconds(30));
  EXPECT_LT(std::chrono::steady_clock::now() - sent, seconds(2));
  EXPECT_EQ(r.exit_code, 75) << r.err;
  PQclear(PQexec(blocker.get(), "ROLLBACK"));
  EXPECT_EQ(progress("octo/stuck", "status"), "paused");
  EXPECT_EQ(stored_rows("octo/stuck"), 50);

  const auto resumed = run({"--repo", "octo/stuck"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  expect_exact_copy("octo/stuck");
}

TEST_P(DatabaseOutage, ACrashMidRunIsReportedRecordedWhenTheServerIsBackAndResumedExactly) {
  ThrowawayPostgres server;
  const std::map<std::string, std::string> own_db = {{"DATABASE_URL", server.url()}};
  github_.add_repository("octo/outage", 300);
  // Requests: repository, count, page 1 (chunks 1 and 2), page 2 (held).
  auto held = hold_.hold(github_, 4);
  auto child = start({"--repo", "octo/outage"}, own_db);
  held.wait();
  // Page 2 is fetched while chunk 2 is written (engine/prefetch.hpp): the
  // server goes once that write is committed (bounded wait).
  const auto deadline = std::chrono::steady_clock::now() + seconds(30);
  while (query_int(server.url(), "SELECT count(*) FROM pull_requests") < 100) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "chunk 2 was never committed";
  }
  server.stop_immediately();
  hold_.release();

  ASSERT_TRUE(child->wait_for_stderr("waiting up to")) << "no wait for the database";
  server.start_again();
  const auto r = child->wait(seconds(60));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string said =
      "lost the connection to PostgreSQL at chunk 3 of this run; everything up to chunk 2 is "
      "stored; run again to resume";
  EXPECT_NE(r.err.find(said), std::string::npos) << r.err;
  const auto state =
      query(server.url(), "SELECT status, last_error, error_count FROM backfill_progress");
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[0][0], "failed");
  EXPECT_NE(state[0][1].value_or("").find(said), std::string::npos) << state[0][1].value_or("");
  EXPECT_EQ(state[0][2], "1");
  EXPECT_EQ(query_value(server.url(), "SELECT status FROM backfill_runs"), "failed");
  EXPECT_EQ(query_int(server.url(), "SELECT count(*) FROM pull_requests"), 100);

  github_.on_request(nullptr);
  const auto again = run({"--repo", "octo/outage"}, own_db);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto numbers = github_.pull_numbers("octo/outage");
  EXPECT_EQ(query_ints(server.url(), "SELECT number FROM pull_requests ORDER BY number"),
            std::vector<std::int64_t>(numbers.begin(), numbers.end()));
  EXPECT_EQ(query_int(server.url(), "SELECT count(DISTINCT github_id) FROM pull_requests"), 300);
  EXPECT_EQ(query_int(server.url(), "SELECT total_processed FROM backfill_progress"), 300);
  EXPECT_EQ(query_value(server.url(), "SELECT status FROM backfill_progress"), "completed");
}

INSTANTIATE_TEST_SUITE_P(Postgres, DatabaseOutage, ::testing::Values(store::Backend::kPostgres),
                         backend_param_name);

}  // namespace
}  // namespace backfill::testing
