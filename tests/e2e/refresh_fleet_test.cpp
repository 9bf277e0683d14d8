// `backfill work` keeps a fleet fresh: the unfinished backfills first, then
// refreshes of the completed repositories not refreshed for --refresh-every.
#include <chrono>
#include <sstream>

#include "backfill/core/clock.hpp"

#include "e2e/refresh_fixture.hpp"

namespace backfill::testing {
namespace {

class RefreshFleet : public RefreshE2E {
 protected:
  std::vector<nlohmann::json> lines(const std::string& out) {
    std::vector<nlohmann::json> parsed;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("{\"", 0) == 0) parsed.push_back(nlohmann::json::parse(line));
    }
    return parsed;
  }
  // Makes `repo`'s completion (it was never refreshed) `hours` old, as a
  // run that completed then would have left it.
  void age(const std::string& repo, int hours) {
    const auto when =
        backfill::format_iso8601(std::chrono::system_clock::now() - std::chrono::hours(hours));
    open_store()->complete_run(repository(repo).id, stored_rows(repo), when);
  }
};

TEST_P(RefreshFleet, WorkRefreshesDueRepositoriesAfterTheUnfinishedBackfills) {
  github_.add_repository("fleet/old", 80);
  github_.add_repository("fleet/recent", 80);
  backfill("fleet/old");
  backfill("fleet/recent");
  age("fleet/old", 7);
  age("fleet/recent", 5);
  github_.add_repository("fleet/new", 150);
  ASSERT_EQ(run({"track", "fleet/new"}).exit_code, 0);
  github_.change_pull("fleet/old", numbers_where("fleet/old", "open").at(0), "merge");
  github_.change_pull("fleet/recent", numbers_where("fleet/recent", "open").at(0), "merge");

  auto r = run({"work", "--until-empty"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_EQ(out[0]["repository"], "fleet/new");
  EXPECT_EQ(out[0]["status"], "completed");
  EXPECT_FALSE(out[0].contains("refresh")) << r.out;
  EXPECT_EQ(out[1]["repository"], "fleet/old");
  EXPECT_EQ(out[1]["refresh"], "changed") << r.out;
  EXPECT_EQ(out[1]["changed"], 1) << r.out;
  EXPECT_EQ(out[2]["summary"]["refreshed"], 1) << r.out;
  expect_exact_copy("fleet/new");
  expect_equal_to_github("fleet/old");
  EXPECT_NE(stored("fleet/recent"), github_listing("fleet/recent"));  // 5 h: not due yet

  auto again = run({"work", "--until-empty", "--refresh-every", "1h"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  expect_equal_to_github("fleet/recent");
  EXPECT_EQ(lines(again.out).back()["summary"]["refreshed"], 1) << again.out;  // old: fresh now
}

BACKFILL_E2E_BACKENDS(RefreshFleet);

}  // namespace
}  // namespace backfill::testing
