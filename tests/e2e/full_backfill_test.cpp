// A whole backfill by the real binary: data, counters, requests, commands.
#include <nlohmann/json.hpp>

#include "support/e2e_fixture.hpp"

namespace backfill::testing {
namespace {

class FullBackfill : public BackfillE2E {};

TEST_P(FullBackfill, CopiesEveryPullRequestWithGithubsCountAndFewRequests) {
  github_.add_repository("octo/big", 250);
  auto r = run({"--repo", "octo/big"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_exact_copy("octo/big");
  EXPECT_EQ(progress("octo/big", "status"), "completed");
  EXPECT_EQ(progress("octo/big", "total_expected"), "250");
  EXPECT_EQ(progress("octo/big", "total_processed"), "250");
  // repository + count + ceil(250/100) pages.
  EXPECT_EQ(api_requests(), 2u + 3u);
  auto result = nlohmann::json::parse(r.out);
  EXPECT_EQ(result["status"], "completed");
  EXPECT_EQ(result["processed"], 250);
  EXPECT_EQ(result["expected"], 250);
  EXPECT_EQ(result["exit_code"], 0);
}

TEST_P(FullBackfill, EveryRequestListsAllStatesInCreationOrder) {
  github_.add_repository("octo/order", 120);
  ASSERT_EQ(run({"run", "--repo", "octo/order"}).exit_code, 0);
  for (const auto& req : github_.requests()) {
    if (req.path.find("/pulls") == std::string::npos) continue;
    EXPECT_NE(req.query.find("state=all"), std::string::npos) << req.query;
    EXPECT_NE(req.query.find("sort=created"), std::string::npos) << req.query;
    EXPECT_NE(req.query.find("direction=asc"), std::string::npos) << req.query;
    EXPECT_EQ(req.authorization, std::string("Bearer ") + kTestToken);
  }
  // The next link is followed as given: /repositories/{id}/pulls.
  auto reqs = github_.requests();
  EXPECT_TRUE(std::any_of(reqs.begin(), reqs.end(),
                          [](const auto& q) { return q.path.rfind("/repositories/", 0) == 0; }));
}

TEST_P(FullBackfill, AwkwardContentIsStoredFaithfully) {
  fake_github::GenerateOptions options;
  options.awkward_every = 3;
  github_.add_repository("octo/awkward", 60, options);
  auto r = run({"--repo", "octo/awkward", "--chunk-size", "7"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_exact_copy("octo/awkward");
  // No NUL anywhere, and the long bodies whole.
  // (PostgreSQL would have refused the chunk had one slipped through.)
  if (GetParam() == store::Backend::kSqlite) {
    EXPECT_EQ(
        query_int(db(),
                  "SELECT count(*) FROM pull_requests WHERE "
                  "instr(CAST(body AS BLOB), x'00') > 0 OR instr(CAST(title AS BLOB), x'00') > 0"),
        0);
  }
  EXPECT_GE(query_int(db(),
                      "SELECT count(*) FROM pull_requests WHERE body = "
                      "'Binary junk pasted here:<- a NUL byte.'"),
            1);
  EXPECT_GE(query_int(db(), "SELECT max(length(body)) FROM pull_requests"), 70000);
  EXPECT_GE(query_int(db(), "SELECT count(*) FROM pull_requests WHERE author_id IS NULL"), 1);
  EXPECT_GE(query_int(db(), "SELECT count(*) FROM pull_requests WHERE body IS NULL"), 1);
  EXPECT_GE(query_int(db(), "SELECT count(*) FROM pull_requests WHERE draft"), 1);
  EXPECT_GE(query_int(db(), "SELECT count(*) FROM pull_requests WHERE merged_at IS NOT NULL"), 1);
  // Emoji (4-byte UTF-8) survive byte for byte.
  EXPECT_GE(
      query_int(db(), "SELECT count(*) FROM pull_requests WHERE title LIKE '%\xF0\x9F\x9A\x80%'"),
      1);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM contributors WHERE login IS NULL"), 0);
}

TEST_P(FullBackfill, EmptyRepositoryCompletes) {
  github_.add_repository("octo/empty", 0);
  auto r = run({"--repo", "octo/empty"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(progress("octo/empty", "status"), "completed");
  EXPECT_EQ(stored_rows("octo/empty"), 0);
}

TEST_P(FullBackfill, StatusShowsProgressAsTableAndJson) {
  github_.add_repository("octo/shown", 150);
  ASSERT_EQ(run({"--repo", "octo/shown", "--max-chunks", "1"}).exit_code, 75);
  auto table = run({"status"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("octo/shown"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("33.3%"), std::string::npos) << table.out;
  auto json = run({"status", "--repo", "octo/shown", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto rows = nlohmann::json::parse(json.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["repository"], "octo/shown");
  EXPECT_EQ(rows[0]["total_processed"], 50);
  EXPECT_EQ(rows[0]["total_expected"], 150);
  EXPECT_EQ(rows[0]["status"], "paused");
}

TEST_P(FullBackfill, MigrateIsIdempotent) {
  auto first = run({"migrate"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied"), std::string::npos);
  auto again = run({"migrate"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "schema is up to date\n");
  EXPECT_EQ(api_requests(), 0u);
}

BACKFILL_E2E_BACKENDS(FullBackfill);

}  // namespace
}  // namespace backfill::testing
