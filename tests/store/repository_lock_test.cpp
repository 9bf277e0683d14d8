// try_lock_repository: one holder per repository across stores and
// processes, released on destruction and when the holding process dies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

const RepoName kRepo{"octo", "repo"};

class RepositoryLockTest : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> open() { return open_store(fresh_.database.url()); }

  testing::FreshStore fresh_{GetParam()};
};

// A child process that takes the lock of kRepo in its own store and holds it
// until killed. Forked, so it must only _exit, never return into the test.
class LockHoldingChild {
 public:
  explicit LockHoldingChild(const std::string& url) {
    int ready[2];
    int hold[2];
    if (::pipe(ready) != 0 || ::pipe(hold) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      char verdict = 'E';
      try {
        auto store = open_store(url);
        auto lock = store->try_lock_repository(RepoName{"OCTO", "Repo"});
        verdict = lock ? 'L' : 'B';
        (void)!::write(ready[1], &verdict, 1);
        char byte;
        (void)!::read(hold[0], &byte, 1);  // blocks until the parent kills us
      } catch (...) {
        (void)!::write(ready[1], &verdict, 1);
      }
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(hold[0]);
    hold_fd_ = hold[1];
    if (::read(ready[0], &verdict_, 1) != 1) verdict_ = '?';
    ::close(ready[0]);
  }

  ~LockHoldingChild() {
    kill();
    ::close(hold_fd_);
  }

  // 'L' locked, 'B' busy, 'E' error.
  char verdict() const { return verdict_; }

  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int hold_fd_ = -1;
  char verdict_ = '?';
};

TEST_P(RepositoryLockTest, SecondHolderIsRefusedUntilTheFirstLetsGo) {
  auto first = open();
  auto second = open();
  auto lock = first->try_lock_repository(kRepo);
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(second->try_lock_repository(kRepo), nullptr);
  EXPECT_EQ(second->try_lock_repository(RepoName{"Octo", "REPO"}), nullptr);  // same repository
  EXPECT_EQ(first->try_lock_repository(kRepo), nullptr);  // not re-entrant either

  auto other = second->try_lock_repository(RepoName{"octo", "other"});
  EXPECT_NE(other, nullptr);

  lock.reset();
  EXPECT_NE(second->try_lock_repository(kRepo), nullptr);
}

TEST_P(RepositoryLockTest, LockOutlivesItsStoreAndOtherStoresClosing) {
  auto holder = open();
  auto lock = holder->try_lock_repository(kRepo);
  ASSERT_NE(lock, nullptr);
  {
    // Another store of this process comes and goes, failing on kRepo and
    // taking and dropping another lock. With fcntl locks, a careless close()
    // of the lock file here would silently release `lock`.
    auto passer_by = open();
    EXPECT_EQ(passer_by->try_lock_repository(kRepo), nullptr);
    EXPECT_NE(passer_by->try_lock_repository(RepoName{"octo", "other"}), nullptr);
  }
  holder.reset();
  LockHoldingChild child(fresh_.database.url());
  EXPECT_EQ(child.verdict(), 'B') << "another process must see the lock as held";
}

TEST_P(RepositoryLockTest, AnotherProcessHoldsTheLockUntilItIsKilled) {
  LockHoldingChild child(fresh_.database.url());
  ASSERT_EQ(child.verdict(), 'L');
  auto store = open();
  EXPECT_EQ(store->try_lock_repository(kRepo), nullptr);
  EXPECT_NE(store->try_lock_repository(RepoName{"octo", "other"}), nullptr);

  child.kill();  // SIGKILL: no destructor, no unlock; the OS / server must release it
  if (GetParam() == Backend::kPostgres) {
    // The server ends the dead client's session asynchronously; wait (by
    // polling, bounded) until its advisory lock is gone.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (testing::query_int(fresh_.database.url(),
                              "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = "
                              "l.database WHERE l.locktype = 'advisory' AND d.datname = "
                              "current_database()") > 0) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "advisory lock never released";
    }
  }
  EXPECT_NE(store->try_lock_repository(kRepo), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryLockTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
