// The store-facing steps of a run: the lock is the repository's (its GitHub
// id, whatever name the run was asked by), and a completion, once written,
// stays a completion.
#include <gtest/gtest.h>

#include "backfill/core/errors.hpp"
#include "support/db_probe.hpp"
#include "support/engine_harness.hpp"

namespace backfill::testing {
namespace {

using engine::RunResult;

// Passes every call to the real store, except that the first call after the
// completion is written fails, as if the database went away right then.
class FailsRightAfterCompletion final : public store::BackfillStore {
 public:
  explicit FailsRightAfterCompletion(store::Store& inner) : inner_(inner) {}

  bool failed_a_call() const { return failed_; }

  std::optional<store::Repository> find_repository(const RepoName& repo) override {
    check();
    return inner_.find_repository(repo);
  }
  store::Repository upsert_repository(std::int64_t github_id, const RepoName& name,
                                      const std::string& now) override {
    check();
    return inner_.upsert_repository(github_id, name, now);
  }
  bool mark_tracked(const std::string& id, const std::string& now) override {
    check();
    return inner_.mark_tracked(id, now);
  }
  void record_github_pull_count(const std::string& id, std::int64_t count,
                                const std::string& now) override {
    check();
    inner_.record_github_pull_count(id, count, now);
  }
  std::unique_ptr<store::RepositoryLock> try_lock_repository(
      const store::Repository& repo) override {
    check();
    return inner_.try_lock_repository(repo);
  }
  std::optional<store::Progress> load_progress(const std::string& id) override {
    check();
    return inner_.load_progress(id);
  }
  void begin_run(const std::string& id, std::int64_t expected, bool restart,
                 const std::string& now) override {
    check();
    inner_.begin_run(id, expected, restart, now);
  }
  std::int64_t upsert_chunk(const store::ChunkWrite& chunk) override {
    check();
    return inner_.upsert_chunk(chunk);
  }
  void finish_run(const std::string& id, const store::RunEnd& end) override {
    check();
    inner_.finish_run(id, end);
    if (end.status == store::Status::kCompleted) completed_ = true;
  }
  void complete_run(const std::string& id, std::int64_t expected, const std::string& now) override {
    check();
    inner_.complete_run(id, expected, now);
    completed_ = true;
  }
  std::string start_run_record(const store::RunRecordStart& start) override {
    check();
    return inner_.start_run_record(start);
  }
  void finish_run_record(const std::string& run_id, const store::RunRecordEnd& end) override {
    check();
    inner_.finish_run_record(run_id, end);
  }

 private:
  void check() {
    if (completed_ && !failed_) {
      failed_ = true;
      throw FatalError("PostgreSQL: server closed the connection unexpectedly");
    }
  }

  store::Store& inner_;
  bool completed_ = false;
  bool failed_ = false;
};

class RunStore : public ::testing::TestWithParam<store::Backend> {
 protected:
  RunStore() : h(GetParam()) {}
  EngineHarness h;
};

TEST_P(RunStore, ACommittedCompletionStaysCompletedWhateverFailsAfterIt) {
  h.github.add_repository("octo/done", 130);
  FailsRightAfterCompletion store(h.store());
  const auto outcome = h.run(h.params_for("octo/done"), store);
  EXPECT_TRUE(store.failed_a_call());
  EXPECT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_progress"), "completed");
  EXPECT_EQ(query_value(h.db(), "SELECT last_error FROM backfill_progress"), std::nullopt);
  EXPECT_EQ(query_int(h.db(), "SELECT error_count FROM backfill_progress"), 0);
  // Both halves of the completion are there.
  EXPECT_EQ(query_int(h.db(), "SELECT total_expected FROM backfill_progress"), 130);
  EXPECT_EQ(query_int(h.db(), "SELECT github_pull_count FROM repositories"), 130);
}

TEST_P(RunStore, EveryNameOfTheRepositoryWaitsForTheSameLock) {
  h.github.add_repository("octo/old-name", 120);
  auto params = h.params_for("octo/old-name");
  params.max_chunks = 1;
  ASSERT_EQ(h.run(params).result, RunResult::kPaused);
  const auto runs = query_int(h.db(), "SELECT count(*) FROM backfill_runs");
  const auto updated = query_value(h.db(), "SELECT updated_at FROM backfill_progress");

  // Another process holds the repository, found by another spelling.
  auto holder = store::open_store(h.db());
  auto lock =
      holder->try_lock_repository(holder->find_repository(RepoName{"OCTO", "Old-Name"}).value());
  ASSERT_NE(lock, nullptr);
  EXPECT_THROW(h.run(h.params_for("octo/OLD-NAME")), RepositoryBusy);
  // Renamed on GitHub and asked by its new name, unknown to the database:
  // resolved to the same GitHub id, so the same lock.
  h.github.rename_repository("octo/old-name", "octo/new-name");
  EXPECT_THROW(h.run(h.params_for("octo/new-name")), RepositoryBusy);
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM backfill_runs"), runs);
  EXPECT_EQ(query_value(h.db(), "SELECT updated_at FROM backfill_progress"), updated);

  lock.reset();
  const auto outcome = h.run(h.params_for("octo/new-name"));
  ASSERT_EQ(outcome.result, RunResult::kCompleted) << outcome.reason;
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM pull_requests"), 120);
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM repositories"), 1);
}

TEST_P(RunStore, ARepositoryGithubRefusesLeavesOnlyItsRunRecord) {
  const auto outcome = h.run(h.params_for("octo/missing"));
  EXPECT_EQ(outcome.result, RunResult::kFailed);
  EXPECT_EQ(query_value(h.db(), "SELECT status FROM backfill_runs"), "failed");
  EXPECT_EQ(query_value(h.db(), "SELECT repository FROM backfill_runs"), "octo/missing");
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM backfill_runs WHERE ended_at IS NULL"), 0);
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM repositories"), 0);
  EXPECT_EQ(query_int(h.db(), "SELECT count(*) FROM backfill_progress"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunStore,
                         ::testing::Values(store::Backend::kSqlite, store::Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
