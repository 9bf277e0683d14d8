// What `backfill status` says of how fresh completed backfills and depth
// scopes are: each by its own refresh_state row, in text and in JSON.
#include "backfill/cli/status_freshness.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace backfill::cli {
namespace {

constexpr const char* kScope = "comments,details,reviews";

store::ScopeSummary scope(const std::string& repository, store::Status status) {
  store::ScopeSummary s;
  s.repository = repository;
  s.scope = kScope;
  s.status = status;
  return s;
}

store::RefreshState refreshed(const std::string& at, std::int64_t changed) {
  store::RefreshState state;
  state.scope = kScope;
  state.refreshed_at = at;
  state.changed = changed;
  return state;
}

TEST(StatusFreshness, EachCompletedDepthScopeByItsOwnRefresh) {
  const std::vector<store::ScopeSummary> rows = {
      scope("octo/a", store::Status::kCompleted), scope("octo/b", store::Status::kCompleted),
      scope("octo/c", store::Status::kInProgress), scope("octo/d", store::Status::kCompleted)};
  ScopeFreshness fresh;
  fresh[{"octo/a", kScope}] = refreshed("2026-11-30T21:00:00Z", 3);
  fresh[{"octo/c", kScope}] = refreshed("2026-11-30T22:00:00Z", 1);
  fresh[{"octo/d", kScope}] = refreshed("2026-11-30T23:00:00Z", 0);
  // Another scope's refresh of octo/b says nothing of this one.
  fresh[{"octo/b", "details"}] = refreshed("2026-11-30T23:30:00Z", 9);

  EXPECT_EQ(scope_freshness_lines(rows, fresh),
            "octo/a (comments,details,reviews): fresh as of 2026-11-30T21:00:00Z (the last "
            "refresh found 3 PRs changed)\n"
            "octo/b (comments,details,reviews): completed, never refreshed\n"
            "octo/d (comments,details,reviews): fresh as of 2026-11-30T23:00:00Z (the last "
            "refresh found nothing changed)\n");

  auto list = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) list.push_back({{"scope", kScope}});
  add_scope_freshness(list, rows, fresh);
  EXPECT_EQ(list[0]["fresh_as_of"], "2026-11-30T21:00:00Z");
  EXPECT_EQ(list[0]["refresh_changed"], 3);
  EXPECT_TRUE(list[1]["fresh_as_of"].is_null());
  EXPECT_TRUE(list[1]["refresh_changed"].is_null());
  EXPECT_FALSE(list[2].contains("fresh_as_of"));  // not completed: no freshness
  EXPECT_EQ(list[3]["refresh_changed"], 0);
}

TEST(StatusFreshness, ListBackfillsSayTheSameAsBefore) {
  store::BackfillSummary done;
  done.repository = "octo/a";
  done.status = store::Status::kCompleted;
  store::BackfillSummary never = done;
  never.repository = "octo/b";
  Freshness fresh;
  fresh["octo/a"] = refreshed("2026-11-30T21:00:00Z", 1);
  EXPECT_EQ(freshness_lines({done, never}, fresh),
            "octo/a: fresh as of 2026-11-30T21:00:00Z (the last refresh found 1 PR changed)\n"
            "octo/b: completed, never refreshed\n");
}

}  // namespace
}  // namespace backfill::cli
