#pragma once
// The seam for fault injection: before the normal handler answers a request,
// a FaultPolicy may decide to answer it differently (slowly, with a 5xx, a
// truncated body, a dropped connection...). Each fault is an enumerator here
// plus its effect in fault_effects.cpp; ready-made policies are in
// fault_policies.hpp.
#include <cstddef>

#include "fake_github/fake_github.hpp"

namespace fake_github {

enum class Fault {
  kNone,  // answer normally

  // GitHub's API failing behind its edge: JSON bodies with "message",
  // documentation_url and status, plus the usual x-ratelimit-* headers (the
  // budget is reported, not spent).
  kServerError500,
  kServiceUnavailable503,
  // GitHub's edge giving up on the API: the "Unicorn!" HTML page with
  // content-type text/html and none of the API's headers.
  kBadGateway502,

  // The connection is torn down (TCP reset) without a byte of response:
  // curl reports CURLE_RECV_ERROR (56). But libcurl silently re-sends a
  // request, once, on a fresh connection when a reused keep-alive connection
  // dies before any byte of response: one reset on a reused connection never
  // reaches the caller (the log shows the retry as the next request). Script
  // two consecutive resets to make a curl client see one.
  kConnectionReset,
  // The real status line and headers, Content-Length of the whole body, but
  // only the first half of the body before the connection closes: curl
  // reports CURLE_PARTIAL_FILE.
  kTruncatedBody,
  // The real reply, held back for FakeGitHub::set_slow_reply_hold (long
  // enough to outlast a client's timeout). stop() cuts the hold short and
  // drops the connection instead of answering.
  kSlowReply,

  // GitHub's secondary rate limit: 403 with retry-after: N
  // (FakeGitHub::set_secondary_retry_after), the same without retry-after,
  // and 429 with retry-after. The x-ratelimit-* headers report the primary
  // budget, which has requests left (when it has none, the primary 403 is
  // answered instead, as the primary limit is checked first).
  kSecondaryLimit403,
  kSecondaryLimit403NoRetryAfter,
  kSecondaryLimit429,

  // A proxy or CDN between the client and GitHub answering 200 with its own
  // HTML page (text/html) instead of the API's JSON.
  kHtmlErrorPage,
};

class FaultPolicy {
 public:
  virtual ~FaultPolicy() = default;
  // `index` is the 1-based request number (as in on_request). Called on a
  // server thread, possibly concurrently.
  virtual Fault choose(std::size_t index, const RecordedRequest& request) = 0;
};

}  // namespace fake_github
