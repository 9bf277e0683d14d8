// The dashboard's reads (`backfill serve`): what they see, that their
// connections cannot write, and that looking takes no lock.
#include <gtest/gtest.h>
#include <unistd.h>

#include "backfill/core/errors.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/store.hpp"
#include "store/postgres/postgres_dashboard.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kNow = "2026-06-01T00:00:00Z";

class DashboardViewTest : public ::testing::TestWithParam<Backend> {
 protected:
  Store& store() { return *fresh_.store; }
  testing::FreshStore fresh_{GetParam()};
};

TEST_P(DashboardViewTest, ListsTrackedAndStartedRepositoriesWithoutLocking) {
  store().track_repository(7, RepoName{"octo", "tracked"}, 40, kNow);
  const auto running = store().upsert_repository(8, RepoName{"octo", "running"}, kNow);
  store().begin_run(running.id, 100, false, kNow);
  auto lock = store().try_lock_repository(running);  // a live run's lock
  ASSERT_NE(lock, nullptr);

  auto view = open_dashboard_view(fresh_.database.url());
  const auto snapshot = view->snapshot();
  ASSERT_EQ(snapshot.rows.size(), 2u);
  EXPECT_EQ(snapshot.rows[0].summary.repository, "octo/running");
  EXPECT_EQ(snapshot.rows[0].summary.status, Status::kInProgress);
  EXPECT_EQ(snapshot.rows[0].summary.total_expected, 100);
  EXPECT_TRUE(snapshot.rows[0].started);
  EXPECT_EQ(snapshot.rows[1].summary.repository, "octo/tracked");
  EXPECT_FALSE(snapshot.rows[1].started);
  EXPECT_EQ(snapshot.rows[1].summary.status, Status::kPending);
  EXPECT_EQ(snapshot.rows[1].summary.total_expected, 40);  // GitHub's count until it starts
  if (GetParam() == Backend::kPostgres) {
    // The run's advisory lock is seen in pg_locks. (An fcntl lock of this
    // very process is invisible to F_GETLK: the SQLite case is the e2e test's.)
    EXPECT_FALSE(snapshot.rows[0].summary.stale);
    lock.reset();
    EXPECT_TRUE(view->snapshot().rows[0].summary.stale);
  }
  // Looking took no lock: the repository can still be locked by a run.
  lock.reset();
  EXPECT_NE(store().try_lock_repository(running), nullptr);
  EXPECT_TRUE(view->history(RepoName{"octo", "running"}).chunks.empty());
}

TEST_P(DashboardViewTest, ListsDepthScopesAndTheirChunksApartFromTheList) {
  const auto repo = store().upsert_repository(9, RepoName{"octo", "deep"}, kNow);
  store().begin_run(repo.id, 3, false, kNow);
  ChunkWrite list;
  list.repository_id = repo.id;
  list.pulls = {testing::sample_pull_request(1)};
  list.cursor = "list-cursor";
  list.now = kNow;
  list.metrics.chunk_size = 1;
  list.metrics.rate_limit_reset_at = "2026-06-01T01:00:00Z";
  store().upsert_chunk(list);
  const std::string scope = "comments,details,reviews";
  store().begin_scope(repo.id, scope, 3, false, kNow);
  for (std::int64_t number : {1, 2}) {
    DeepChunkWrite chunk;
    chunk.repository_id = repo.id;
    chunk.scope = scope;
    chunk.pulls = {DeepPullRequest{testing::sample_pull_request(number), {}, {}, {}}};
    chunk.cursor = "c" + std::to_string(number);
    chunk.now = kNow;
    chunk.metrics.chunk_size = 1;
    chunk.metrics.rate_limit_remaining = 4990 - number;
    chunk.metrics.rate_limit_reset_at = "2026-06-01T02:0" + std::to_string(number) + ":00Z";
    chunk.points = 2 + number;
    store().upsert_deep_chunk(chunk);
  }

  auto view = open_dashboard_view(fresh_.database.url());
  const auto snapshot = view->snapshot();
  ASSERT_EQ(snapshot.scopes.size(), 1u);
  const auto& row = snapshot.scopes[0];
  EXPECT_EQ(row.summary.repository, "octo/deep");
  EXPECT_EQ(row.summary.scope, scope);
  EXPECT_EQ(row.summary.status, Status::kInProgress);
  EXPECT_EQ(row.summary.total_processed, 2);
  EXPECT_EQ(row.summary.total_expected, 3);
  EXPECT_EQ(row.summary.chunks, 2);
  EXPECT_EQ(row.summary.points_used, 7);
  EXPECT_EQ(row.rate_limit_remaining, 4988);  // after its newest chunk
  EXPECT_EQ(row.rate_limit_reset_at, "2026-06-01T02:02:00Z");
  ASSERT_EQ(snapshot.rows.size(), 1u);
  EXPECT_EQ(snapshot.rows[0].rate_limit_reset_at, "2026-06-01T01:00:00Z");  // the list's own
  EXPECT_EQ(row.last_chunk_at, kNow);
  EXPECT_EQ(row.started_at, kNow);
  EXPECT_TRUE(row.stale);  // no run holds it

  const auto history = view->history(RepoName{"OCTO", "Deep"});
  ASSERT_EQ(history.chunks.size(), 1u);  // the list backfill's own
  EXPECT_EQ(history.chunks[0].points, std::nullopt);
  ASSERT_EQ(history.scopes.size(), 1u);
  EXPECT_EQ(history.scopes[0].scope, scope);
  ASSERT_EQ(history.scopes[0].chunks.size(), 2u);
  EXPECT_EQ(history.scopes[0].chunks[0].chunk_index, 1);  // oldest first
  EXPECT_EQ(history.scopes[0].chunks[1].points, 4);
}

TEST_P(DashboardViewTest, ItsConnectionRefusesEveryWrite) {
  const std::string insert =
      "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at)"
      " VALUES ('00000000-0000-0000-0000-000000000001', 1, 'a', 'b', '2026-01-01T00:00:00Z',"
      " '2026-01-01T00:00:00Z')";
  if (GetParam() == Backend::kSqlite) {
    sqlite::Connection reader(sqlite_path_for_url(fresh_.database.url()),
                              sqlite::OpenMode::kReadOnly);
    try {
      reader.exec(insert.c_str());
      ADD_FAILURE() << "the read-only connection wrote";
    } catch (const FatalError& e) {
      EXPECT_NE(std::string(e.what()).find("readonly"), std::string::npos) << e.what();
    }
    EXPECT_THROW(reader.exec("CREATE TABLE scratch (x INTEGER)"), FatalError);
  } else {
    postgres::Session reader(fresh_.database.url(), postgres::make_read_only);
    for (const std::string& sql : {insert, std::string("CREATE TABLE scratch (x INTEGER)")}) {
      try {
        reader.guarded([&] {
          pqxx::work tx(*reader.db);
          tx.exec(sql);
          tx.commit();
        });
        ADD_FAILURE() << "the read-only session ran " << sql;
      } catch (const FatalError& e) {
        EXPECT_NE(std::string(e.what()).find("read-only transaction"), std::string::npos)
            << e.what();
      }
    }
  }
  // A missing file is not created by looking at it.
  if (GetParam() == Backend::kSqlite) {
    const std::string missing = sqlite_path_for_url(fresh_.database.url()) + ".missing";
    EXPECT_THROW(open_dashboard_view("sqlite:" + missing), FatalError);
    EXPECT_NE(::access(missing.c_str(), F_OK), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardViewTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace backfill::store
