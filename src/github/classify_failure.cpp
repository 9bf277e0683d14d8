// classify_failure: what a failed reply means, following GitHub's documented
// behaviour ("Rate limits for the REST API", "Troubleshooting the REST API").
#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

#include "backfill/core/clock.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace backfill::github {
namespace {

constexpr std::size_t kMaxQuotedMessage = 300;

// GitHub's error bodies are {"message": "...", "documentation_url": "..."}.
std::string github_message(const HttpResponse& response) {
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return {};
  auto message = doc.find("message");
  if (message == doc.end() || !message->is_string()) return {};
  std::string text = message->get<std::string>();
  if (text.size() > kMaxQuotedMessage) text = text.substr(0, kMaxQuotedMessage) + "...";
  return text;
}

// Retry-After in delay-seconds, the form GitHub uses.
std::optional<long> retry_after(const HttpResponse& response) {
  auto value = response.headers.get("retry-after");
  if (!value) return std::nullopt;
  std::string_view text = *value;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  long seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || end != text.data() + text.size()) return std::nullopt;  // an HTTP-date, junk
  if (ec == std::errc::result_out_of_range) {
    if (text.front() == '-') return std::nullopt;
    return std::numeric_limits<long>::max();  // absurd, but a wait all the same (engine caps it)
  }
  if (ec != std::errc() || seconds < 0) return std::nullopt;
  return seconds;
}

bool mentions_secondary_limit(std::string message) {
  std::transform(message.begin(), message.end(), message.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return message.find("secondary rate limit") != std::string::npos;
}

const char* failure_name(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::kConnect: return "could not connect";
    case TransportFailure::kTimeout: return "timed out";
    case TransportFailure::kTruncated: return "connection broken mid-reply";
    case TransportFailure::kCancelled: return "cancelled";
    case TransportFailure::kTooLarge: return "reply too large";
    case TransportFailure::kTooManyRedirects: return "too many redirects";
    case TransportFailure::kOther:
    case TransportFailure::kNone: break;
  }
  return "network error";
}

}  // namespace

GitHubError classify_failure(const HttpResponse& response) {
  if (response.failure == TransportFailure::kCancelled)
    return GitHubError(ErrorKind::kCancelled, 0, "request cancelled");
  if (response.failure != TransportFailure::kNone || response.status == 0) {
    std::string text = std::string("GitHub request failed: ") + failure_name(response.failure);
    if (!response.failure_message.empty()) text += " (" + response.failure_message + ")";
    // A redirect loop answers the same way every time; a reply over the cap
    // may be a proxy's passing fault, so it is retried (and counted).
    const ErrorKind kind = response.failure == TransportFailure::kTooManyRedirects
                               ? ErrorKind::kRefused
                               : ErrorKind::kRetryable;
    return GitHubError(kind, 0, redact(text));
  }

  const long status = response.status;
  const std::string message = github_message(response);
  const RateLimitSnapshot rate = parse_rate_limit(response.headers);
  const std::optional<long> wait = retry_after(response);
  auto detail = [&](const std::string& fallback = "") {
    const std::string& said = message.empty() ? fallback : message;
    return "(" + std::to_string(status) + (said.empty() ? "" : " " + said) + ")";
  };
  auto error = [&](ErrorKind kind, const std::string& text, bool secondary = false) {
    return GitHubError(kind, status, redact(text), wait, rate, secondary);
  };

  if (status == 401)
    return error(ErrorKind::kUnauthorized,
                 "GitHub rejected the token " + detail("Bad credentials"));
  if (status == 404)
    return error(ErrorKind::kNotFound,
                 "repository not found, or the token cannot see it " + detail("Not Found"));
  if (status == 403 || status == 429) {
    if (rate.remaining && *rate.remaining == 0) {
      std::string text = "GitHub API rate limit exhausted " + detail("API rate limit exceeded");
      if (auto reset = rate.reset_time()) text += "; it resets at " + format_iso8601(*reset);
      return error(ErrorKind::kRateLimited, text);
    }
    if (mentions_secondary_limit(message) || wait || status == 429)
      return error(ErrorKind::kRateLimited,
                   "GitHub secondary rate limit hit " + detail("Too Many Requests"), true);
    return error(ErrorKind::kClientError, "GitHub refused the request " + detail("Forbidden"));
  }
  if (status >= 500) return error(ErrorKind::kRetryable, "GitHub server error " + detail());
  if (status >= 200 && status <= 299)
    return error(ErrorKind::kRetryable, "GitHub sent an unparsable reply " + detail());
  return error(ErrorKind::kClientError, "GitHub rejected the request " + detail());
}

}  // namespace backfill::github
