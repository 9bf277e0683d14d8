#pragma once
// The few GitHub endpoints a backfill calls (repository, count, pulls
// pages), answered in memory over the scripted transport, and the engine
// wired to them with a ManualClock and a fresh database: engine tests of
// hostile replies without sockets. Every reply passes through `tamper`, so
// a test turns any one of them into whatever it needs.
#include <cstdint>
#include <functional>
#include <string>

#include "backfill/engine/backfill_run.hpp"
#include "support/manual_clock.hpp"
#include "support/scripted_transport.hpp"
#include "support/test_databases.hpp"

namespace backfill::testing {

class ScriptedGitHub {
 public:
  std::string api_url = "https://api.github.test";
  std::int64_t repository_id = 4242;
  std::string full_name = "octo/repo";
  std::int64_t pulls = 250;
  // The one page of GET /repos/{o}/{r}/pulls/comments (inline review comments).
  std::string review_comments_json = "[]";
  // When set, every reply carries x-ratelimit-* headers: limit 5000,
  // remaining 4000, reset an hour after this epoch.
  std::function<std::int64_t()> epoch_now;
  // Rewrites the reply to request `index` (0-based) before it is returned.
  std::function<void(std::size_t index, const github::HttpRequest&, github::HttpResponse&)> tamper;

  github::HttpResponse answer(const github::HttpRequest& request, std::size_t index) const;
  // Page `page` of the listing as GitHub links it.
  std::string page_url(long page) const;

 private:
  github::HttpResponse route(const std::string& url) const;
};

struct ScriptedEngine {
  explicit ScriptedEngine(store::Backend backend = store::Backend::kSqlite);

  // octo/repo, 3 retries.
  engine::RunParams params() const;
  engine::RunOutcome run(const engine::RunParams& params);
  // The same run, its database calls going through `through`.
  engine::RunOutcome run(const engine::RunParams& params, store::BackfillStore& through);
  std::int64_t epoch_now() { return std::chrono::system_clock::to_time_t(clock.now()); }
  // The URLs requested so far, in order.
  std::vector<std::string> urls() const;

  ManualClock clock;
  CancelToken cancel;
  ScriptedGitHub github;
  ScriptedTransport transport;
  FreshStore db;
  std::string token = "ghp_scriptedToken00000000000000000000000000";
};

}  // namespace backfill::testing
