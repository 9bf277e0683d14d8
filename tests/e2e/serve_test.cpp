// `backfill serve`, the real binary, on both engines: its endpoints against
// the database and `status --json`, promtool, read-only, outages, stopping.
#include <fcntl.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "backfill/core/clock.hpp"
#include "support/e2e_fixture.hpp"
#include "support/serve_process.hpp"

namespace backfill::testing {
namespace {

class Serve : public BackfillE2E {
 protected:
  // octo/done completed, octo/half paused after 2 chunks, octo/new tracked only.
  void fill() {
    github_.add_repository("octo/done", 230);
    github_.add_repository("octo/half", 300);
    github_.add_repository("octo/new", 7);
    ASSERT_EQ(run({"--repo", "octo/done"}).exit_code, 0);
    ASSERT_EQ(run({"--repo", "octo/half", "--max-chunks", "2"}).exit_code, 75);
    ASSERT_EQ(run({"track", "octo/new"}).exit_code, 0);
  }

  // And the details scope (--with) of octo/half paused after 1 chunk.
  void fill_depth() {
    github_.enable_graphql();
    ASSERT_EQ(run({"--repo", "octo/half", "--with", "details", "--max-chunks", "1"}).exit_code, 75);
  }

  ServeProcess serve(const std::map<std::string, std::string>& env = {},
                     const std::string& listen = "127.0.0.1:0") {
    return await_serving(start({"serve", "--listen", listen}, env));
  }

  static nlohmann::json get_json(const ServeProcess& s, const std::string& path) {
    auto reply = s.client().Get(path.c_str());
    EXPECT_TRUE(reply) << path;
    if (!reply) return {};
    EXPECT_EQ(reply->status, 200) << path << ": " << reply->body;
    return nlohmann::json::parse(reply->body);
  }

  // Waits on the server's own event stream, which speaks when what it read
  // changed, until `done` holds (false when the stream stays silent for 15 s).
  template <class Done>
  static bool eventually(const ServeProcess& s, Done&& done) {
    bool held = false;
    auto c = s.client();
    c.set_read_timeout(15, 0);
    c.Get("/events", [&](const char*, std::size_t) {
      held = done();
      return !held;
    });
    return held;
  }
};

TEST_P(Serve, JsonMatchesStatusJsonAndTheDatabase) {
  fill();
  fill_depth();
  auto s = serve();
  ASSERT_NE(s.port, 0);
  const auto api = get_json(s, "/api/backfills");
  const auto status = nlohmann::json::parse(run({"status", "--json", "--all"}).out);
  std::map<std::string, nlohmann::json> api_rows;
  for (const auto& row : api["backfills"]) api_rows[row["repository"]] = row;
  ASSERT_EQ(api_rows.size(), 3u);
  ASSERT_EQ(api["scopes"].size(), 1u);
  // octo/new never started: no status row, but on the page; octo/half's scope: a row of its own.
  ASSERT_EQ(status.size(), 3u);
  for (const auto& row : status) {
    const auto& mine = row["scope"] == "list" ? api_rows.at(row["repository"]) : api["scopes"][0];
    for (const auto& [key, value] : row.items()) EXPECT_EQ(mine[key], value) << key;
  }
  const auto& scope = api["scopes"][0];
  EXPECT_EQ(scope["repository"], "octo/half");
  EXPECT_EQ(scope["scope"], "details");
  EXPECT_EQ(scope["status"], "paused");
  EXPECT_EQ(scope["total_processed"],
            query_int(db(), "SELECT total_processed FROM backfill_scopes"));
  EXPECT_EQ(scope["points_used"], query_int(db(), "SELECT points_used FROM backfill_scopes"));
  EXPECT_GT(scope["points_used"].get<std::int64_t>(), 0);
  EXPECT_EQ(api["totals"]["scopes"], 1);

  const auto half = get_json(s, "/api/repos/octo/half");
  ASSERT_EQ(half["scopes"].size(), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(half["scopes"][0]["chunks"].size()),
            query_int(db(), "SELECT count(*) FROM backfill_chunks WHERE scope_id IS NOT NULL"));
  EXPECT_EQ(static_cast<std::int64_t>(half["chunks"].size()),
            query_int(db(),
                      "SELECT count(*) FROM backfill_chunks WHERE backfill_id ="
                      " (SELECT p.id FROM backfill_progress p JOIN repositories r"
                      " ON r.id = p.repository_id WHERE r.name = 'half')"));
  EXPECT_NE(s.client().Get("/repos/octo/half")->body.find("Latest chunks of details"),
            std::string::npos);
  EXPECT_NE(s.client().Get("/")->body.find("data-scope=\"details\""), std::string::npos);
  EXPECT_EQ(api_rows["octo/new"]["status"], "pending");
  EXPECT_EQ(api_rows["octo/new"]["total_expected"], 7);
  EXPECT_EQ(api_rows["octo/half"]["status"], "paused");
  EXPECT_EQ(api_rows["octo/half"]["total_processed"], stored_rows("octo/half"));
  EXPECT_EQ(api["totals"]["total_processed"], stored_rows("octo/done") + stored_rows("octo/half"));

  const auto repo = get_json(s, "/api/repos/OCTO/Done");
  EXPECT_EQ(repo["backfill"]["repository"], "octo/done");
  EXPECT_EQ(static_cast<std::int64_t>(repo["chunks"].size()),
            query_int(db(),
                      "SELECT count(*) FROM backfill_chunks"
                      " WHERE repository_id = (SELECT id FROM repositories WHERE name = 'done')"));
  ASSERT_EQ(repo["runs"].size(), 1u);
  EXPECT_EQ(repo["runs"][0]["status"], "completed");
  EXPECT_EQ(repo["chart"].back()["stored"], 230);
  EXPECT_EQ(s.client().Get("/api/repos/octo/nothing")->status, 404);

  auto page = s.client().Get("/");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("octo/half"), std::string::npos);
  auto detail = s.client().Get("/repos/octo/done");
  EXPECT_NE(detail->body.find("<polyline"), std::string::npos);
  EXPECT_TRUE(s.client().Get("/assets/dashboard.js")->body.find("EventSource") !=
              std::string::npos);
  s.process->send(SIGTERM);
  EXPECT_EQ(s.process->wait(std::chrono::seconds(10)).exit_code, 0);
}

TEST_P(Serve, MetricsPassPromtoolAndEqualTheDatabase) {
  fill();
  fill_depth();
  auto s = serve();
  const auto metrics = s.client().Get("/metrics");
  ASSERT_TRUE(metrics);
  const std::string file = workdir_ + "/metrics.txt";
  std::ofstream(file) << metrics->body;
  const auto check = run_process("/bin/sh", {"-c", "promtool check metrics < " + file},
                                 {{"PATH", "/usr/bin:/bin"}});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err << metrics->body;
  for (const char* repo : {"octo/done", "octo/half"}) {
    const std::string stored = "backfill_pull_requests_stored{repository=\"" + std::string(repo) +
                               "\"} " + std::to_string(stored_rows(repo)) + "\n";
    EXPECT_NE(metrics->body.find(stored), std::string::npos) << stored;
    const std::string expected = "backfill_pull_requests_expected{repository=\"" +
                                 std::string(repo) + "\"} " +
                                 progress(repo, "total_expected").value() + "\n";
    EXPECT_NE(metrics->body.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(metrics->body.find("backfill_status{repository=\"octo/half\",status=\"paused\"} 1\n"),
            std::string::npos);
  const auto requests =
      query_int(db(),
                "SELECT sum(c.requests) FROM backfill_chunks c JOIN repositories r"
                " ON r.id = c.repository_id WHERE r.name = 'done'");
  EXPECT_NE(metrics->body.find("backfill_requests_total{repository=\"octo/done\"} " +
                               std::to_string(requests) + "\n"),
            std::string::npos);
  // Every chunk keeps when the budget it saw resets; the metric is the latest one's.
  EXPECT_EQ(
      query_int(db(), "SELECT count(*) FROM backfill_chunks WHERE rate_limit_reset_at IS NULL"), 0);
  const auto reset = query(db(),
                           "SELECT c.rate_limit_reset_at FROM backfill_chunks c JOIN repositories r"
                           " ON r.id = c.repository_id WHERE r.name = 'done'"
                           " ORDER BY c.chunk_index DESC LIMIT 1")
                         .at(0)
                         .at(0)
                         .value();
  std::string reset_iso = reset.substr(0, 19) + "Z";  // PostgreSQL's text has a space
  reset_iso[10] = 'T';
  const auto reset_epoch =
      std::chrono::duration_cast<std::chrono::seconds>(parse_iso8601(reset_iso).time_since_epoch())
          .count();
  EXPECT_NE(
      metrics->body.find("backfill_rate_limit_reset_timestamp_seconds{repository=\"octo/done\"} " +
                         std::to_string(reset_epoch) + "\n"),
      std::string::npos)
      << reset << "\n"
      << metrics->body;
  EXPECT_NE(metrics->body.find("backfill_runs{status=\"completed\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("backfill_runs{status=\"paused\"} 2\n"), std::string::npos);
  // The depth scope, labelled by repository and scope.
  const std::string deep = "{repository=\"octo/half\",scope=\"details\"";
  EXPECT_NE(
      metrics->body.find(
          "backfill_scope_pull_requests_stored" + deep + "} " +
          std::to_string(query_int(db(), "SELECT total_processed FROM backfill_scopes")) + "\n"),
      std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find("backfill_scope_pull_requests_expected" + deep + "} 300\n"),
            std::string::npos);
  EXPECT_NE(metrics->body.find("backfill_scope_status" + deep + ",status=\"paused\"} 1\n"),
            std::string::npos);
  EXPECT_NE(metrics->body.find(
                "backfill_scope_points_total" + deep + "} " +
                std::to_string(query_int(db(), "SELECT points_used FROM backfill_scopes")) + "\n"),
            std::string::npos);
}

TEST_P(Serve, ItsConnectionCannotWriteAndARunGoesOnBesideIt) {
  fill();
  auto s = serve();
  ASSERT_NE(s.port, 0);
  if (GetParam() == store::Backend::kSqlite) {
    // Every descriptor the server holds on the database file is read-only.
    const std::string file = store::sqlite_path_for_url(db());
    int seen = 0;
    const std::string fds = "/proc/" + std::to_string(s.process->pid()) + "/fd";
    for (const auto& fd : std::filesystem::directory_iterator(fds)) {
      std::error_code ec;
      if (std::filesystem::read_symlink(fd.path(), ec) != std::filesystem::canonical(file))
        continue;
      std::ifstream info("/proc/" + std::to_string(s.process->pid()) + "/fdinfo/" +
                         fd.path().filename().string());
      std::string key;
      long flags = -1;
      while (info >> key) {
        if (key == "flags:") info >> std::oct >> flags;
      }
      EXPECT_EQ(flags & O_ACCMODE, O_RDONLY) << fd.path();
      ++seen;
    }
    EXPECT_GE(seen, 1);
  } else {
    // The server's sessions are read-only by default and never got a
    // transaction id, which the first write would assign.
    const auto sessions = query_int(db(),
                                    "SELECT count(*) FROM pg_stat_activity"
                                    " WHERE application_name = 'backfill serve'");
    EXPECT_GE(sessions, 1);
    EXPECT_EQ(query_int(db(),
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        " 'backfill serve' AND backend_xid IS NOT NULL"),
              0);
  }
  // A writer beside it: the paused backfill resumes and completes, and the
  // server shows it completed.
  const auto resumed = run({"--repo", "octo/half"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_TRUE(eventually(s, [&] {
    const auto api = get_json(s, "/api/repos/octo/half");
    return api["backfill"]["status"] == "completed";
  }));
}

TEST_P(Serve, HealthzAnswersWhileTheDatabaseIsAwayAndTheServerComesBack) {
  std::string url;
  if (GetParam() == store::Backend::kSqlite) {
    url = "sqlite:" + workdir_ + "/later.db";  // not there yet
  } else {
    url = "postgresql://127.0.0.1:1/nothing?connect_timeout=2";  // nothing listens on port 1
  }
  auto s = serve({{"DATABASE_URL", url}});
  ASSERT_NE(s.port, 0);
  const auto health = get_json(s, "/healthz");
  EXPECT_EQ(health["database"], "unavailable");
  EXPECT_FALSE(health.value("reason", "").empty());
  auto page = s.client().Get("/");
  EXPECT_EQ(page->status, 503);
  EXPECT_NE(page->body.find("The database cannot be read"), std::string::npos);
  EXPECT_EQ(s.client().Get("/api/backfills")->status, 503);
  EXPECT_NE(s.client().Get("/metrics")->body.find("backfill_database_up 0\n"), std::string::npos);
  if (GetParam() == store::Backend::kSqlite) {
    github_.add_repository("octo/late", 20);
    ASSERT_EQ(run({"--repo", "octo/late"}, {{"DATABASE_URL", url}}).exit_code, 0);
    EXPECT_TRUE(eventually(s, [&] { return get_json(s, "/healthz")["database"] == "ok"; }));
    EXPECT_EQ(get_json(s, "/api/backfills")["backfills"][0]["total_processed"], 20);
  }
  s.process->send(SIGTERM);
  EXPECT_EQ(s.process->wait(std::chrono::seconds(10)).exit_code, 0);
}

TEST_P(Serve, KeepsUpAfterItsDatabaseSessionsAreCut) {
  fill();
  auto s = serve();
  ASSERT_NE(s.port, 0);
  if (GetParam() == store::Backend::kPostgres) {
    // As a database restart would: every session of the server is cut.
    EXPECT_GE(query_int(db(),
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        " WHERE application_name = 'backfill serve'"),
              1);
  }
  const auto resumed = run({"--repo", "octo/half"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_TRUE(eventually(s, [&] {
    auto reply = s.client().Get("/api/backfills");
    if (!reply || reply->status != 200) return false;
    const auto api = nlohmann::json::parse(reply->body);
    for (const auto& row : api["backfills"]) {
      if (row["repository"] == "octo/half") return row["status"] == "completed";
    }
    return false;
  }));
}

TEST_P(Serve, StopsWithinTwoSecondsWithALiveViewer) {
  fill();
  auto s = serve();
  ASSERT_NE(s.port, 0);
  std::promise<void> streaming;
  std::atomic<bool> first{true};
  std::thread viewer([&] {
    auto c = s.client();
    c.Get("/events", [&](const char*, std::size_t) {
      if (first.exchange(false)) streaming.set_value();
      return true;
    });
  });
  ASSERT_EQ(streaming.get_future().wait_for(std::chrono::seconds(15)), std::future_status::ready);
  const auto sent = std::chrono::steady_clock::now();
  s.process->send(SIGTERM);
  const auto result = s.process->wait(std::chrono::seconds(10));
  const auto took = std::chrono::steady_clock::now() - sent;
  viewer.join();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_NE(result.err.find("stopping"), std::string::npos);
}

TEST_P(Serve, ATokenGuardsAllButHealthzAndNeverReachesTheLog) {
  fill();
  const std::string token = "serve-token-0123456789abcdef";
  auto s = serve({{"BACKFILL_SERVE_TOKEN", token}}, "0.0.0.0:0");
  ASSERT_NE(s.port, 0);
  auto c = s.client();
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  for (const char* path : {"/", "/api/backfills", "/metrics", "/events", "/repos/octo/done"}) {
    EXPECT_EQ(c.Get(path)->status, 401) << path;
  }
  c.set_bearer_token_auth(token.c_str());
  EXPECT_EQ(c.Get("/api/backfills")->status, 200);
  auto wrong = s.client();
  wrong.set_bearer_token_auth("serve-token-0123456789abcdeF");
  EXPECT_EQ(wrong.Get("/metrics")->status, 401);
  // Once in the address, then as a cookie; the redirect drops it from the URL.
  auto once = s.client().Get(("/?token=" + token).c_str());
  EXPECT_EQ(once->status, 303);
  EXPECT_EQ(once->get_header_value("Location"), "/");
  EXPECT_NE(once->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  s.process->send(SIGTERM);
  const auto result = s.process->wait(std::chrono::seconds(10));
  EXPECT_NE(result.err.find("readable by anyone"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(token), std::string::npos);
  EXPECT_EQ(result.out.find(token), std::string::npos);
}

TEST_P(Serve, BadListenOrTokenIsAUsageError) {
  EXPECT_EQ(run({"serve", "--listen", "localhost"}).exit_code, 2);
  EXPECT_EQ(run({"serve", "--listen", "127.0.0.1:0", "--read-only-token", "has space"}).exit_code,
            2);
}

BACKFILL_E2E_BACKENDS(Serve);

}  // namespace
}  // namespace backfill::testing
