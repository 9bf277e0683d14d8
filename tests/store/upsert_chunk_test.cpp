// upsert_chunk: idempotent, exact counting, refreshed fields, byte-exact
// text (minus NUL), null authors, and all-or-nothing on failure. Every check
// reads the database with plain SQL, not through the store.
#include <gtest/gtest.h>

#include "backfill/store/store.hpp"
#include "support/db_probe.hpp"
#include "support/test_databases.hpp"

namespace backfill::store {
namespace {

constexpr const char* kNow = "2024-06-01T00:00:00Z";

class UpsertChunkTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    repo_ = store().upsert_repository(4242, RepoName{"octo", "repo"}, kNow);
    store().begin_run(repo_.id, 1000, /*restart=*/false, kNow);
  }

  Store& store() { return *fresh_.store; }
  const std::string& url() const { return fresh_.database.url(); }
  std::string iso(const std::string& column) const {
    return testing::iso_column(GetParam(), column);
  }

  ChunkWrite chunk(std::int64_t first, std::int64_t last, const std::string& cursor,
                   const std::string& now = kNow) const {
    ChunkWrite c{repo_.id, {}, cursor, now, {}};
    for (auto n = first; n <= last; ++n) c.pulls.push_back(testing::sample_pull_request(n));
    return c;
  }

  // Every stored column of every PR, as text, for before/after comparisons.
  std::vector<testing::Row> pull_rows() const {
    return testing::query(
        url(),
        "SELECT p.id, p.github_id, p.repository_id, p.number, p.title, p.body, p.state,"
        " CASE WHEN p.draft THEN 1 ELSE 0 END, c.github_id, " +
            iso("p.created_at") + ", " + iso("p.updated_at") + ", " + iso("p.closed_at") + ", " +
            iso("p.merged_at") +
            ", p.merge_commit_sha, p.head_ref, p.base_ref,"
            " p.html_url, " +
            iso("p.fetched_at") +
            " FROM pull_requests p LEFT JOIN contributors c ON c.id = p.author_id"
            " ORDER BY p.github_id");
  }

  std::optional<std::string> pull_value(const std::string& column, std::int64_t number) const {
    return testing::query_value(
        url(), "SELECT " + column + " FROM pull_requests WHERE number = " + std::to_string(number));
  }

  testing::FreshStore fresh_{GetParam()};
  Repository repo_;
};

TEST_P(UpsertChunkTest, ReUpsertingTheSameChunkChangesNothing) {
  EXPECT_EQ(store().upsert_chunk(chunk(1, 50, "cursor-50")), 50);
  const auto before = pull_rows();
  ASSERT_EQ(before.size(), 50u);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors"), 7);

  EXPECT_EQ(store().upsert_chunk(chunk(1, 50, "cursor-50")), 50);
  EXPECT_EQ(pull_rows(), before);
  EXPECT_EQ(store().count_pulls(repo_.id), 50);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors"), 7);
  const auto progress = store().load_progress(repo_.id);
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->total_processed, 50);
  EXPECT_EQ(progress->cursor, "cursor-50");
  EXPECT_EQ(testing::query_int(url(), "SELECT total_processed FROM backfill_progress"), 50);
}

TEST_P(UpsertChunkTest, StoresEveryFieldAsGiven) {
  store().upsert_chunk(chunk(3, 3, "c"));
  const auto row = pull_rows().at(0);
  const auto pr = testing::sample_pull_request(3);
  EXPECT_EQ(row[1], std::to_string(pr.github_id));
  EXPECT_EQ(row[2], repo_.id);
  EXPECT_EQ(row[3], "3");
  EXPECT_EQ(row[4], pr.title);
  EXPECT_EQ(row[5], pr.body);
  EXPECT_EQ(row[6], "closed");
  EXPECT_EQ(row[7], "0");
  EXPECT_EQ(row[8], std::to_string(pr.author->github_id));
  EXPECT_EQ(row[9], "2024-01-02T03:04:05Z");
  EXPECT_EQ(row[10], "2024-02-03T04:05:06Z");
  EXPECT_EQ(row[11], "2024-03-04T05:06:07Z");
  EXPECT_EQ(row[12], "2024-03-04T05:06:07Z");
  EXPECT_EQ(row[13], pr.merge_commit_sha);
  EXPECT_EQ(row[14], "feature/3");
  EXPECT_EQ(row[15], "main");
  EXPECT_EQ(row[16], pr.html_url);
  EXPECT_EQ(row[17], kNow);
  EXPECT_EQ(testing::query(url(), "SELECT login, avatar_url, type FROM contributors").at(0),
            (testing::Row{pr.author->login, pr.author->avatar_url, "User"}));
}

TEST_P(UpsertChunkTest, OverlappingChunksCountDistinctPullRequests) {
  EXPECT_EQ(store().upsert_chunk(chunk(1, 50, "c1")), 50);
  EXPECT_EQ(store().upsert_chunk(chunk(26, 75, "c2")), 75);
  EXPECT_EQ(store().count_pulls(repo_.id), 75);
  // A restarted run keeps the rows and recounts them, so re-reading them
  // from the beginning still counts each PR once.
  store().begin_run(repo_.id, 1000, /*restart=*/true, kNow);
  auto progress = store().load_progress(repo_.id);
  EXPECT_EQ(progress->total_processed, 75);
  EXPECT_EQ(progress->cursor, std::nullopt);
  EXPECT_EQ(store().upsert_chunk(chunk(1, 50, "c1")), 75);
}

TEST_P(UpsertChunkTest, ReUpsertRefreshesEveryChangedField) {
  store().upsert_chunk(chunk(1, 1, "c1"));
  auto changed = chunk(1, 1, "c2", "2024-06-02T00:00:00Z");
  auto& pr = changed.pulls[0];
  pr.title = "Renamed";
  pr.body = std::nullopt;
  pr.state = "closed";
  pr.draft = true;
  pr.closed_at = "2024-07-01T00:00:00Z";
  pr.merged_at = std::nullopt;
  pr.merge_commit_sha = "feedface";
  pr.head_ref = "other-branch";
  pr.base_ref = "develop";
  pr.updated_at = "2024-07-01T00:00:00Z";
  pr.author->login = "renamed-user";
  pr.author->avatar_url = "https://avatars.example/new";
  pr.author->type = "Bot";
  EXPECT_EQ(store().upsert_chunk(changed), 1);

  const auto row = pull_rows().at(0);
  EXPECT_EQ(row[4], "Renamed");
  EXPECT_EQ(row[5], std::nullopt);
  EXPECT_EQ(row[6], "closed");
  EXPECT_EQ(row[7], "1");
  EXPECT_EQ(row[10], "2024-07-01T00:00:00Z");
  EXPECT_EQ(row[11], "2024-07-01T00:00:00Z");
  EXPECT_EQ(row[12], std::nullopt);
  EXPECT_EQ(row[13], "feedface");
  EXPECT_EQ(row[14], "other-branch");
  EXPECT_EQ(row[15], "develop");
  EXPECT_EQ(row[17], "2024-06-02T00:00:00Z");
  EXPECT_EQ(testing::query(url(), "SELECT login, avatar_url, type, " + iso("updated_at") +
                                      " FROM contributors"),
            (std::vector<testing::Row>{
                {"renamed-user", "https://avatars.example/new", "Bot", "2024-06-02T00:00:00Z"}}));
}

TEST_P(UpsertChunkTest, TextIsByteExactExceptNulWhichIsStripped) {
  const std::string emoji =
      "\xF0\x9F\x9A\x80 \xF0\x9F\x8E\x89 caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87";
  std::string long_body;
  while (long_body.size() < 70'000) long_body += emoji + " line\r\n\t\"quoted\" \\ {a,b} NULL ";
  long_body.resize(70'000);
  long_body.resize(long_body.find_last_of(' '));  // never cut a multi-byte character

  auto c = chunk(1, 2, "c");
  c.pulls[0].title = std::string("before\0after ", 13) + emoji;
  c.pulls[0].body = std::string("\0", 1) + long_body + std::string("\0", 1);
  c.pulls[0].head_ref = std::string("nul\0ref", 7);
  c.pulls[0].author->login = std::string("lo\0gin", 6);
  c.pulls[1].title = "";
  c.pulls[1].body = long_body;
  store().upsert_chunk(c);

  EXPECT_EQ(pull_value("title", 1), "beforeafter " + emoji);
  EXPECT_EQ(pull_value("body", 1), long_body);
  EXPECT_EQ(pull_value("head_ref", 1), "nulref");
  EXPECT_EQ(pull_value("body", 2), long_body);
  EXPECT_EQ(pull_value("title", 2), "");
  EXPECT_GT(long_body.size(), 69'000u);
  EXPECT_EQ(testing::query_value(url(), "SELECT login FROM contributors WHERE github_id = " +
                                            std::to_string(c.pulls[0].author->github_id)),
            "login");
}

TEST_P(UpsertChunkTest, NullAuthorIsStoredAsNullAuthorId) {
  auto c = chunk(1, 2, "c");
  c.pulls[0].author = std::nullopt;
  store().upsert_chunk(c);
  EXPECT_EQ(pull_value("author_id", 1), std::nullopt);
  EXPECT_TRUE(pull_value("author_id", 2).has_value());
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors"), 1);
}

TEST_P(UpsertChunkTest, DuplicatePullInOneChunkIsStoredOnceWithTheLastVersion) {
  auto c = chunk(1, 1, "c");
  c.pulls.push_back(c.pulls[0]);
  c.pulls.back().title = "later copy";
  EXPECT_EQ(store().upsert_chunk(c), 1);
  EXPECT_EQ(pull_value("title", 1), "later copy");
}

TEST_P(UpsertChunkTest, FailingChunkLeavesNothingBehind) {
  EXPECT_EQ(store().upsert_chunk(chunk(1, 10, "after-10")), 10);
  const auto rows_before = pull_rows();
  const auto progress_before = store().load_progress(repo_.id);

  // PR 11 and its new author go in first; then a different PR claims number
  // 11 as well, which UNIQUE(repository_id, number) refuses.
  auto bad = chunk(11, 11, "after-12", "2024-06-09T00:00:00Z");
  bad.pulls[0].author = Contributor{999, "newcomer", "https://a/999", "User"};
  auto clash = testing::sample_pull_request(12);
  clash.number = 11;
  bad.pulls.push_back(clash);
  EXPECT_ANY_THROW(store().upsert_chunk(bad));

  EXPECT_EQ(pull_rows(), rows_before);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors WHERE github_id = 999"),
            0);
  const auto progress_after = store().load_progress(repo_.id);
  EXPECT_EQ(progress_after->cursor, "after-10");
  EXPECT_EQ(progress_after->total_processed, 10);
  EXPECT_EQ(progress_after->updated_at, progress_before->updated_at);
  EXPECT_EQ(testing::query_ints(url(), "SELECT chunk_index FROM backfill_chunks"),
            std::vector<std::int64_t>{1});

  // The store stays usable after the rollback, and the failed chunk used
  // up no chunk number.
  EXPECT_EQ(store().upsert_chunk(chunk(11, 20, "after-20")), 20);
  EXPECT_EQ(testing::query_ints(url(), "SELECT chunk_index FROM backfill_chunks ORDER BY 1"),
            (std::vector<std::int64_t>{1, 2}));
}

TEST_P(UpsertChunkTest, ChunkForAnUnknownRepositoryIsRefused) {
  auto c = chunk(1, 3, "c");
  c.repository_id = "00000000-0000-4000-8000-000000000000";
  EXPECT_ANY_THROW(store().upsert_chunk(c));
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM pull_requests"), 0);
  EXPECT_EQ(testing::query_int(url(), "SELECT count(*) FROM contributors"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, UpsertChunkTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& test) { return testing::backend_name(test.param); });

}  // namespace
}  // namespace backfill::store
