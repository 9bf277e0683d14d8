#pragma once
// GitHub's error bodies, word for word, so clients are tested against what
// api.github.com really says.
#include <cstdint>
#include <string>
#include <vector>

namespace fake_github {

inline constexpr const char* kGenericDocs = "https://docs.github.com/rest";
inline constexpr const char* kGetRepositoryDocs =
    "https://docs.github.com/rest/repos/repos#get-a-repository";
inline constexpr const char* kListPullsDocs =
    "https://docs.github.com/rest/pulls/pulls#list-pull-requests";

inline constexpr const char* kListIssuesDocs =
    "https://docs.github.com/rest/issues/issues#list-repository-issues";
inline constexpr const char* kCreateIssueDocs =
    "https://docs.github.com/rest/issues/issues#create-an-issue";
inline constexpr const char* kUpdateIssueDocs =
    "https://docs.github.com/rest/issues/issues#update-an-issue";
inline constexpr const char* kListIssueCommentsDocs =
    "https://docs.github.com/rest/issues/comments#list-issue-comments";
inline constexpr const char* kCreateIssueCommentDocs =
    "https://docs.github.com/rest/issues/comments#create-an-issue-comment";
inline constexpr const char* kRepositoryDispatchDocs =
    "https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event";

std::string not_found_body(const char* documentation_url);
std::string bad_credentials_body();
// `request_id` is the x-github-request-id of the refused request; `now` is
// quoted in the message like GitHub's "timestamp ... UTC".
std::string rate_limited_body(bool authenticated, const std::string& request_id,
                              std::int64_t now_epoch);
std::string moved_permanently_body(const std::string& url);

// A write endpoint called without a token (401), and with a token that may
// not write there (403, what an Actions GITHUB_TOKEN lacking the permission
// gets).
std::string requires_authentication_body(const char* documentation_url);
std::string not_accessible_by_integration_body(const char* documentation_url);
// 400: the request body is not JSON.
std::string problems_parsing_json_body(const char* documentation_url);
// 422 with just a message, e.g. "client_payload is too large.".
std::string unprocessable_body(const std::string& message, const char* documentation_url);
// 422 from the request's schema check, before any model validation:
// "Invalid request.\n\n" + `detail`, e.g. "\"title\" wasn't supplied.".
std::string invalid_request_body(const std::string& detail, const char* documentation_url);

// One entry of a "Validation Failed" body's errors; `message` is left out
// when empty (codes like missing_field carry none).
struct FieldError {
  std::string resource;
  std::string code;
  std::string field;
  std::string message;
};
// 422 from model validation: {"message":"Validation Failed","errors":[...]}.
std::string validation_failed_body(const std::vector<FieldError>& errors,
                                   const char* documentation_url);

// The API failing: {"message":"Server Error",...,"status":"500"} and
// {"message":"Service Unavailable",...,"status":"503"}.
std::string server_error_body();
std::string service_unavailable_body();
// The secondary rate limit's message, quoting `request_id`; `status` is the
// HTTP status it comes with (403, or 429).
std::string secondary_rate_limit_body(const std::string& request_id, int status);

}  // namespace fake_github
