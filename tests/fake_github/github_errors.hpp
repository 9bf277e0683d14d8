#pragma once
// GitHub's error bodies, word for word, so clients are tested against what
// api.github.com really says.
#include <cstdint>
#include <string>

namespace fake_github {

inline constexpr const char* kGenericDocs = "https://docs.github.com/rest";
inline constexpr const char* kGetRepositoryDocs =
    "https://docs.github.com/rest/repos/repos#get-a-repository";
inline constexpr const char* kListPullsDocs =
    "https://docs.github.com/rest/pulls/pulls#list-pull-requests";

std::string not_found_body(const char* documentation_url);
std::string bad_credentials_body();
// `request_id` is the x-github-request-id of the refused request; `now` is
// quoted in the message like GitHub's "timestamp ... UTC".
std::string rate_limited_body(bool authenticated, const std::string& request_id,
                              std::int64_t now_epoch);
std::string moved_permanently_body(const std::string& url);

// The API failing: {"message":"Server Error",...,"status":"500"} and
// {"message":"Service Unavailable",...,"status":"503"}.
std::string server_error_body();
std::string service_unavailable_body();
// The secondary rate limit's message, quoting `request_id`; `status` is the
// HTTP status it comes with (403, or 429).
std::string secondary_rate_limit_body(const std::string& request_id, int status);

}  // namespace fake_github
