// The queue `backfill work` claims from (store/work_queue.hpp): what is
// claimable and in which order, on both engines; on PostgreSQL, claimers on
// separate connections never share a repository, and a dead holder's
// repository is claimable again.
#include "backfill/store/work_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <barrier>
#include <thread>

#include "backfill/core/clock.hpp"
#include "backfill/core/errors.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

using backfill::testing::backend_name;
using backfill::testing::FreshStore;
using std::chrono::hours;

const SystemTime kStart{std::chrono::seconds(1'700'000'000)};
std::string at(Duration offset) { return format_iso8601(kStart + offset); }

class WorkQueueTest : public ::testing::TestWithParam<Backend> {
 protected:
  WorkQueueTest() : fresh_(GetParam()), queue_(open_work_queue(url(), store())) {}

  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }

  std::string track(const std::string& name) {
    static std::int64_t next_id = 1000;
    const auto parts = name.find('/');
    return store()
        .track_repository(++next_id, RepoName{name.substr(0, parts), name.substr(parts + 1)}, 10,
                          at(hours(0)))
        .repository.id;
  }
  // A run that started at `begun` and ended `how` at `ended`.
  void ran(const std::string& id, Duration begun, Status how, Duration ended,
           std::optional<std::string> resume_after = std::nullopt) {
    store().begin_run(id, 10, false, at(begun));
    RunEnd end;
    end.status = how;
    end.resume_after = resume_after;
    end.now = at(ended);
    store().finish_run(id, end);
  }
  std::optional<std::string> next_name(const std::set<std::string>& skip = {}) {
    auto claim = queue_->claim_next(at(hours(10)), skip);
    if (!claim) return std::nullopt;
    std::string name = claim->repository.name.full();
    held_.push_back(std::move(*claim));
    return name;
  }

  FreshStore fresh_;
  std::unique_ptr<WorkQueue> queue_;
  std::vector<Claim> held_;  // claims stay held until the test ends
};

TEST_P(WorkQueueTest, ClaimsNeverStartedFirstThenTheOldestProgress) {
  const auto paused = track("o/paused-late");
  track("o/never");
  const auto failed = track("o/failed-early");
  const auto interrupted = track("o/interrupted");
  const auto done = track("o/done");
  ran(paused, hours(1), Status::kPaused, hours(3));
  ran(failed, hours(1), Status::kFailed, hours(2));
  store().begin_run(interrupted, 10, false, at(hours(1)));  // killed mid-run: still in_progress
  ran(done, hours(1), Status::kCompleted, hours(1));

  EXPECT_EQ(queue_->unfinished(), 4);
  EXPECT_EQ(next_name(), "o/never");
  EXPECT_EQ(next_name(), "o/interrupted");
  EXPECT_EQ(next_name(), "o/failed-early");
  EXPECT_EQ(next_name(), "o/paused-late");
  EXPECT_EQ(next_name(), std::nullopt);  // the rest is held (or complete)
  EXPECT_EQ(queue_->unfinished(), 4);
}

TEST_P(WorkQueueTest, LeavesOutUntrackedWaitingAndSkippedRepositories) {
  const auto untracked = track("o/untracked");
  const auto waiting = track("o/waiting");
  const auto waited = track("o/waited");
  const auto skipped = track("o/skipped");
  ASSERT_TRUE(store().untrack_repository(untracked));
  // Paused until a rate-limit reset after the claim's "now", and one before it.
  ran(waiting, hours(1), Status::kPaused, hours(1), at(hours(11)));
  ran(waited, hours(1), Status::kPaused, hours(1), at(hours(9)));

  EXPECT_EQ(next_name({skipped}), "o/waited");
  EXPECT_EQ(next_name({skipped}), std::nullopt);
  EXPECT_EQ(next_name(), "o/skipped");
  EXPECT_EQ(queue_->unfinished(), 3);  // waiting, waited, skipped: untracked does not count
  (void)waiting;
}

TEST_P(WorkQueueTest, PassesOverARepositoryHeldElsewhereUntilItIsReleased) {
  track("o/a-held");
  track("o/b-free");
  // `backfill run` on the same database holds o/a-held.
  auto other = open_store(url());
  auto lock = other->try_lock_repository(other->find_repository(RepoName{"O", "A-Held"}).value());
  ASSERT_NE(lock, nullptr);
  auto first = queue_->claim_next(at(hours(1)), {});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->repository.name.full(), "o/b-free");
  EXPECT_FALSE(queue_->claim_next(at(hours(1)), {}));
  // The claim holds the same lock `backfill run` takes.
  EXPECT_EQ(other->try_lock_repository(first->repository), nullptr);

  lock.reset();
  auto second = queue_->claim_next(at(hours(1)), {});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->repository.name.full(), "o/a-held");
  first.reset();  // released: claimable again
  auto again = queue_->claim_next(at(hours(1)), {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->repository.name.full(), "o/b-free");
}

TEST_P(WorkQueueTest, ARepositoryCompletedByItsLastHolderIsNotClaimed) {
  const auto id = track("o/finishing");
  {
    auto claim = queue_->claim_next(at(hours(1)), {});
    ASSERT_TRUE(claim);
    ran(id, hours(1), Status::kCompleted, hours(2));
  }
  EXPECT_FALSE(queue_->claim_next(at(hours(3)), {}));
  EXPECT_EQ(queue_->unfinished(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkQueueTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return backend_name(test.param); });

TEST(WorkQueueWorkers, SqliteRefusesMoreThanOneWorker) {
  EXPECT_NO_THROW(check_workers_supported(Backend::kSqlite, 1));
  EXPECT_NO_THROW(check_workers_supported(Backend::kPostgres, 16));
  EXPECT_THROW(check_workers_supported(Backend::kPostgres, 0), UsageError);
  try {
    check_workers_supported(Backend::kSqlite, 2);
    FAIL() << "two workers on SQLite were accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("needs PostgreSQL"), std::string::npos) << e.what();
  }
}

class PostgresWorkQueue : public ::testing::Test {
 protected:
  FreshStore fresh_{Backend::kPostgres};
  const std::string& url() const { return fresh_.database.url(); }
  void track(int count) {
    for (int i = 0; i < count; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "r%02d", i);
      fresh_.store->track_repository(5000 + i, RepoName{"o", name}, 10, at(hours(0)));
    }
  }
};

TEST_F(PostgresWorkQueue, ClaimersOnSeparateConnectionsNeverShareARepository) {
  constexpr int kRepositories = 24;
  constexpr int kClaimers = 6;
  track(kRepositories);
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<std::unique_ptr<WorkQueue>> queues;
  for (int i = 0; i < kClaimers; ++i) {
    stores.push_back(open_store(url()));
    queues.push_back(open_work_queue(url(), *stores.back()));
  }
  std::vector<std::vector<Claim>> claims(kClaimers);
  std::barrier start(kClaimers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClaimers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();  // all at once, for the same first candidates
      while (auto claim = queues[i]->claim_next(at(hours(1)), {})) {
        claims[i].push_back(std::move(*claim));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<std::string> names;
  for (const auto& list : claims) {
    for (const auto& claim : list) names.push_back(claim.repository.name.full());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kRepositories));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << "claimed twice";
}

TEST_F(PostgresWorkQueue, ADeadHoldersRepositoryIsClaimableAgain) {
  track(2);
  auto dying_store = open_store(url());
  auto dying = open_work_queue(url(), *dying_store);
  auto surviving_store = open_store(url());
  auto surviving = open_work_queue(url(), *surviving_store);

  auto held = dying->claim_next(at(hours(1)), {});
  ASSERT_TRUE(held);
  EXPECT_EQ(held->repository.name.full(), "o/r00");
  auto other = surviving->claim_next(at(hours(1)), {});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->repository.name.full(), "o/r01");
  other.reset();
  // The holder's process dies: its session ends, and its lock with it.
  const auto ended = backfill::testing::query_int(
      url(),
      "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_locks WHERE locktype = 'advisory'"
      " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  ASSERT_EQ(ended, 1);
  auto taken_over = surviving->claim_next(at(hours(1)), {});
  ASSERT_TRUE(taken_over);
  EXPECT_EQ(taken_over->repository.name.full(), "o/r00");
  held.reset();  // the dead session's lock object goes quietly
}

}  // namespace
}  // namespace backfill::store
