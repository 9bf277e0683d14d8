#pragma once
// The HTTP seam: GitHubClient speaks to an HttpTransport, which the real
// program backs with libcurl (CurlTransport) and tests may replace.
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
  kConnect,    // refused, DNS, TLS handshake
  kTimeout,    // connect or total timeout
  kTruncated,  // connection reset / partial body
  kCancelled,  // the CancelToken tripped mid-transfer
  kOther,
};

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
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Never throws for network or HTTP errors: they come back in the response.
  virtual HttpResponse perform(const HttpRequest& request) = 0;
};

// One reused curl easy handle (keep-alive, gzip, redirects followed).
std::unique_ptr<HttpTransport> make_curl_transport(const TransportOptions& options,
                                                   const CancelToken& cancel);

}  // namespace backfill::github
