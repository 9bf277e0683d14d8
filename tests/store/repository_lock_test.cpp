// try_lock_repository: one holder per repository (its GitHub id, whatever
// name it is found by) across stores and processes, released on destruction
// and when the holding process dies; two repositories never share a lock.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>

#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kNow = "2024-06-01T00:00:00Z";

class RepositoryLockTest : public ::testing::TestWithParam<Backend> {
 protected:
  RepositoryLockTest() {
    repo_ = fresh_.store->upsert_repository(7, RepoName{"octo", "repo"}, kNow);
    other_ = fresh_.store->upsert_repository(8, RepoName{"octo", "other"}, kNow);
  }

  std::unique_ptr<Store> open() { return open_store(fresh_.database.url()); }

  testing::FreshStore fresh_{GetParam()};
  Repository repo_;
  Repository other_;
};

// A child process that finds octo/repo by another spelling in its own store,
// takes its lock and holds it until killed. Forked, so it must only _exit,
// never return into the test.
class LockHoldingChild {
 public:
  explicit LockHoldingChild(const std::string& url, RepoName name = RepoName{"OCTO", "Repo"}) {
    int ready[2];
    int hold[2];
    if (::pipe(ready) != 0 || ::pipe(hold) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      char verdict = 'E';
      try {
        auto store = open_store(url);
        auto lock = store->try_lock_repository(store->find_repository(name).value());
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
  auto lock = first->try_lock_repository(repo_);
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(second->try_lock_repository(repo_), nullptr);
  EXPECT_EQ(first->try_lock_repository(repo_), nullptr);  // not re-entrant either

  auto other = second->try_lock_repository(other_);
  EXPECT_NE(other, nullptr);

  lock.reset();
  EXPECT_NE(second->try_lock_repository(repo_), nullptr);
}

TEST_P(RepositoryLockTest, EveryNameOfARepositoryTakesTheSameLock) {
  auto holder = open();
  auto lock =
      holder->try_lock_repository(holder->find_repository(RepoName{"Octo", "REPO"}).value());
  ASSERT_NE(lock, nullptr);
  auto other = open();
  EXPECT_EQ(other->try_lock_repository(other->find_repository(RepoName{"octo", "repo"}).value()),
            nullptr);

  // Renamed on GitHub: found by its new name, still the same lock, in this
  // process and in another.
  other->upsert_repository(7, RepoName{"new-owner", "new-name"}, kNow);
  const auto renamed = other->find_repository(RepoName{"New-Owner", "new-name"}).value();
  EXPECT_EQ(other->try_lock_repository(renamed), nullptr);
  LockHoldingChild child(fresh_.database.url(), RepoName{"NEW-OWNER", "New-Name"});
  EXPECT_EQ(child.verdict(), 'B');
}

// The FNV-1a 64 of "owner/name" lower-cased, modulo 2^30: the byte offset
// the SQLite lock used to take, so that names could share a lock.
std::uint64_t old_name_offset(const std::string& key) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash % (std::uint64_t{1} << 30);
}

TEST_P(RepositoryLockTest, RepositoriesWhoseOldNameHashesCollideHoldLocksAtOnce) {
  // Two names whose old offsets collide (a birthday search: ~2^15 names).
  std::map<std::uint64_t, std::string> seen;
  std::string first_name, second_name;
  for (int i = 0; first_name.empty(); ++i) {
    const std::string name = "r" + std::to_string(i);
    auto [at, inserted] = seen.emplace(old_name_offset("octo/" + name), name);
    if (!inserted) {
      first_name = at->second;
      second_name = name;
    }
  }
  auto& store = *fresh_.store;
  const auto a = store.upsert_repository(1001, RepoName{"octo", first_name}, kNow);
  const auto b = store.upsert_repository(1002, RepoName{"octo", second_name}, kNow);
  auto lock_a = store.try_lock_repository(a);
  ASSERT_NE(lock_a, nullptr);
  auto elsewhere = open();
  EXPECT_NE(elsewhere->try_lock_repository(b), nullptr) << first_name << " " << second_name;
}

TEST_P(RepositoryLockTest, LargeGithubIdsAreDistinctLocks) {
  auto& store = *fresh_.store;
  // Ids that agree in their low 32 (or 30) bits, and the largest ones.
  const std::int64_t ids[] = {
      std::int64_t{1} << 31, (std::int64_t{1} << 31) + (std::int64_t{1} << 40),
      (std::int64_t{1} << 53) + 1, (std::int64_t{1} << 62) + 1, INT64_MAX - 1};
  std::vector<std::unique_ptr<RepositoryLock>> held;
  int n = 0;
  for (const auto id : ids) {
    const auto repo = store.upsert_repository(id, RepoName{"big", "r" + std::to_string(++n)}, kNow);
    auto lock = store.try_lock_repository(repo);
    ASSERT_NE(lock, nullptr) << id;
    held.push_back(std::move(lock));
    EXPECT_EQ(open()->try_lock_repository(repo), nullptr) << id;
  }
}

TEST_P(RepositoryLockTest, ARepositoryWithoutAGithubIdCannotBeLocked) {
  EXPECT_THROW(fresh_.store->try_lock_repository(Repository{repo_.id, 0, repo_.name}),
               std::invalid_argument);
}

TEST_P(RepositoryLockTest, LockOutlivesItsStoreAndOtherStoresClosing) {
  auto holder = open();
  auto lock = holder->try_lock_repository(repo_);
  ASSERT_NE(lock, nullptr);
  {
    // Another store of this process comes and goes, failing on repo_ and
    // taking and dropping another lock. With fcntl locks, a careless close()
    // of the lock file here would silently release `lock`.
    auto passer_by = open();
    EXPECT_EQ(passer_by->try_lock_repository(repo_), nullptr);
    EXPECT_NE(passer_by->try_lock_repository(other_), nullptr);
  }
  holder.reset();
  LockHoldingChild child(fresh_.database.url());
  EXPECT_EQ(child.verdict(), 'B') << "another process must see the lock as held";
}

TEST_P(RepositoryLockTest, AnotherProcessHoldsTheLockUntilItIsKilled) {
  LockHoldingChild child(fresh_.database.url());
  ASSERT_EQ(child.verdict(), 'L');
  auto store = open();
  EXPECT_EQ(store->try_lock_repository(repo_), nullptr);
  EXPECT_NE(store->try_lock_repository(other_), nullptr);

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
  EXPECT_NE(store->try_lock_repository(repo_), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryLockTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
