// What each injected fault does to a request's answer or its connection.
#include <memory>

#include "fake_github/connection_shutdown.hpp"
#include "fake_github/github_errors.hpp"
#include "fake_github/html_pages.hpp"
#include "fake_github/routes.hpp"

namespace fake_github {

bool ApiRouter::is_server_error(Fault fault) {
  return fault == Fault::kServerError500 || fault == Fault::kServiceUnavailable503;
}

bool ApiRouter::is_secondary_limit(Fault fault) {
  return fault == Fault::kSecondaryLimit403 || fault == Fault::kSecondaryLimit403NoRetryAfter ||
         fault == Fault::kSecondaryLimit429;
}

bool ApiRouter::answered_by_edge(Fault fault) {
  return fault == Fault::kBadGateway502 || fault == Fault::kHtmlErrorPage;
}

ApiRouter::Answer ApiRouter::server_error(Fault fault) const {
  if (fault == Fault::kServiceUnavailable503) return {503, service_unavailable_body(), "", ""};
  return {500, server_error_body(), "", ""};
}

ApiRouter::Answer ApiRouter::secondary_limit(Fault fault, const std::string& request_id) const {
  const int status = fault == Fault::kSecondaryLimit429 ? 429 : 403;
  Answer answer{status, secondary_rate_limit_body(request_id, status), "", ""};
  if (fault != Fault::kSecondaryLimit403NoRetryAfter) {
    std::lock_guard lock(mutex_);
    answer.retry_after = secondary_retry_after_;
  }
  return answer;
}

int ApiRouter::answer_from_edge(Fault fault, const std::string& request_id,
                                httplib::Response& response) {
  if (fault == Fault::kBadGateway502) {
    // GitHub's edge: its server name and request id, none of the API's
    // x-ratelimit-* or x-github-media-type headers.
    response.status = 502;
    response.set_header("server", "github.com");
    response.set_header("x-github-request-id", request_id);
    response.set_content(unicorn_page(), "text/html; charset=utf-8");
    return response.status;
  }
  // A proxy's own page: nothing of GitHub's at all.
  response.status = 200;
  response.set_content(proxy_error_page(), "text/html");
  return response.status;
}

void ApiRouter::truncate_body(httplib::Response& response) {
  if (response.body.empty()) return;  // nothing to cut (httplib also refuses a 0-length provider)
  const std::string content_type = response.get_header_value("Content-Type");
  // set_content_provider adds its own Content-Type; keep just one.
  response.headers.erase("Content-Type");
  auto body = std::make_shared<const std::string>(std::move(response.body));
  response.body.clear();
  // httplib announces Content-Length of the whole body and, when the
  // provider fails, closes the connection after what was written so far.
  response.set_content_provider(body->size(), content_type,
                                [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                  const std::size_t half = body->size() / 2;
                                  if (offset < half)
                                    sink.write(body->data() + offset, half - offset);
                                  return false;
                                });
}

void ApiRouter::drop_connection(const httplib::Request& request) {
  abort_connection(request.local_port, request.remote_port);
}

bool ApiRouter::hold_reply() {
  std::chrono::milliseconds hold;
  {
    std::lock_guard lock(mutex_);
    hold = slow_reply_hold_;
  }
  return hold_.wait(hold);
}

}  // namespace fake_github
