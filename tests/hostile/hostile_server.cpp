#include "hostile/hostile_server.hpp"

#include <stdexcept>

#include "backfill/github/link_header.hpp"
#include "support/github_replies.hpp"

namespace hostile {

namespace replies = backfill::testing::replies;
constexpr long kPerPage = 100;

std::string HostileServer::start() {
  server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
    answer(request, response);
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("hostile server: cannot bind a loopback port");
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listener_finished_ = true;
  });
  return url();
}

void HostileServer::stop() {
  if (!thread_.joinable()) return;
  // stop() is a no-op until the listen loop runs: wait for it (or for it
  // to have given up, so a failed listen never hangs a test).
  while (!server_.is_running() && !listener_finished_) std::this_thread::yield();
  server_.stop();
  thread_.join();
}

std::vector<SeenRequest> HostileServer::requests() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

bool HostileServer::saw_authorization() const {
  for (const auto& request : requests())
    if (request.authorization) return true;
  return false;
}

std::size_t HostileServer::pulls_page_requests(long page) const {
  std::size_t n = 0;
  for (const auto& request : requests()) {
    if (request.path.find("/pulls") != std::string::npos &&
        request.path.find("per_page=100") != std::string::npos &&
        backfill::github::page_param(request.path).value_or(1) == page)
      ++n;
  }
  return n;
}

std::string HostileServer::page_url(long page) const {
  return replies::pulls_page_url(url(), repository_id, page);
}

void HostileServer::answer(const httplib::Request& request, httplib::Response& response) {
  std::string target = request.path;
  if (!request.params.empty()) {
    const auto query = request.target.find('?');
    if (query != std::string::npos) target += request.target.substr(query);
  }
  {
    std::lock_guard lock(mutex_);
    seen_.push_back({target, request.has_header("Authorization")});
  }
  if (mode_ == Mode::kRedirectElsewhere) return response.set_redirect(elsewhere + target, 302);
  if (mode_ == Mode::kRedirectLoop) return response.set_redirect(target, 301);

  if (request.path == "/repos/" + full_name) {
    return response.set_content(replies::repository_json(repository_id, full_name),
                                "application/json; charset=utf-8");
  }
  if (request.path == "/repos/" + full_name + "/pulls" ||
      request.path == "/repositories/" + std::to_string(repository_id) + "/pulls") {
    return answer_pulls(request, response);
  }
  response.status = 404;
  response.set_content(R"({"message":"Not Found"})", "application/json; charset=utf-8");
}

void HostileServer::answer_pulls(const httplib::Request& request, httplib::Response& response) {
  const long page = request.has_param("page") ? std::stol(request.get_param_value("page")) : 1;
  const std::string json = "application/json; charset=utf-8";
  if (request.get_param_value("per_page") == "1") {  // the count
    if (pulls > 1) {
      response.set_header(
          "Link", replies::link(replies::pulls_page_url(url(), repository_id, pulls, 1), "last"));
    }
    return response.set_content(replies::pulls_page_json(page, page <= pulls ? 1 : 0), json);
  }
  if (mode_ == Mode::kEndlessBody) return send_endless(response);
  if (page > 1 && (mode_ == Mode::kExhausted || mode_ == Mode::kSecondaryLimit)) {
    response.status = 403;
    if (mode_ == Mode::kExhausted) {
      response.set_header("X-RateLimit-Limit", "5000");
      response.set_header("X-RateLimit-Remaining", "0");
      response.set_header("X-RateLimit-Used", "5000");
      response.set_header("X-RateLimit-Reset", reset ? reset() : "0");
      return response.set_content(R"({"message":"API rate limit exceeded for user ID 1."})", json);
    }
    response.set_header("Retry-After", retry_after);
    return response.set_content(R"({"message":"You have exceeded a secondary rate limit."})", json);
  }

  const std::int64_t first = (page - 1) * kPerPage + 1;
  const std::int64_t count = std::clamp<std::int64_t>(pulls - first + 1, 0, kPerPage);
  const long last_page = static_cast<long>((pulls + kPerPage - 1) / kPerPage);
  std::string next = page < last_page ? page_url(page + 1) : "";
  if (mode_ == Mode::kLinkElsewhere && page == 1) {
    next = elsewhere + "/repositories/" + std::to_string(repository_id) +
           "/pulls?state=all&sort=created&direction=asc&per_page=100&page=2";
  }
  if (mode_ == Mode::kLinkToItself && page == 2) next = page_url(2);
  if (mode_ == Mode::kLinkBackwards && page == 3) next = page_url(1);
  if (!next.empty()) {
    response.set_header(
        "Link", replies::link(next, "next") + ", " + replies::link(page_url(last_page), "last"));
  }
  response.set_content(replies::pulls_page_json(first, count), json);
}

void HostileServer::send_endless(httplib::Response& response) {
  response.set_chunked_content_provider(
      "application/json; charset=utf-8", [this](std::size_t offset, httplib::DataSink& sink) {
        static const std::string block = "[" + std::string(64 * 1024 - 1, ' ');
        if (offset >= endless_limit) {
          sink.done();
          return true;
        }
        // Constant memory here: the same block, over and over.
        const bool written = sink.write(block.data() + (offset == 0 ? 0 : 1), block.size() - 1);
        if (written) endless_sent_ += block.size() - 1;
        return written;
      });
}

}  // namespace hostile
