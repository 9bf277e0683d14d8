#include "fake_github/fake_github.hpp"

#include <httplib.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "fake_github/connection_shutdown.hpp"
#include "fake_github/fault_policy.hpp"
#include "fake_github/graphql_data.hpp"
#include "fake_github/graphql_faults.hpp"
#include "fake_github/issue_tracker.hpp"
#include "fake_github/rate_limit.hpp"
#include "fake_github/repository_model.hpp"
#include "fake_github/request_log.hpp"
#include "fake_github/routes.hpp"

namespace fake_github {

struct FakeGitHub::Impl {
  RepositoryStore store;
  IssueTracker tracker{store};
  RateLimiter limiter;
  RequestLog log;
  ApiRouter router{store, tracker, limiter, log};
  httplib::Server server;
  std::thread listener;
  std::string base_url;
  int port = 0;
  std::atomic<bool> listener_finished{false};
  mutable std::mutex lifecycle_mutex;
};

FakeGitHub::FakeGitHub() : impl_(std::make_unique<Impl>()) {
  httplib::Server& server = impl_->server;
  // Every method and path goes through the router, so unknown routes get
  // GitHub's JSON 404 instead of httplib's empty one. Requests that may
  // carry a body reach it through httplib's handlers, which run once the
  // body is read; everything else is answered before that, from the
  // pre-routing hook.
  const auto route = [this](const httplib::Request& request, httplib::Response& response) {
    if (request.method == "POST" && request.path == std::string(kGraphqlDataPrefix) + "batch" &&
        request.get_header_value("x-fake-graphql-secret") == impl_->router.graphql().secret()) {
      const DataReply reply = answer_graphql_data_batch(impl_->store, request.body);
      response.status = reply.status;
      response.set_content(reply.body, "application/json; charset=utf-8");
      return;
    }
    impl_->router.handle(request, response);
  };
  server.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        // The GraphQL sidecar reading generated data: not GitHub's API, so not
        // recorded, faulted or counted (graphql_data.hpp).
        if (request.method == "GET" && request.path.rfind(kGraphqlDataPrefix, 0) == 0 &&
            request.get_header_value("x-fake-graphql-secret") == impl_->router.graphql().secret()) {
          const DataReply reply = answer_graphql_data(
              impl_->store, request.path.substr(std::string(kGraphqlDataPrefix).size()),
              request.params);
          response.status = reply.status;
          response.set_content(reply.body, "application/json; charset=utf-8");
          return httplib::Server::HandlerResponse::Handled;
        }
        for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
          if (request.method == method) return httplib::Server::HandlerResponse::Unhandled;
        }
        impl_->router.handle(request, response);
        return httplib::Server::HandlerResponse::Handled;
      });
  server.Post(".*", route);
  server.Patch(".*", route);
  server.Put(".*", route);
  server.Delete(".*", route);
  // Each open keep-alive connection occupies a worker while idle; leave room
  // for several clients (concurrent runs, tests' own clients) at once.
  server.new_task_queue = [] { return new httplib::ThreadPool(24); };
  // Clients (curl) keep one connection for a whole backfill.
  server.set_keep_alive_max_count(100'000);
  server.set_keep_alive_timeout(5);
}

FakeGitHub::~FakeGitHub() { stop(); }

std::string FakeGitHub::start() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (!impl_->base_url.empty()) return impl_->base_url;
  impl_->router.rearm_holds();
  const int port = impl_->server.bind_to_any_port("127.0.0.1");
  if (port <= 0) throw std::runtime_error("fake GitHub: cannot bind a port on 127.0.0.1");
  impl_->port = port;
  impl_->base_url = "http://127.0.0.1:" + std::to_string(port);
  impl_->store.set_base_url(impl_->base_url);
  impl_->router.set_base_url(impl_->base_url);
  impl_->listener = std::thread([this] {
    impl_->server.listen_after_bind();
    impl_->listener_finished = true;
  });
  // httplib's stop() does nothing until the accept loop runs, so wait for it:
  // a stop() right after start() must not leave the listener running.
  while (!impl_->server.is_running() && !impl_->listener_finished) std::this_thread::yield();
  try {
    impl_->router.graphql().start(impl_->base_url);
  } catch (...) {
    impl_->server.stop();
    impl_->listener.join();
    impl_->base_url.clear();
    throw;
  }
  return impl_->base_url;
}

void FakeGitHub::stop() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  // Held replies first: httplib's stop() waits for every worker.
  impl_->router.release_held_replies();
  impl_->router.graphql().stop();
  if (!impl_->listener.joinable()) return;
  impl_->server.stop();
  shut_down_accepted_connections(impl_->port);
  impl_->listener.join();
}

std::string FakeGitHub::base_url() const {
  std::lock_guard lock(impl_->lifecycle_mutex);
  return impl_->base_url;
}

std::int64_t FakeGitHub::add_repository(const std::string& full_name, int pull_count,
                                        GenerateOptions options) {
  return impl_->store.add(full_name, pull_count, options);
}

void FakeGitHub::create_pulls(const std::string& full_name, int count) {
  impl_->store.create_pulls(full_name, count);
}

void FakeGitHub::delete_pull(const std::string& full_name, std::int64_t number) {
  impl_->store.delete_pull(full_name, number);
}

void FakeGitHub::set_pull_children(const std::string& full_name, std::int64_t number,
                                   ChildCounts counts) {
  impl_->store.set_child_counts(full_name, number, counts);
}

void FakeGitHub::change_pull_children(const std::string& full_name, std::int64_t number,
                                      ChildCounts counts) {
  impl_->store.change_child_counts(full_name, number, counts, impl_->router.now_epoch());
}

void FakeGitHub::edit_review_comment(const std::string& full_name, std::int64_t number,
                                     std::int64_t index) {
  impl_->store.edit_review_comment(full_name, number, index, impl_->router.now_epoch());
}

ChildCounts FakeGitHub::pull_children(const std::string& full_name, std::int64_t number) const {
  return impl_->store.child_counts(full_name, number);
}

void FakeGitHub::change_pull(const std::string& full_name, std::int64_t number,
                             const std::string& change) {
  impl_->store.change_pull(full_name, number, parse_pull_change(change), impl_->router.now_epoch());
}

void FakeGitHub::open_pulls(const std::string& full_name, int count) {
  impl_->store.open_pulls(full_name, count, impl_->router.now_epoch());
}

void FakeGitHub::rename_repository(const std::string& old_full_name,
                                   const std::string& new_full_name) {
  impl_->store.rename(old_full_name, new_full_name);
}

std::vector<std::int64_t> FakeGitHub::pull_numbers(const std::string& full_name) const {
  return impl_->store.pull_numbers(full_name);
}

std::vector<std::int64_t> FakeGitHub::pull_ids(const std::string& full_name) const {
  return impl_->store.pull_ids(full_name);
}

std::vector<FakeIssue> FakeGitHub::issues(const std::string& full_name) const {
  std::vector<FakeIssue> issues;
  for (const IssueRecord& record : impl_->tracker.snapshot(impl_->store.id_of(full_name)).issues) {
    FakeIssue issue;
    issue.number = record.number;
    issue.title = record.title;
    issue.body = record.body.value_or("");
    issue.state = record.open ? "open" : "closed";
    issue.labels = record.labels;
    for (const CommentRecord& comment : record.comments) issue.comments.push_back(comment.body);
    issues.push_back(std::move(issue));
  }
  return issues;
}

std::int64_t FakeGitHub::add_issue(const std::string& full_name, const std::string& title,
                                   const std::vector<std::string>& labels,
                                   const std::string& state) {
  if (state != "open" && state != "closed") {
    throw std::invalid_argument("issue state must be open or closed, not " + state);
  }
  const NewIssue issue{title, std::nullopt, labels, state == "open"};
  const auto created =
      impl_->tracker.create(impl_->store.id_of(full_name), issue, impl_->router.now_epoch());
  if (!created) throw std::invalid_argument("no repository " + full_name);
  return created->number;
}

std::vector<FakeDispatch> FakeGitHub::dispatches(const std::string& full_name) const {
  return impl_->tracker.dispatches(impl_->store.id_of(full_name));
}

void FakeGitHub::set_valid_token(const std::string& token) { impl_->router.set_valid_token(token); }

void FakeGitHub::set_app(std::int64_t app_id, const std::string& public_pem) {
  impl_->router.app().set_app(app_id, public_pem);
}

void FakeGitHub::add_installation(const std::string& account, std::int64_t installation_id) {
  impl_->router.app().add_installation(account, installation_id);
}

std::int64_t FakeGitHub::app_tokens_minted() const { return impl_->router.app().tokens_minted(); }

void FakeGitHub::set_read_only_token(const std::string& token) {
  impl_->router.set_read_only_token(token);
}

void FakeGitHub::set_rate_limit(std::int64_t limit, std::int64_t remaining,
                                std::int64_t reset_epoch) {
  impl_->limiter.override_budget(limit, remaining, reset_epoch);
}

void FakeGitHub::exhaust_budget_after(std::int64_t requests, std::int64_t reset_epoch) {
  impl_->limiter.override_remaining(requests, reset_epoch);
}

void FakeGitHub::set_installation_rate_limit(std::int64_t installation_id, std::int64_t limit,
                                             std::int64_t remaining, std::int64_t reset_epoch) {
  // The key routes.cpp gives an installation token's caller.
  impl_->limiter.set_budget("installation:" + std::to_string(installation_id),
                            Budget{limit, remaining, reset_epoch});
}

void FakeGitHub::set_clock(std::function<std::int64_t()> epoch_seconds) {
  impl_->router.set_clock(std::move(epoch_seconds));
}

std::vector<RecordedRequest> FakeGitHub::requests() const { return impl_->log.requests(); }

void FakeGitHub::clear_requests() { impl_->log.clear(); }

void FakeGitHub::on_request(std::function<void(std::size_t index, const RecordedRequest&)> hook) {
  impl_->log.set_hook(std::move(hook));
}

void FakeGitHub::set_fault_policy(std::shared_ptr<FaultPolicy> policy) {
  impl_->router.set_fault_policy(std::move(policy));
}

void FakeGitHub::set_slow_reply_hold(std::chrono::milliseconds hold) {
  impl_->router.set_slow_reply_hold(hold);
}

void FakeGitHub::set_latency(std::chrono::milliseconds latency) {
  impl_->router.set_latency(latency);
}

void FakeGitHub::set_secondary_retry_after(std::int64_t seconds) {
  impl_->router.set_secondary_retry_after(seconds);
  impl_->router.graphql().set_secondary_retry_after(seconds);
}

void FakeGitHub::enable_graphql(const std::string& modules_dir) {
  GraphqlEndpoint& graphql = impl_->router.graphql();
  graphql.enable(GraphqlSidecar::default_script(),
                 modules_dir.empty() ? GraphqlSidecar::default_modules() : modules_dir);
  const std::string base = base_url();
  if (!base.empty()) graphql.start(base);
}

void FakeGitHub::set_graphql_fault_policy(std::shared_ptr<GraphqlFaultPolicy> policy) {
  impl_->router.graphql().set_fault_policy(std::move(policy));
}

void FakeGitHub::set_graphql_rate_limit(std::int64_t limit, std::int64_t remaining,
                                        std::int64_t reset_epoch) {
  impl_->router.graphql().limiter().override_budget(limit, remaining, reset_epoch);
}

void FakeGitHub::set_graphql_secondary_limit(std::int64_t points_per_minute) {
  impl_->router.graphql().set_secondary_points_per_minute(points_per_minute);
}

}  // namespace fake_github
