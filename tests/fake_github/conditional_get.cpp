#include "fake_github/conditional_get.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

constexpr std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Weak comparison (RFC 9110 8.8.3.2): the opaque tags, W/ aside.
std::string_view opaque(std::string_view tag) {
  tag = trim(tag);
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  return tag;
}

bool matches_any(const std::string& if_none_match, const std::string& etag) {
  std::string_view list = if_none_match;
  if (trim(list) == "*") return true;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    if (!trim(item).empty() && opaque(item) == opaque(etag)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::uint64_t fnv1a(const std::string& text, std::uint64_t basis) {
  std::uint64_t h = basis;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string weak_etag(const std::string& body) {
  char text[40];
  std::snprintf(text, sizeof text, "%016llx%016llx",
                static_cast<unsigned long long>(mix64(fnv1a(body, 0xcbf29ce484222325ULL))),
                static_cast<unsigned long long>(mix64(fnv1a(body, 0x84222325cbf29ce4ULL))));
  return std::string("W/\"") + text + "\"";
}

std::string http_date(std::int64_t epoch_seconds) {
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const std::int64_t days =
      epoch_seconds >= 0 ? epoch_seconds / 86400 : (epoch_seconds - 86399) / 86400;
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[static_cast<std::size_t>(((days % 7) + 7) % 7)], tm.tm_mday,
                kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return text;
}

std::optional<std::int64_t> parse_http_date(const std::string& text) {
  char day[4] = {}, month[4] = {};
  int mday = 0, year = 0, hour = 0, minute = 0, second = 0, used = 0;
  if (std::sscanf(text.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", day, &mday, month, &year,
                  &hour, &minute, &second, &used) != 7 ||
      static_cast<std::size_t>(used) != text.size()) {
    return std::nullopt;
  }
  int month_index = -1;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (std::string_view(month) == kMonths[i]) month_index = static_cast<int>(i);
  }
  if (month_index < 0 || mday < 1 || mday > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month_index;
  tm.tm_mday = mday;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<std::int64_t>(timegm(&tm));
}

bool not_modified(const std::string& if_none_match, const std::string& if_modified_since,
                  const std::string& etag, std::int64_t last_modified) {
  if (!if_none_match.empty()) return !etag.empty() && matches_any(if_none_match, etag);
  if (if_modified_since.empty() || last_modified <= 0) return false;
  const auto since = parse_http_date(if_modified_since);
  return since && last_modified <= *since;
}

}  // namespace fake_github
