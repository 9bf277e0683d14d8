// `backfill serve`'s views, pure: metrics text, JSON, pages and the chart.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "backfill/cli/scope_table.hpp"
#include "backfill/cli/status_table.hpp"
#include "cli/serve/chart_svg.hpp"
#include "cli/serve/json_views.hpp"
#include "cli/serve/metrics_text.hpp"
#include "cli/serve/pages.hpp"
#include "cli/serve/progress_history.hpp"
#include "serve_fixture.hpp"

namespace backfill::cli::serve {
namespace {

const SystemTime kNow = parse_iso8601("2026-11-30T12:01:00Z");

// The value of the one sample `line_start` (name and labels) in `text`.
std::optional<std::string> sample(const std::string& text, const std::string& line_start) {
  const auto at = text.find("\n" + line_start + " ");
  if (at == std::string::npos) return std::nullopt;
  const auto from = at + line_start.size() + 2;
  return text.substr(from, text.find('\n', from) - from);
}

TEST(ServeMetrics, EveryFamilyHasHelpAndTypeAndTheValuesOfTheRows) {
  const std::string text = render_metrics(testing::sample_snapshot(), kNow);
  std::set<std::string> typed, helped;
  std::regex type(R"(# TYPE (\S+) (gauge|counter)\n)"), help(R"(# HELP (\S+) .+\n)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), type); it != std::sregex_iterator();
       ++it) {
    typed.insert((*it)[1]);
    if ((*it)[2] == "counter") {
      EXPECT_TRUE((*it)[1].str().ends_with("_total")) << (*it)[1];
    }
  }
  for (auto it = std::sregex_iterator(text.begin(), text.end(), help); it != std::sregex_iterator();
       ++it) {
    helped.insert((*it)[1]);
  }
  EXPECT_EQ(typed, helped);
  EXPECT_GE(typed.size(), 12u);
  EXPECT_EQ(sample(text, "backfill_database_up"), "1");
  EXPECT_EQ(sample(text, R"(backfill_pull_requests_stored{repository="octo/running"})"), "250");
  EXPECT_EQ(sample(text, R"(backfill_pull_requests_expected{repository="octo/running"})"), "1000");
  EXPECT_EQ(sample(text, R"(backfill_status{repository="octo/running",status="in_progress"})"),
            "1");
  EXPECT_EQ(sample(text, R"(backfill_status{repository="octo/running",status="failed"})"), "0");
  EXPECT_EQ(sample(text, R"(backfill_status{repository="octo/failed",status="failed"})"), "1");
  EXPECT_EQ(sample(text, R"(backfill_requests_total{repository="octo/running"})"), "12");
  EXPECT_EQ(sample(text, R"(backfill_retries_total{repository="octo/running"})"), "2");
  EXPECT_EQ(sample(text, R"(backfill_rate_limit_remaining{repository="octo/running"})"), "4321");
  EXPECT_EQ(sample(text, R"(backfill_last_progress_age_seconds{repository="octo/running"})"), "30");
  // The reset a paused backfill waits for; else the one its latest chunk saw.
  EXPECT_EQ(
      sample(text, R"(backfill_rate_limit_reset_timestamp_seconds{repository="octo/failed"})"),
      "1796043600");
  EXPECT_EQ(
      sample(text, R"(backfill_rate_limit_reset_timestamp_seconds{repository="octo/running"})"),
      "1796041800");
  EXPECT_EQ(sample(text, R"(backfill_rate_limit_reset_timestamp_seconds{repository="octo/new"})"),
            std::nullopt);
  EXPECT_EQ(sample(text, R"(backfill_runs{status="failed"})"), "1");
  EXPECT_EQ(sample(text, R"(backfill_run_rate_limit_wait_seconds_total{status="failed"})"), "2.5");
  // Unknown values are left out, not made up.
  EXPECT_EQ(sample(text, R"(backfill_rate_limit_remaining{repository="octo/new"})"), std::nullopt);
}

TEST(ServeMetrics, DepthScopesHaveTheirOwnFamiliesWithAScopeLabel) {
  const std::string text = render_metrics(testing::sample_snapshot(), kNow);
  const std::string deep = R"(repository="octo/running",scope="comments,details,reviews")";
  EXPECT_EQ(sample(text, "backfill_scope_pull_requests_stored{" + deep + "}"), "40");
  EXPECT_EQ(sample(text, "backfill_scope_pull_requests_expected{" + deep + "}"), "100");
  EXPECT_EQ(sample(text, "backfill_scope_status{" + deep + R"(,status="in_progress"})"), "1");
  EXPECT_EQ(sample(text, "backfill_scope_status{" + deep + R"(,status="completed"})"), "0");
  EXPECT_EQ(sample(text, "backfill_scope_chunks_total{" + deep + "}"), "2");
  EXPECT_EQ(sample(text, "backfill_scope_points_total{" + deep + "}"), "9");
  EXPECT_EQ(sample(text, "backfill_scope_rate_limit_reset_timestamp_seconds{" + deep + "}"),
            "1796042700");
  const std::string broken = R"(repository="octo/failed",scope="<i>details</i>")";
  EXPECT_EQ(sample(text, "backfill_scope_status{" + broken + R"(,status="failed"})"), "1");
  EXPECT_EQ(sample(text, "backfill_scope_pull_requests_expected{" + broken + "}"), std::nullopt);
  // The list families are untouched: one sample per repository, no scope label.
  EXPECT_EQ(sample(text, R"(backfill_pull_requests_stored{repository="octo/running"})"), "250");
  EXPECT_EQ(text.find("backfill_pull_requests_stored{repository=\"octo/running\",scope"),
            std::string::npos);
}

TEST(ServeMetrics, AnUnreadableDatabaseSaysSoAndNothingElse) {
  const std::string text = render_metrics(std::nullopt, kNow);
  EXPECT_EQ(sample(text, "backfill_database_up"), "0");
  EXPECT_EQ(text.find("backfill_pull_requests_stored"), std::string::npos);
}

TEST(ServeJson, RowsHaveTheKeysOfStatusJsonAndTheirValues) {
  const auto snapshot = testing::sample_snapshot();
  const auto json = backfills_json(snapshot, kNow);
  ASSERT_EQ(json["backfills"].size(), 3u);
  for (std::size_t i = 0; i < snapshot.rows.size(); ++i) {
    const auto status = status_json({snapshot.rows[i].summary}).at(0);
    for (const auto& [key, value] : status.items()) {
      EXPECT_EQ(json["backfills"][i][key], value) << key;
    }
  }
  const auto& running = json["backfills"][2];
  EXPECT_EQ(running["cursor"], "page 3, item 50 (PR #250, created 2024-01-02T03:04:05Z)");
  EXPECT_EQ(running["url"], "/repos/octo/running");
  EXPECT_EQ(running["seconds_since_progress"], 30);
  EXPECT_EQ(running["last_run"]["status"], "running");
  EXPECT_EQ(json["totals"]["total_processed"], 260);
  EXPECT_EQ(json["totals"]["total_expected"], 1027);
  EXPECT_EQ(json["totals"]["by_status"]["failed"], 1);
  EXPECT_EQ(json["backfills"][0]["last_error"],
            "<script>alert(1)</script>");  // JSON keeps text as is
}

TEST(ServeJson, ScopeRowsHaveTheKeysOfStatusJsonsScopeRowsAndTheirValues) {
  auto snapshot = testing::sample_snapshot();
  const auto json = backfills_json(snapshot, kNow);
  ASSERT_EQ(json["scopes"].size(), 2u);
  EXPECT_EQ(json["totals"]["scopes"], 2);
  for (std::size_t i = 0; i < snapshot.scopes.size(); ++i) {
    const auto status = scope_json({snapshot.scopes[i].summary}).at(0);
    for (const auto& [key, value] : status.items()) {
      EXPECT_EQ(json["scopes"][i][key], value) << key;
    }
  }
  const auto& deep = json["scopes"][1];
  EXPECT_EQ(deep["scope"], "comments,details,reviews");
  EXPECT_EQ(deep["percent_done"], 40.0);
  EXPECT_EQ(deep["points_used"], 9);
  EXPECT_EQ(deep["rate_limit_remaining"], 4990);
  EXPECT_EQ(deep["rate_limit_reset_at"], "2026-11-30T12:45:00Z");
  EXPECT_EQ(deep["seconds_since_progress"], 10);
  EXPECT_EQ(deep["url"], "/repos/octo/running");
  EXPECT_EQ(json["scopes"][0]["last_error"], "<img src=x onerror=alert(3)>");

  snapshot.scopes[1].stale = true;  // in progress, but no run holds it
  EXPECT_EQ(backfills_json(snapshot, kNow)["scopes"][1]["status"], "stale");
}

TEST(ServeJson, ARepositoryCarriesItsScopesWithTheirChunks) {
  const auto snapshot = testing::sample_snapshot();
  store::RepositoryHistory history;
  history.scopes = {
      store::ScopeChunks{"comments,details,reviews",
                         {store::ChunkRow{1, 20, 25, 1, 0, 4995, 900, "2026-11-30T12:00:40Z", 4},
                          store::ChunkRow{2, 20, 25, 1, 0, 4990, 800, "2026-11-30T12:00:50Z", 5}}}};
  const auto json = repository_json(snapshot.rows[2], {snapshot.scopes[1]}, history, kNow);
  ASSERT_EQ(json["scopes"].size(), 1u);
  EXPECT_EQ(json["scopes"][0]["scope"], "comments,details,reviews");
  ASSERT_EQ(json["scopes"][0]["chunks"].size(), 2u);
  EXPECT_EQ(json["scopes"][0]["chunks"][1]["points"], 5);
  EXPECT_TRUE(json["chunks"].empty());  // the list backfill's chunks stay apart
}

TEST(ServeJson, CursorInWords) {
  EXPECT_EQ(cursor_in_words(std::nullopt), "not started");
  EXPECT_NE(cursor_in_words(std::string("garbage")).find("unreadable"), std::string::npos);
}

TEST(ServePages, TextFromTheDatabaseIsEscapedAndOnlyWebLinksAreLinks) {
  const std::string page = index_page(testing::sample_snapshot(), kNow);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(page.find("javascript:"), std::string::npos);
  EXPECT_NE(page.find("href=\"https://github.com/o/r/actions/runs/1\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/repos/octo/running\""), std::string::npos);
  EXPECT_NE(page.find("250 / 1,000 (25.0%)"), std::string::npos);
  EXPECT_NE(page.find("3 repositories"), std::string::npos);
  // A row per repository and scope, its text escaped too.
  EXPECT_NE(page.find("data-scope=\"comments,details,reviews\""), std::string::npos);
  EXPECT_NE(page.find("40 / 100 (40.0%)"), std::string::npos);
  EXPECT_NE(page.find("2 depth scopes"), std::string::npos);
  EXPECT_EQ(page.find("<i>details"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(3)&gt;"), std::string::npos);
  EXPECT_EQ(page.find("id=\"scopes-section\" class=\"scopes\" hidden"), std::string::npos);
  auto without_scopes = testing::sample_snapshot();
  without_scopes.scopes.clear();
  EXPECT_NE(index_page(without_scopes, kNow).find("id=\"scopes-section\" class=\"scopes\" hidden"),
            std::string::npos);

  const auto snapshot = testing::sample_snapshot();
  store::RepositoryHistory history;
  history.runs = {*snapshot.rows[0].last_run};
  history.scopes = {store::ScopeChunks{
      "<i>details</i>", {store::ChunkRow{1, 5, 25, 1, 0, 4000, 700, "2026-11-30T11:00:00Z", 3}}}};
  const std::string repo =
      repository_page(snapshot.rows[0], {snapshot.scopes[0]}, history, kNow, false);
  EXPECT_EQ(repo.find("<b>boom"), std::string::npos);
  EXPECT_EQ(repo.find("<i>details"), std::string::npos);
  EXPECT_EQ(repo.find("<img"), std::string::npos);
  EXPECT_NE(repo.find("Latest chunks of &lt;i&gt;details&lt;/i&gt;"), std::string::npos);
  EXPECT_NE(repo.find("<td>4,000</td>"), std::string::npos);  // the scope chunk's rate limit
  EXPECT_NE(repo.find("&lt;b&gt;boom&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(repo.find("javascript:"), std::string::npos);
  EXPECT_EQ(unavailable_page("<i>down</i>").find("<i>"), std::string::npos);
}

TEST(ServeChart, StoredCountsWorkBackFromTheTotal) {
  std::vector<store::ChunkRow> chunks = {
      {1, 50, 50, 1, 0, 4999, 100, "2026-11-30T12:00:00Z", std::nullopt},
      {2, 50, 50, 1, 0, 4998, 100, "2026-11-30T12:00:10Z", std::nullopt},
      {3, 20, 50, 2, 1, 4996, 100, "2026-11-30T12:00:20Z", std::nullopt}};
  const auto points = stored_over_time(120, chunks);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].stored, 50);
  EXPECT_EQ(points[1].stored, 100);
  EXPECT_EQ(points[2].stored, 120);
  EXPECT_EQ(stored_over_time(30, chunks)[0].stored, 0);  // older chunks' PRs re-stored: never < 0

  const std::string svg = stored_chart_svg(points, 200);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.find("class=\"expected\""), std::string::npos);
  EXPECT_NE(svg.find(">200<"), std::string::npos);  // the top of the scale: the expected count
  EXPECT_EQ(stored_chart_svg({}, 10).find("<polyline"), std::string::npos);
}

}  // namespace
}  // namespace backfill::cli::serve
