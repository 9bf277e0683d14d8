#pragma once
// A fake GitHub REST server on a loopback port, faithful to GitHub's
// documented behaviour for the endpoints backfill uses (shapes from
// tests/reference/github-rest-subset.json, real Link and x-ratelimit-*
// headers, real error bodies), and, once enabled, its GraphQL API over the
// same data (enable_graphql). Tests drive it through this C++ API.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fake_github {

class FaultPolicy;         // fault_policy.hpp
class GraphqlFaultPolicy;  // graphql_faults.hpp

// How generated pull requests look. Deterministic for a given seed.
struct GenerateOptions {
  std::uint64_t seed = 1;
  // Every k-th PR (k > 0) gets one of the awkward cases, in rotation:
  // a body containing NUL (\u0000), emoji and other non-BMP text in title and
  // body, a 70,000-character body, a null body, a null user (deleted
  // account), a draft, a merged PR, a closed-unmerged PR.
  int awkward_every = 0;
  // The depth of each PR (pull_children.hpp): usually 0-12 conversation
  // comments, 0-8 reviews and 0-10 review comments; this share (0..1) of
  // PRs, drawn from the seed, is heavy instead: `heavy_children` or a few
  // more (up to +49) of each.
  double heavy_share = 0.0;
  std::int64_t heavy_children = 150;
};

// How many children one pull request has (FakeGitHub::set_pull_children).
struct ChildCounts {
  std::int64_t comments = 0;         // conversation (issue) comments
  std::int64_t reviews = 0;          // submitted reviews
  std::int64_t review_comments = 0;  // diff comments, grouped in threads

  bool operator==(const ChildCounts&) const = default;
};

struct RecordedRequest {
  std::string method;
  std::string path;           // without the query
  std::string query;          // raw, without '?'
  std::string authorization;  // the Authorization header as received
  std::string user_agent;     // the User-Agent header as received
  std::chrono::steady_clock::time_point at;
  // The server's clock (set_clock) when the request arrived, epoch seconds.
  std::int64_t epoch = 0;
  // The status line sent; 0 when none was (a reset, or a held reply cut
  // short by stop()).
  int status = 0;
  // fault_name() of the injected fault ("502", "reset", ...), "" for none.
  std::string fault;
  // The request body as received ("" for none), so tests can check what a
  // client sent to the write endpoints.
  std::string body;
};

// An issue of a repository, as the issues endpoints left it.
struct FakeIssue {
  std::int64_t number = 0;
  std::string title;
  std::string body;                   // "" when the issue has none (JSON null)
  std::string state;                  // "open" or "closed"
  std::vector<std::string> labels;    // names, as the repository spells them
  std::vector<std::string> comments;  // bodies, oldest first
};

// A repository_dispatch event accepted by POST /repos/{owner}/{repo}/dispatches.
struct FakeDispatch {
  std::string event_type;
  // client_payload as compact JSON; "" when the request had none.
  std::string client_payload_json;
  std::int64_t epoch = 0;  // the server's clock (set_clock) when accepted
};

class FakeGitHub {
 public:
  FakeGitHub();
  ~FakeGitHub();
  FakeGitHub(const FakeGitHub&) = delete;
  FakeGitHub& operator=(const FakeGitHub&) = delete;

  // Listens on 127.0.0.1 on a free port; returns the base URL
  // ("http://127.0.0.1:PORT"), to be passed as --api-url.
  std::string start();
  void stop();
  std::string base_url() const;

  // Names follow GitHub's rules ([A-Za-z0-9._-] on each side of the slash)
  // and compare case-insensitively; the mutators below throw
  // std::invalid_argument for a bad, taken or unknown name.
  // Creates a repository "owner/name" with `pull_count` PRs numbered
  // 1..pull_count in creation order. Returns its GitHub id.
  std::int64_t add_repository(const std::string& full_name, int pull_count,
                              GenerateOptions options = {});
  // Appends `count` new PRs (new numbers, later created_at).
  void create_pulls(const std::string& full_name, int count);
  // Deletes the PR with that number (it disappears from every listing).
  void delete_pull(const std::string& full_name, std::int64_t number);
  // Changes PR `number` as a person on GitHub would ("merge", "close",
  // "reopen", "retitle", "ready", "draft", "label": fake_github/pull_changes.hpp),
  // now by the server's clock (set_clock), never behind the repository's
  // newest update: its updated_at moves there, so it tops sort=updated.
  // Safe from an on_request hook, to change a PR while a run walks.
  // std::invalid_argument for an unknown PR or a change GitHub refuses.
  void change_pull(const std::string& full_name, std::int64_t number, const std::string& change);
  // Opens `count` new PRs now (created_at = updated_at = the same moment
  // as change_pull's), unlike create_pulls' historical timestamps.
  void open_pulls(const std::string& full_name, int count);
  // The repository answers at its new name; the old name answers
  // 301 Moved Permanently to /repositories/{id}.
  void rename_repository(const std::string& old_full_name, const std::string& new_full_name);
  // Numbers of the PRs that currently exist, in creation order.
  std::vector<std::int64_t> pull_numbers(const std::string& full_name) const;
  // GitHub ids of the PRs that currently exist (same order).
  std::vector<std::int64_t> pull_ids(const std::string& full_name) const;
  // Gives PR `number` exactly these children (at most 999,999 of each; a
  // PR with review comments has at least one review, as on GitHub, so
  // reviews 0 with review comments becomes 1). Children are generated
  // lazily from (seed, PR, index): 20,000 comments cost no memory until a
  // page of them is served. Throws std::invalid_argument for an unknown PR.
  void set_pull_children(const std::string& full_name, std::int64_t number, ChildCounts counts);
  // As set_pull_children, but as people on GitHub add or delete reviews and
  // comments: now by the server's clock (as change_pull), so the PR's
  // updated_at moves and it tops sort=updated. Deleted ones are the last
  // of each kind (the counts shrink), new ones come after the others.
  void change_pull_children(const std::string& full_name, std::int64_t number, ChildCounts counts);
  // As a person on GitHub edits review comment `index` (0-based, in id
  // order) of PR `number`: its body changes and its updated_at, and the
  // PR's, become now by the server's clock. Throws std::invalid_argument
  // for an unknown PR or comment.
  void edit_review_comment(const std::string& full_name, std::int64_t number, std::int64_t index);
  // The children PR `number` has (generated or set).
  ChildCounts pull_children(const std::string& full_name, std::int64_t number) const;

  // Issues of the repository currently named `full_name`, in number order
  // (pull requests excluded). Issues follow their repository when renamed.
  std::vector<FakeIssue> issues(const std::string& full_name) const;
  // Seeds an existing issue, created now by the server's clock (set_clock),
  // numbered in the sequence its pull requests share; labels the repository
  // lacks are created. `state` is "open" or "closed". Returns its number.
  std::int64_t add_issue(const std::string& full_name, const std::string& title,
                         const std::vector<std::string>& labels, const std::string& state = "open");
  // The repository_dispatch events the repository accepted, oldest first.
  std::vector<FakeDispatch> dispatches(const std::string& full_name) const;

  // Authentication: when a valid token is set, a request with any other
  // token gets 401 "Bad credentials"; requests without a token may read
  // (unauthenticated budget 60/h) but the write endpoints answer them 401
  // "Requires authentication". With no valid token set, every token is
  // accepted.
  void set_valid_token(const std::string& token);
  // A token that authenticates but may not write, like an Actions
  // GITHUB_TOKEN without `issues: write`: the write endpoints (creating and
  // updating issues and comments, dispatches) answer it 403 "Resource not
  // accessible by integration"; reading works. It is accepted even when
  // set_valid_token names another token.
  void set_read_only_token(const std::string& token);

  // A GitHub App: JWTs signed by the key whose public half is `public_pem`
  // (and carrying iss = app_id, a current iat and exp) may look up
  // installations and mint installation tokens (ghs_..., valid for an hour
  // on the server's clock, each installation with its own budget).
  void set_app(std::int64_t app_id, const std::string& public_pem);
  // The App is installed on `account` (its repositories answer
  // GET /repos/{account}/{repo}/installation).
  void add_installation(const std::string& account, std::int64_t installation_id);
  std::int64_t app_tokens_minted() const;

  // The primary budget: limit per window and the reset epoch (seconds).
  // Applies to every caller (each token and the unauthenticated caller gets
  // its own copy, starting now). Like every budget, it refills to `limit`
  // when the clock (set_clock) reaches `reset_epoch`, and the next reset is
  // one hour later (the first such hour still ahead if the clock jumped).
  void set_rate_limit(std::int64_t limit, std::int64_t remaining, std::int64_t reset_epoch);
  // set_rate_limit with each caller's usual limit (5000, or 60 without a
  // token) and `requests` remaining: request requests+1 gets the 403.
  void exhaust_budget_after(std::int64_t requests, std::int64_t reset_epoch);
  // One installation's budget (every token minted for it spends it), the
  // other callers' untouched.
  void set_installation_rate_limit(std::int64_t installation_id, std::int64_t limit,
                                   std::int64_t remaining, std::int64_t reset_epoch);

  // The server's notion of now, in epoch seconds: it drives budget resets,
  // x-ratelimit-reset of new budgets, timestamps in error bodies and
  // RecordedRequest::epoch. Read once per request, as it arrives (before
  // the on_request hook), on server threads, so it must be thread-safe.
  // nullptr restores real time (the default).
  void set_clock(std::function<std::int64_t()> epoch_seconds);

  // Everything received so far (control API calls excluded).
  std::vector<RecordedRequest> requests() const;
  void clear_requests();

  // Called on each request after it is recorded and before it is answered,
  // with the 1-based index of the request (its position in requests();
  // clear_requests() restarts the count). Tests use it to kill the client
  // at a chosen moment. Runs on a server thread, so it must not call stop().
  void on_request(std::function<void(std::size_t index, const RecordedRequest&)> hook);

  // Consulted for every request after on_request's hook, before the normal
  // answer (see fault_policy.hpp). nullptr: no faults.
  void set_fault_policy(std::shared_ptr<FaultPolicy> policy);
  // How long Fault::kSlowReply holds a reply (default 120 s, beyond the
  // project client's 60 s total timeout). stop() cuts every hold short.
  void set_slow_reply_hold(std::chrono::milliseconds hold);
  // Added to every API request before it is answered (default 0), like the
  // round trip to a distant server. A wait on the same hold as slow
  // replies, so stop() cuts it short.
  void set_latency(std::chrono::milliseconds latency);
  // The retry-after of Fault::kSecondaryLimit403 and kSecondaryLimit429
  // (default 60, GitHub's usual value), and of the GraphQL secondary limit.
  void set_secondary_retry_after(std::int64_t seconds);

  // GitHub's GraphQL API at POST {base}/graphql, serving the same generated
  // pull requests (and their children) as REST. Runs a Node sidecar
  // (tests/fake_graphql/server.mjs, with graphql-js and GitHub's published
  // schema from `modules_dir`, by default BACKFILL_TOOLS_DIR's or the
  // build's tools/node_modules), started with the server. Call before or
  // after start(); throws std::runtime_error saying how to install the
  // tools when they are missing. Without it, POST /graphql is a 404.
  void enable_graphql(const std::string& modules_dir = "");
  // Faults of GraphQL requests (graphql_faults.hpp); nullptr: none.
  void set_graphql_fault_policy(std::shared_ptr<GraphqlFaultPolicy> policy);
  // The GraphQL budget (points), like set_rate_limit for REST's core.
  void set_graphql_rate_limit(std::int64_t limit, std::int64_t remaining, std::int64_t reset_epoch);
  // The secondary limit's points per minute (default 2,000; a query costs
  // 1 point of it, a mutation 5).
  void set_graphql_secondary_limit(std::int64_t points_per_minute);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fake_github
