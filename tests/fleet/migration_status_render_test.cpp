// Rendering of the migration status: pure functions of collected rows.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backfill/fleet/migration_status.hpp"

namespace backfill::fleet {
namespace {

RepositoryStatus row(const std::string& name, VerdictKind kind, std::optional<std::int64_t> gap,
                     std::int64_t stored, std::optional<std::int64_t> github) {
  RepositoryStatus r;
  r.repository = name;
  r.stored = stored;
  r.github_count = github;
  r.verdict.kind = kind;
  r.verdict.gap = gap;
  r.verdict.detail = "detail of " + name;
  return r;
}

TEST(MigrationStatusRender, SummaryCountsOnlyTheKindsPresentAndTheKnownGaps) {
  MigrationStatus s;
  s.repositories = {row("a/complete", VerdictKind::kComplete, 0, 10, 10),
                    row("b/one", VerdictKind::kIncomplete, 1, 9, 10),
                    row("c/unknown", VerdictKind::kUnknown, std::nullopt, 5, std::nullopt)};
  EXPECT_EQ(summary_line(s), "3 tracked: 1 complete, 1 incomplete, 1 unknown; 1 PR not yet stored");
  EXPECT_FALSE(all_complete(s));
  s.repositories[1].verdict.gap = 1'234'567;
  EXPECT_EQ(summary_line(s),
            "3 tracked: 1 complete, 1 incomplete, 1 unknown; 1,234,567 PRs not yet stored");
}

TEST(MigrationStatusRender, AllCompleteHoldsOnlyWhenEveryVerdictIsComplete) {
  MigrationStatus s;
  EXPECT_TRUE(all_complete(s));  // nothing tracked: nothing incomplete
  s.repositories = {row("a/x", VerdictKind::kComplete, 0, 1, 1)};
  EXPECT_TRUE(all_complete(s));
  for (auto kind : {VerdictKind::kIncomplete, VerdictKind::kNeverStarted, VerdictKind::kStalled,
                    VerdictKind::kPaused, VerdictKind::kFailed, VerdictKind::kUnknown}) {
    s.repositories = {row("a/x", VerdictKind::kComplete, 0, 1, 1), row("b/y", kind, 0, 1, 1)};
    EXPECT_FALSE(all_complete(s)) << to_string(kind);
  }
}

TEST(MigrationStatusRender, TableRightAlignsNumbersAndListsDetailsOfWhatIsNotComplete) {
  MigrationStatus s;
  auto done = row("octo/done", VerdictKind::kComplete, 0, 1500, 1500);
  done.status = store::Status::kCompleted;
  done.last_progress = "2024-06-01T10:00:00Z";
  s.repositories = {done, row("octo/new", VerdictKind::kNeverStarted, 312, 0, 312)};
  EXPECT_EQ(status_table(s),
            "REPOSITORY  VERDICT        STORED  GITHUB  GAP  STATUS     LAST PROGRESS\n"
            "octo/done   complete        1,500   1,500    0  completed  2024-06-01T10:00:00Z\n"
            "octo/new    never started       0     312  312  -          -\n"
            "\n"
            "octo/new: never started: detail of octo/new\n"
            "\n"
            "2 tracked: 1 complete, 1 never started; 312 PRs not yet stored\n");
}

TEST(MigrationStatusRender, JsonHasNullsForWhatIsUnknownAndEveryKindInTheSummary) {
  MigrationStatus s;
  s.checked_at = "2024-06-01T12:00:00Z";
  s.repositories = {row("octo/gone", VerdictKind::kUnknown, std::nullopt, 5, std::nullopt)};
  const auto j = status_json(s);
  EXPECT_EQ(j["checked_at"], "2024-06-01T12:00:00Z");
  EXPECT_EQ(j["stall_after_seconds"], 7200);
  const auto& r = j["repositories"][0];
  EXPECT_EQ(r["repository"], "octo/gone");
  EXPECT_EQ(r["verdict"], "unknown");
  EXPECT_TRUE(r["gap"].is_null());
  EXPECT_TRUE(r["github_count"].is_null());
  EXPECT_TRUE(r["status"].is_null());
  EXPECT_TRUE(r["last_progress"].is_null());
  EXPECT_EQ(r["stored"], 5);
  EXPECT_EQ(r["detail"], "detail of octo/gone");
  const auto& summary = j["summary"];
  for (const char* key :
       {"complete", "incomplete", "never_started", "stalled", "paused", "failed"}) {
    EXPECT_EQ(summary[key], 0) << key;
  }
  EXPECT_EQ(summary["unknown"], 1);
  EXPECT_EQ(summary["tracked"], 1);
  EXPECT_EQ(summary["missing_prs"], 0);
  EXPECT_EQ(summary["all_complete"], false);
  EXPECT_EQ(summary["line"], "1 tracked: 1 unknown; 0 PRs not yet stored");
}

RepositoryStatus scope_row(const std::string& name, const std::string& scope, VerdictKind kind,
                           std::optional<std::int64_t> gap, std::int64_t stored,
                           std::optional<std::int64_t> github) {
  auto r = row(name, kind, gap, stored, github);
  r.scope = scope;
  r.verdict.detail = "detail of " + name + " " + scope;
  return r;
}

TEST(MigrationStatusRender, DepthScopesGetATableOfTheirOwnAfterTheListOnes) {
  MigrationStatus s;
  auto done = row("octo/done", VerdictKind::kComplete, 0, 1500, 1500);
  done.status = store::Status::kCompleted;
  done.last_progress = "2024-06-01T10:00:00Z";
  s.repositories = {done, row("octo/new", VerdictKind::kNeverStarted, 312, 0, 312)};
  const std::string list_only = status_table(s);
  const std::string list_json = status_json(s)["repositories"].dump();

  auto deep =
      scope_row("octo/done", "comments,details,reviews", VerdictKind::kIncomplete, 1000, 500, 1500);
  deep.status = store::Status::kInProgress;
  deep.last_progress = "2024-06-01T11:00:00Z";
  s.scopes = {deep, scope_row("octo/done", "details", VerdictKind::kComplete, 0, 1500, 1500)};
  EXPECT_EQ(
      status_table(s),
      "REPOSITORY  VERDICT        STORED  GITHUB  GAP  STATUS     LAST PROGRESS\n"
      "octo/done   complete        1,500   1,500    0  completed  2024-06-01T10:00:00Z\n"
      "octo/new    never started       0     312  312  -          -\n"
      "\n"
      "octo/new: never started: detail of octo/new\n"
      "\n"
      "depth scopes (--with):\n"
      "REPOSITORY  SCOPE                     VERDICT     STORED  GITHUB    GAP  STATUS       LAST "
      "PROGRESS\n"
      "octo/done   comments,details,reviews  incomplete     500   1,500  1,000  in_progress  "
      "2024-06-01T11:00:00Z\n"
      "octo/done   details                   complete     1,500   1,500      0  -            -\n"
      "\n"
      "octo/done (comments,details,reviews): incomplete: detail of octo/done "
      "comments,details,reviews\n"
      "\n"
      "2 tracked: 1 complete, 1 never started; 312 PRs not yet stored; 2 depth scopes: 1 "
      "complete, 1 incomplete\n");
  // The list rows read as they did without scopes.
  EXPECT_EQ(status_table(s).rfind(list_only.substr(0, list_only.find("\n\n2 tracked")), 0), 0u);
  const auto j = status_json(s);
  EXPECT_EQ(j["repositories"].dump(), list_json);
  ASSERT_EQ(j["scopes"].size(), 2u);
  EXPECT_EQ(j["scopes"][0]["repository"], "octo/done");
  EXPECT_EQ(j["scopes"][0]["scope"], "comments,details,reviews");
  EXPECT_EQ(j["scopes"][0]["verdict"], "incomplete");
  EXPECT_EQ(j["scopes"][0]["gap"], 1000);
  EXPECT_EQ(j["summary"]["depth_scopes"]["scopes"], 2);
  EXPECT_EQ(j["summary"]["depth_scopes"]["incomplete"], 1);
  EXPECT_EQ(j["summary"]["tracked"], 2);  // repositories, as before
}

TEST(MigrationStatusRender, AnUnfinishedDepthScopeMeansNotAllComplete) {
  MigrationStatus s;
  s.repositories = {row("a/x", VerdictKind::kComplete, 0, 1, 1)};
  s.scopes = {scope_row("a/x", "details", VerdictKind::kComplete, 0, 1, 1)};
  EXPECT_TRUE(all_complete(s));
  s.scopes.push_back(scope_row("a/x", "reviews", VerdictKind::kNeverStarted, 1, 0, 1));
  EXPECT_FALSE(all_complete(s));
  EXPECT_EQ(status_json(s)["summary"]["all_complete"], false);
}

TEST(MigrationStatusRender, WithoutDepthScopesTheOutputIsWhatItWas) {
  MigrationStatus s;
  s.repositories = {row("a/x", VerdictKind::kComplete, 0, 1, 1)};
  EXPECT_EQ(status_table(s),
            "REPOSITORY  VERDICT   STORED  GITHUB  GAP  STATUS  LAST PROGRESS\n"
            "a/x         complete       1       1    0  -       -\n"
            "\n"
            "1 tracked: 1 complete; 0 PRs not yet stored\n");
  EXPECT_TRUE(status_json(s)["scopes"].empty());
}

}  // namespace
}  // namespace backfill::fleet
