// A real browser (Debian's Chromium, driven by playwright-core from npm)
// against `backfill serve` while a real backfill fills the database:
// tests/browser/dashboard.mjs does the looking, this test the rest.
// Tools: scripts/browser-test-tools.sh --install (scripts/test.sh runs it).
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <regex>

#include "support/e2e_fixture.hpp"
#include "support/serve_process.hpp"

namespace backfill::testing {
namespace {

constexpr const char* kPayload =
    "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

std::string tools_dir() {
  const char* dir = std::getenv("BACKFILL_TOOLS_DIR");
  return dir && *dir ? dir : BACKFILL_TOOLS_DIR_DEFAULT;
}

class DashboardBrowser : public BackfillE2E {};

TEST_P(DashboardBrowser, ShowsARunningBackfillLive) {
  const auto tools =
      run_process("/bin/bash", {BACKFILL_SOURCE_DIR "/scripts/browser-test-tools.sh", "--check"},
                  {{"PATH", "/usr/bin:/bin"}, {"BACKFILL_TOOLS_DIR", tools_dir()}});
  ASSERT_EQ(tools.exit_code, 0) << tools.err;

  github_.enable_graphql();
  github_.add_repository("octo/done", 120);
  github_.add_repository("octo/broken", 60);
  github_.add_repository("octo/live", 600);
  github_.add_repository("octo/deep", 120);
  ASSERT_EQ(run({"--repo", "octo/done"}).exit_code, 0);
  ASSERT_EQ(run({"--repo", "octo/broken", "--max-chunks", "1"}).exit_code, 75);
  execute(db(), std::string("UPDATE backfill_progress SET status = 'failed', last_error = '") +
                    kPayload +
                    "' WHERE repository_id = (SELECT id FROM repositories WHERE name = 'broken')");
  // Its depth scope failed too, with the same hostile error.
  ASSERT_EQ(run({"--repo", "octo/broken", "--with", "details", "--max-chunks", "1"}).exit_code, 75);
  execute(db(), std::string("UPDATE backfill_scopes SET status = 'failed', last_error = '") +
                    kPayload +
                    "' WHERE repository_id = (SELECT id FROM repositories WHERE name = 'broken')");

  // The live backfill stops at its third page, and a depth backfill (--with)
  // at its third GraphQL page, until the browser has looked.
  std::promise<void> list_arrived, deep_arrived, released;
  auto release = released.get_future().share();
  std::atomic<int> graphql_pages{0};
  const std::regex third_page("(^|&)page=3(&|$)");
  github_.on_request([&, release](std::size_t, const fake_github::RecordedRequest& r) {
    // Only the live run lists pages (next pages by the Link header's
    // /repositories/ID/pulls address, as GitHub's).
    if (r.path.ends_with("/pulls") && std::regex_search(r.query, third_page)) {
      list_arrived.set_value();
      release.wait();
    } else if (r.path == "/graphql" && ++graphql_pages == 3) {
      deep_arrived.set_value();
      release.wait();
    }
  });
  auto live = start({"--repo", "octo/live", "--chunk-size", "50"});
  ASSERT_EQ(list_arrived.get_future().wait_for(std::chrono::seconds(30)),
            std::future_status::ready);
  auto deep = start({"--repo", "octo/deep", "--with", "details", "--chunk-size", "25"});
  ASSERT_EQ(deep_arrived.get_future().wait_for(std::chrono::seconds(30)),
            std::future_status::ready);

  auto serve = await_serving(start({"serve", "--listen", "127.0.0.1:0"}));
  ASSERT_NE(serve.port, 0);
  const std::string shot =
      std::string(BACKFILL_BROWSER_OUTPUT) + "/serve-" + backend_name(GetParam()) + ".png";
  std::filesystem::create_directories(BACKFILL_BROWSER_OUTPUT);
  ChildProcess browser(
      "/usr/bin/node", {BACKFILL_SOURCE_DIR "/tests/browser/dashboard.mjs", serve.url(), shot},
      {{"PATH", "/usr/bin:/bin"},
       {"HOME", workdir_},
       {"BACKFILL_XSS_PAYLOAD", kPayload},
       {"BACKFILL_PLAYWRIGHT_CORE", tools_dir() + "/node_modules/playwright-core"}});
  const bool asked = browser.wait_for_stderr("ADVANCE", std::chrono::seconds(60));
  released.set_value();
  EXPECT_TRUE(asked) << browser.stderr_so_far();
  const auto looked = browser.wait(std::chrono::seconds(90));
  EXPECT_EQ(looked.exit_code, 0) << looked.err;
  EXPECT_NE(looked.err.find("browser checks passed"), std::string::npos) << looked.err;
  EXPECT_TRUE(std::filesystem::exists(shot));

  EXPECT_EQ(live->wait().exit_code, 0);
  EXPECT_EQ(deep->wait().exit_code, 0);
  github_.on_request(nullptr);
  serve.process->send(SIGTERM);
  EXPECT_EQ(serve.process->wait(std::chrono::seconds(10)).exit_code, 0);
}

BACKFILL_E2E_BACKENDS(DashboardBrowser);

}  // namespace
}  // namespace backfill::testing
