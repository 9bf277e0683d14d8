// make_curl_transport: the one HttpTransport that talks to the network.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "backfill/core/redact.hpp"
#include "backfill/github/http.hpp"

namespace backfill::github {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("curl_global_init failed");
  });
}

TransportFailure failure_of(CURLcode code) {
  switch (code) {
    case CURLE_OK: return TransportFailure::kNone;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_SSL_CONNECT_ERROR: return TransportFailure::kConnect;
    case CURLE_OPERATION_TIMEDOUT: return TransportFailure::kTimeout;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WRITE_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportFailure::kTruncated;
    case CURLE_ABORTED_BY_CALLBACK: return TransportFailure::kCancelled;
    case CURLE_FILESIZE_EXCEEDED:  // a declared Content-Length over the body cap
      return TransportFailure::kTooLarge;
    case CURLE_TOO_MANY_REDIRECTS: return TransportFailure::kTooManyRedirects;
    default: return TransportFailure::kOther;
  }
}

bool is_https(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  return url.size() >= kScheme.size() &&
         std::equal(kScheme.begin(), kScheme.end(), url.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

// "64 MiB", "512 KiB", "1000 bytes": caps as people write them.
std::string size_text(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport(TransportOptions options, const CancelToken& cancel)
      : options_(std::move(options)), cancel_(cancel) {
    global_init_once();
    handle_.reset(curl_easy_init());
    if (!handle_) throw std::runtime_error("curl_easy_init failed");
    configure_handle();
  }

  HttpResponse perform(const HttpRequest& request) override {
    HttpResponse response;
    if (cancel_.stop_requested()) {
      response.failure = TransportFailure::kCancelled;
      response.failure_message = "cancelled before the request was sent";
      return response;
    }
    response_ = &response;
    overflow_ = Overflow::kNone;
    header_bytes_ = 0;
    errbuf_[0] = '\0';
    CURL* h = handle_.get();

    HeaderList headers;
    for (const auto& line : request.headers) append_header(headers, line);
    // A body never waits for "100 Continue": GitHub answers straight away.
    append_header(headers, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    // An https request never follows a redirect down to plain http.
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
                     is_https(request.url) ? "https" : "http,https");
    set_method(request);

    CURLcode code = curl_easy_perform(h);
    response_ = nullptr;
    // Nothing may keep pointing at this request's memory once it returns.
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);

    char* effective_url = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective_url) == CURLE_OK && effective_url)
      response.effective_url = effective_url;
    const std::string& url = response.effective_url.empty() ? request.url : response.effective_url;
    if (code == CURLE_OK) {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    } else {
      response.status = 0;
      response.failure = failure_of(code);
      std::string detail = errbuf_[0] != '\0' ? errbuf_ : curl_easy_strerror(code);
      if (overflow_ != Overflow::kNone || code == CURLE_FILESIZE_EXCEEDED) {
        response.failure = TransportFailure::kTooLarge;
        const bool headers = overflow_ == Overflow::kHeaders;
        detail = std::string(headers ? "response headers" : "response body") + " from " + url +
                 " exceeded " +
                 size_text(headers ? options_.max_header_bytes : options_.max_body_bytes);
      } else if (code == CURLE_TOO_MANY_REDIRECTS) {
        detail = "more than " + std::to_string(kMaxRedirects) + " redirects from " + request.url +
                 " (a redirect loop?)";
      }
      response.failure_message = redact(detail);
      // The body of a failed reply is never used: give the memory back.
      std::string().swap(response.body);
      if (overflow_ == Overflow::kHeaders) response.headers = HeaderMap{};
    }
    return response;
  }

 private:
  void configure_handle() {
    CURL* h = handle_.get();
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf_);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl decodes
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);   // renamed repositories answer 301
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, kMaxRedirects);
    // The token travels in a custom Authorization header (GitHubClient),
    // which libcurl (7.83+) leaves out of a redirect to another host, port
    // or scheme as long as CURLOPT_UNRESTRICTED_AUTH stays at its default,
    // off: it is deliberately never set here.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");  // narrowed per request
    if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
    // Refuses at once a body that declares itself over the cap; the write
    // callback enforces the cap on what really arrives (decoded).
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(options_.max_body_bytes));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    // GitHub rejects requests without a User-Agent.
    if (options_.user_agent.empty()) options_.user_agent = "backfill/" BACKFILL_VERSION;
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());

    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CurlTransport::on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CurlTransport::on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &CurlTransport::on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, this);
  }

  static void append_header(HeaderList& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) throw std::bad_alloc();
    // `grown` heads the same nodes (or is the first one): re-own, not free.
    static_cast<void>(list.release());
    list.reset(grown);
  }

  // The handle is reused, so every request first puts the method back to GET.
  void set_method(const HttpRequest& request) {
    CURL* h = handle_.get();
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
    const std::string& method = request.method;
    if (method == "GET" && request.body.empty()) return;
    if (method == "HEAD") {
      curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
      return;
    }
    if (!request.body.empty() || method == "POST") {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    }
    if (method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  static size_t on_header(char* data, size_t size, size_t count, void* self_ptr) {
    auto* self = static_cast<CurlTransport*>(self_ptr);
    size_t length = size * count;
    self->header_bytes_ += length;
    if (self->header_bytes_ > self->options_.max_header_bytes) {
      self->overflow_ = Overflow::kHeaders;
      return 0;  // anything but `length` aborts the transfer
    }
    std::string_view line(data, length);
    HttpResponse& response = *self->response_;
    if (line.rfind("HTTP/", 0) == 0) {
      // A new status line: a redirect hop or an interim 1xx. Only the final
      // response's headers and body are the answer.
      response.headers = HeaderMap{};
      response.body.clear();
      return length;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return length;  // blank line, obs-fold
    std::string name(trim(line.substr(0, colon)));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    response.headers.add(std::move(name), std::string(trim(line.substr(colon + 1))));
    return length;
  }

  static size_t on_body(char* data, size_t size, size_t count, void* self_ptr) {
    auto* self = static_cast<CurlTransport*>(self_ptr);
    size_t length = size * count;
    std::string& body = self->response_->body;
    const std::size_t cap = self->options_.max_body_bytes;
    if (length > cap - body.size()) {  // body.size() never exceeds cap
      self->overflow_ = Overflow::kBody;
      return 0;  // anything but `length` aborts the transfer
    }
    if (body.empty()) reserve_for(body, self->response_->headers, cap);
    if (body.size() + length > body.capacity()) grow(body, body.size() + length, cap);
    body.append(data, length);
    return length;
  }

  // Doubling through the sizes cap/2^k, so the buffer never passes the cap
  // and the last step copies at most half of it: memory for a body peaks at
  // the cap, not at twice it (a copy of almost the cap into the cap). The
  // buffer is built anew because std::string::reserve would round the size
  // asked for up to twice the current capacity.
  static void grow(std::string& body, std::size_t needed, std::size_t cap) {
    const std::size_t wanted = std::max(needed, body.capacity() * 2);
    std::size_t size = cap;
    while (size / 2 >= wanted) size /= 2;
    std::string grown;
    grown.reserve(size);
    grown.append(body);
    body.swap(grown);
  }

  // A 2 MB page grown by doubling is copied ~4 MB over; the declared length
  // (a lower bound when compressed) avoids most of that.
  static void reserve_for(std::string& body, const HeaderMap& headers, std::size_t cap) {
    auto declared = headers.get("content-length");
    if (!declared) return;
    std::size_t bytes = 0;
    auto [end, ec] = std::from_chars(declared->data(), declared->data() + declared->size(), bytes);
    if (ec == std::errc()) body.reserve(std::min(bytes, cap));
  }

  static int on_progress(void* self_ptr, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* self = static_cast<CurlTransport*>(self_ptr);
    return self->cancel_.stop_requested() ? 1 : 0;  // non-zero aborts the transfer
  }

  TransportOptions options_;
  const CancelToken& cancel_;
  std::unique_ptr<CURL, EasyDeleter> handle_;
  char errbuf_[CURL_ERROR_SIZE] = {};
  HttpResponse* response_ = nullptr;  // the response being filled, during perform()
  enum class Overflow { kNone, kBody, kHeaders };
  Overflow overflow_ = Overflow::kNone;  // which cap aborted the transfer, if any
  std::size_t header_bytes_ = 0;         // header lines of this request so far, all hops
};

}  // namespace

std::unique_ptr<HttpTransport> make_curl_transport(const TransportOptions& options,
                                                   const CancelToken& cancel) {
  return std::make_unique<CurlTransport>(options, cancel);
}

}  // namespace backfill::github
