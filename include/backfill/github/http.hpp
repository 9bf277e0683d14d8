#pragma once
// The HTTP seam: GitHubClient speaks to an HttpTransport, which the real
// program backs with libcurl (CurlTransport) and tests may replace.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/cancel.hpp"

namespace backfill::github {

// Response headers, names lower-cased (HTTP/2 style), last value wins except
// that repeated names are joined with ", " (RFC 9110 field combining).
class HeaderMap {
 public:
  void add(std::string name, std::string value);
  std::optional<std::string> get(const std::string& lower_name) const;
  const std::map<std::string, std::string>& all() const { return fields_; }

 private:
  std::map<std::string, std::string> fields_;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent when non-empty (POST/PATCH)
};

// What went wrong below HTTP (no status): decides retryability.
enum class TransportFailure {
  kNone,
  kConnect,           // refused, DNS, TLS handshake
  kTimeout,           // connect or total timeout
  kTruncated,         // connection reset / partial body
  kCancelled,         // the CancelToken tripped mid-transfer
  kTooLarge,          // body or headers passed TransportOptions' caps (transfer aborted)
  kTooManyRedirects,  // more than kMaxRedirects hops: a redirect loop
  kOther,
};

// Redirects followed per request (renamed repositories answer one 301).
inline constexpr long kMaxRedirects = 5;

struct HttpResponse {
  long status = 0;  // 0 when the transfer failed (see failure)
  HeaderMap headers;
  std::string body;
  std::string effective_url;  // after redirects
  TransportFailure failure = TransportFailure::kNone;
  std::string failure_message;  // curl's error buffer, redacted
};

struct TransportOptions {
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 60'000;
  std::string user_agent;
  // A reply whose decoded body, or whose header lines (every hop's), pass
  // these caps is aborted as it arrives (TransportFailure::kTooLarge), so a
  // hostile or broken server cannot make memory grow past them. A pulls
  // page is ~2 MB.
  std::size_t max_body_bytes = std::size_t{64} << 20;
  std::size_t max_header_bytes = std::size_t{1} << 20;
  // PEM file of the certificate authorities to trust instead of the
  // system's; empty: the system's (the tests' own https servers use it).
  std::string ca_file;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Never throws for network or HTTP errors: they come back in the response.
  virtual HttpResponse perform(const HttpRequest& request) = 0;
};

// One reused curl easy handle (keep-alive, gzip, up to kMaxRedirects
// redirects followed; libcurl drops the Authorization header on a redirect
// to another host, port or scheme, and never follows https to http).
std::unique_ptr<HttpTransport> make_curl_transport(const TransportOptions& options,
                                                   const CancelToken& cancel);

}  // namespace backfill::github
