#pragma once
// Conditional GETs as GitHub documents them ("Use conditional requests if
// appropriate", REST best practices): responses carry an ETag (a weak one,
// W/"<hash>", stable for a given body) and, where the resource has a time of
// last change, Last-Modified; a GET with If-None-Match naming the current
// ETag, or without If-None-Match and with If-Modified-Since at or after
// Last-Modified (RFC 9110 13.2.2: If-None-Match wins when both are sent),
// is answered 304 Not Modified, without a body. A 304 to an authorized
// request does not count against the primary rate limit (routes.cpp).
#include <cstdint>
#include <optional>
#include <string>

namespace fake_github {

// W/"<32 hex digits>" from the body alone.
std::string weak_etag(const std::string& body);

// "Tue, 01 Dec 2026 10:00:00 GMT" (RFC 9110 IMF-fixdate).
std::string http_date(std::int64_t epoch_seconds);
// An IMF-fixdate; nullopt for anything else (an invalid date is ignored).
std::optional<std::int64_t> parse_http_date(const std::string& text);

// Whether a GET with these request headers ("" when absent) is answered
// 304, given the current validators (`last_modified` 0: none).
bool not_modified(const std::string& if_none_match, const std::string& if_modified_since,
                  const std::string& etag, std::int64_t last_modified);

}  // namespace fake_github
