#include "fake_github/github_errors.hpp"

#include <nlohmann/json.hpp>

#include "fake_github/json_text.hpp"

namespace fake_github {

std::string not_found_body(const char* documentation_url) {
  return nlohmann::ordered_json{
      {"message", "Not Found"}, {"documentation_url", documentation_url}, {"status", "404"}}
      .dump();
}

std::string bad_credentials_body() {
  return nlohmann::ordered_json{
      {"message", "Bad credentials"}, {"documentation_url", kGenericDocs}, {"status", "401"}}
      .dump();
}

std::string rate_limited_body(bool authenticated, const std::string& request_id,
                              std::int64_t now_epoch) {
  std::string when = iso8601(now_epoch);  // "2024-01-02T03:04:05Z"
  when[10] = ' ';
  when.pop_back();
  std::string message = authenticated
                            ? "API rate limit exceeded for user ID 1."
                            : "API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                              "Authenticated requests get a higher rate limit. Check out the "
                              "documentation for more details.)";
  message += " If you reach out to GitHub Support for help, please include the request ID " +
             request_id + " and timestamp " + when + " UTC.";
  return nlohmann::ordered_json{
      {"message", message},
      {"documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"},
      {"status", "403"}}
      .dump();
}

std::string moved_permanently_body(const std::string& url) {
  return nlohmann::ordered_json{{"message", "Moved Permanently"},
                                {"url", url},
                                {"documentation_url", "https://docs.github.com/v3/#http-redirects"}}
      .dump();
}

std::string requires_authentication_body(const char* documentation_url) {
  return nlohmann::ordered_json{{"message", "Requires authentication"},
                                {"documentation_url", documentation_url},
                                {"status", "401"}}
      .dump();
}

std::string not_accessible_by_integration_body(const char* documentation_url) {
  return nlohmann::ordered_json{{"message", "Resource not accessible by integration"},
                                {"documentation_url", documentation_url},
                                {"status", "403"}}
      .dump();
}

std::string problems_parsing_json_body(const char* documentation_url) {
  return nlohmann::ordered_json{{"message", "Problems parsing JSON"},
                                {"documentation_url", documentation_url},
                                {"status", "400"}}
      .dump();
}

std::string unprocessable_body(const std::string& message, const char* documentation_url) {
  return nlohmann::ordered_json{
      {"message", message}, {"documentation_url", documentation_url}, {"status", "422"}}
      .dump();
}

std::string invalid_request_body(const std::string& detail, const char* documentation_url) {
  return unprocessable_body("Invalid request.\n\n" + detail, documentation_url);
}

std::string validation_failed_body(const std::vector<FieldError>& errors,
                                   const char* documentation_url) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FieldError& error : errors) {
    nlohmann::ordered_json item{
        {"resource", error.resource}, {"code", error.code}, {"field", error.field}};
    if (!error.message.empty()) item["message"] = error.message;
    list.push_back(std::move(item));
  }
  return nlohmann::ordered_json{{"message", "Validation Failed"},
                                {"errors", std::move(list)},
                                {"documentation_url", documentation_url},
                                {"status", "422"}}
      .dump();
}

std::string server_error_body() {
  return nlohmann::ordered_json{
      {"message", "Server Error"}, {"documentation_url", kGenericDocs}, {"status", "500"}}
      .dump();
}

std::string service_unavailable_body() {
  return nlohmann::ordered_json{
      {"message", "Service Unavailable"}, {"documentation_url", kGenericDocs}, {"status", "503"}}
      .dump();
}

std::string secondary_rate_limit_body(const std::string& request_id, int status) {
  return nlohmann::ordered_json{
      {"message",
       "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
       "again. If you reach out to GitHub Support for help, please include the request ID " +
           request_id + "."},
      {"documentation_url",
       "https://docs.github.com/free-pro-team@latest/rest/overview/"
       "rate-limits-for-the-rest-api#about-secondary-rate-limits"},
      {"status", std::to_string(status)}}
      .dump();
}

}  // namespace fake_github
