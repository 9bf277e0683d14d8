// The writes of a refresh of a depth scope on both engines: each PR's
// reviews and conversation comments replaced by GitHub's set (deletions
// included, inline review comments left alone, other PRs untouched), the
// stored versions a refresh compares with, and the depth scopes due.
#include <gtest/gtest.h>

#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {
namespace {

using store::Backend;

constexpr const char* kNow = "2024-03-01T00:00:00Z";
constexpr const char* kScope = "comments,details,reviews";

DeepPullRequest deep_pull(std::int64_t number, int reviews, int comments,
                          CommentKind kind = CommentKind::kIssue) {
  DeepPullRequest d;
  d.pull = sample_pull_request(number);
  d.details.reviews_count = reviews;
  d.details.comments_count = comments;
  for (int i = 0; i < reviews; ++i) {
    d.reviews.push_back({number * 1000 + i, std::nullopt, "APPROVED", "ok", kNow});
  }
  for (int i = 0; i < comments; ++i) {
    Comment c;
    c.github_id = number * 1000 + i;
    c.kind = kind;
    c.body = "hi";
    c.created_at = kNow;
    c.updated_at = kNow;
    d.comments.push_back(c);
  }
  return d;
}

std::vector<std::int64_t> ids(std::int64_t number, int from, int to) {
  std::vector<std::int64_t> out;
  for (int i = from; i < to; ++i) out.push_back(number * 1000 + i);
  return out;
}

class DepthRefreshStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  DepthRefreshStoreTest() : db(GetParam()) {
    repo = db.store->upsert_repository(42, {"octo", "repo"}, kNow);
  }
  std::int64_t count(const std::string& sql) { return query_int(db.database.url(), sql); }

  FreshStore db;
  store::Repository repo;
};

TEST_P(DepthRefreshStoreTest, ChildrenGitHubNoLongerHasAreDeletedAndOthersStay) {
  db.store->upsert_pull_children({repo.id, deep_pull(1, 5, 6), kNow});
  db.store->upsert_pull_children({repo.id, deep_pull(2, 3, 3), kNow});
  // Inline review comments of #1, another stream's rows.
  db.store->upsert_pull_children({repo.id, deep_pull(1, 0, 4, CommentKind::kReview), kNow});

  // GitHub now has reviews 0-1 and comments 2-7 of #1 (2 new ones).
  store::DepthRefreshChunk chunk;
  chunk.repository_id = repo.id;
  chunk.now = kNow;
  auto now1 = deep_pull(1, 0, 0);
  for (auto i : {6, 7}) {
    Comment c;
    c.github_id = 1000 + i;
    c.created_at = c.updated_at = kNow;
    now1.comments.push_back(c);
  }
  chunk.pulls = {now1};
  chunk.children = {{now1.pull.github_id, ids(1, 0, 2), ids(1, 2, 8)}};
  const auto written = db.store->write_depth_refresh_chunk(chunk);
  EXPECT_EQ(written.reviews_deleted, 3);
  EXPECT_EQ(written.comments_deleted, 2);
  EXPECT_EQ(count("SELECT count(*) FROM reviews r JOIN pull_requests p ON p.id ="
                  " r.pull_request_id WHERE p.number = 1"),
            2);
  EXPECT_EQ(count("SELECT count(*) FROM comments c JOIN pull_requests p ON p.id ="
                  " c.pull_request_id WHERE p.number = 1 AND c.kind = 'issue'"),
            6);
  EXPECT_EQ(count("SELECT count(*) FROM comments WHERE kind = 'review'"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 2 + 3);  // #2 untouched

  // A scope without reviews leaves them; an empty set deletes every one.
  chunk.pulls = {deep_pull(2, 0, 0)};
  chunk.children = {{deep_pull(2, 0, 0).pull.github_id, std::nullopt, std::vector<std::int64_t>{}}};
  const auto second = db.store->write_depth_refresh_chunk(chunk);
  EXPECT_EQ(second.reviews_deleted, 0);
  EXPECT_EQ(second.comments_deleted, 3);
  EXPECT_EQ(count("SELECT count(*) FROM reviews"), 5);
}

TEST_P(DepthRefreshStoreTest, TheLastChunkWritesTheScopesStateAndNewPullsCount) {
  db.store->begin_run(repo.id, 1, false, kNow);
  db.store->upsert_chunk({repo.id, {sample_pull_request(1)}, "{}", kNow, {}});
  const auto stored = db.store->stored_updated_at({sample_pull_request(1).github_id, 999999});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.at(sample_pull_request(1).github_id), sample_pull_request(1).updated_at);

  store::DepthRefreshChunk chunk;
  chunk.repository_id = repo.id;
  chunk.now = kNow;
  chunk.pulls = {deep_pull(2, 1, 1)};
  chunk.inserted = 1;
  store::RefreshState finish;
  finish.repository_id = repo.id;
  finish.scope = kScope;
  finish.refreshed_at = kNow;
  finish.watermark = "2024-02-01T00:00:00Z";
  finish.etag = "W/\"abc\"";
  finish.changed = 4;
  chunk.finish = finish;
  db.store->write_depth_refresh_chunk(chunk);
  const auto state = db.store->load_refresh(repo.id, kScope);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->watermark, "2024-02-01T00:00:00Z");
  EXPECT_EQ(state->etag, "W/\"abc\"");
  EXPECT_EQ(state->changed, 4);
  EXPECT_FALSE(db.store->load_refresh(repo.id, "list"));
  EXPECT_EQ(db.store->load_progress(repo.id)->total_processed, 2);
}

TEST_P(DepthRefreshStoreTest, CompletedDepthScopesOfTrackedRepositoriesAreDue) {
  db.store->mark_tracked(repo.id, kNow);
  db.store->set_backfill_with(repo.id, "all");
  db.store->begin_scope(repo.id, kScope, 1, false, kNow);
  EXPECT_TRUE(db.store->depth_refreshes_due("2030-01-01T00:00:00Z").empty());  // not completed
  db.store->complete_scope(repo.id, kScope, 1, kNow);
  auto due = db.store->depth_refreshes_due("2030-01-01T00:00:00Z");
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].scope, kScope);
  EXPECT_EQ(due[0].repository.id, repo.id);
  EXPECT_FALSE(due[0].refreshed_at);
  EXPECT_TRUE(db.store->depth_refreshes_due("2020-01-01T00:00:00Z").empty());  // completed since
  store::DepthRefreshChunk chunk;
  chunk.repository_id = repo.id;
  chunk.now = kNow;
  store::RefreshState finish;
  finish.repository_id = repo.id;
  finish.scope = kScope;
  finish.refreshed_at = "2029-01-01T00:00:00Z";
  chunk.finish = finish;
  db.store->write_depth_refresh_chunk(chunk);
  EXPECT_TRUE(db.store->depth_refreshes_due("2028-01-01T00:00:00Z").empty());
  due = db.store->depth_refreshes_due("2030-01-01T00:00:00Z");
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].refreshed_at, "2029-01-01T00:00:00Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, DepthRefreshStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace backfill::testing
