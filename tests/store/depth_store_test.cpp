// Depth scopes on both engines: progress of its own per repository and
// scope, chunks written whole with their points, children upserted ahead
// of their chunk without duplicates.
#include <gtest/gtest.h>

#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {
namespace {

using store::Backend;

constexpr const char* kNow = "2024-03-01T00:00:00Z";

DeepPullRequest deep_pull(std::int64_t number, int reviews, int comments) {
  DeepPullRequest d;
  d.pull = sample_pull_request(number);
  d.details.additions = number;
  d.details.reviews_count = reviews;
  d.details.comments_count = comments;
  d.details.merged_by = Contributor{77, "merger", "https://a/77", "User"};
  for (int i = 0; i < reviews; ++i) {
    d.reviews.push_back({number * 1000 + i, std::nullopt, "APPROVED", "ok", kNow});
  }
  for (int i = 0; i < comments; ++i) {
    Comment c;
    c.github_id = number * 1000 + i;
    c.author = Contributor{49699333, "dependabot[bot]", "https://a/b", "Bot"};
    c.body = "hi";
    c.created_at = kNow;
    c.updated_at = kNow;
    d.comments.push_back(c);
  }
  return d;
}

class DepthStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  DepthStoreTest() : db(GetParam()) {
    repo = db.store->upsert_repository(42, {"octo", "repo"}, kNow);
  }
  std::int64_t count(const std::string& sql) { return query_int(db.database.url(), sql); }

  store::DeepChunkWrite chunk(std::vector<DeepPullRequest> pulls, const std::string& cursor) {
    store::DeepChunkWrite c;
    c.repository_id = repo.id;
    c.scope = "comments,details,reviews";
    c.pulls = std::move(pulls);
    c.cursor = cursor;
    c.now = kNow;
    c.metrics.chunk_size = static_cast<int>(c.pulls.size());
    c.points = 2;
    return c;
  }

  FreshStore db;
  store::Repository repo;
};

TEST_P(DepthStoreTest, ScopesKeepTheirOwnProgress) {
  const std::string scope = "comments,details,reviews";
  EXPECT_FALSE(db.store->load_scope(repo.id, scope));
  db.store->begin_scope(repo.id, scope, 3, false, kNow);
  EXPECT_EQ(db.store->upsert_deep_chunk(chunk({deep_pull(1, 2, 1), deep_pull(2, 0, 0)}, "c2")), 2);
  EXPECT_EQ(db.store->upsert_deep_chunk(chunk({deep_pull(3, 1, 3)}, "c3")), 3);
  auto progress = db.store->load_scope(repo.id, scope);
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->cursor, "c3");
  EXPECT_EQ(progress->total_processed, 3);
  EXPECT_FALSE(db.store->load_progress(repo.id));  // the list scope is untouched
  EXPECT_FALSE(db.store->load_scope(repo.id, "details"));

  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'issue'"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM contributors WHERE github_id IN (77, 49699333)"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests WHERE merged_by_id IS NOT NULL"), 3);
  EXPECT_EQ(count("SELECT sum(points) FROM backfill_chunks WHERE scope_id IS NOT NULL"), 4);
  EXPECT_EQ(count("SELECT max(chunk_index) FROM backfill_chunks"), 2);

  db.store->complete_scope(repo.id, scope, 3, kNow);
  const auto rows = db.store->scopes(RepoName{"Octo", "Repo"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, store::Status::kCompleted);
  EXPECT_EQ(rows[0].points_used, 4);
  EXPECT_EQ(rows[0].chunks, 2);

  // --restart: the cursor and the count start over; the rows stay.
  db.store->begin_scope(repo.id, scope, 3, true, kNow);
  progress = db.store->load_scope(repo.id, scope);
  EXPECT_FALSE(progress->cursor);
  EXPECT_EQ(progress->total_processed, 0);
  EXPECT_EQ(progress->status, store::Status::kInProgress);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 3);
}

TEST_P(DepthStoreTest, ChildrenAheadOfTheirChunkAreStoredOnce) {
  const std::string scope = "comments,details,reviews";
  db.store->begin_scope(repo.id, scope, 1, false, kNow);
  auto heavy = deep_pull(9, 120, 250);
  db.store->upsert_pull_children({repo.id, heavy, kNow});
  db.store->upsert_pull_children({repo.id, heavy, kNow});  // a retried follow-up
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 120);
  EXPECT_EQ(count("SELECT count(*) FROM comments"), 250);
  EXPECT_FALSE(db.store->load_scope(repo.id, scope)->cursor);  // no cursor past it yet
  heavy.reviews.clear();
  heavy.comments.clear();
  EXPECT_EQ(db.store->upsert_deep_chunk(chunk({heavy}, "c9")), 1);
  EXPECT_EQ(count("SELECT count(*) FROM pull_requests"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM comments c JOIN pull_requests p"
                  " ON p.id = c.pull_request_id WHERE p.number = 9"),
            250);
}

TEST_P(DepthStoreTest, AFailedRunIsRecordedOnItsScope) {
  const std::string scope = "details";
  store::RunEnd end;
  end.status = store::Status::kFailed;
  end.error = "GraphQL said no";
  end.now = kNow;
  db.store->finish_scope(repo.id, scope, end);  // before the scope ever began
  db.store->finish_scope(repo.id, scope, end);
  auto progress = db.store->load_scope(repo.id, scope);
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->status, store::Status::kFailed);
  EXPECT_EQ(progress->error_count, 2);
  EXPECT_EQ(progress->last_error, "GraphQL said no");
}

TEST_P(DepthStoreTest, TheTrackedDepthIsRemembered) {
  EXPECT_FALSE(db.store->backfill_with(repo.id));
  db.store->set_backfill_with(repo.id, "details,reviews");
  EXPECT_EQ(db.store->backfill_with(repo.id), "details,reviews");
  db.store->set_backfill_with(repo.id, std::nullopt);
  EXPECT_FALSE(db.store->backfill_with(repo.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, DepthStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
