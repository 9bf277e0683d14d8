#include "fake_github/json_text.hpp"

#include <charconv>

namespace fake_github {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm); avoids
// gmtime_r and its locale/TZ machinery on the hot path.
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

void put2(char* at, unsigned value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: {
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(text.data() + run_start, text.size() - run_start);
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  append_json_escaped(out, text);
  out += '"';
}

void append_int(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_json_timestamp(std::string& out, std::int64_t epoch_seconds) {
  std::int64_t days = epoch_seconds / 86400;
  std::int64_t seconds_of_day = epoch_seconds % 86400;
  if (seconds_of_day < 0) {
    seconds_of_day += 86400;
    --days;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  civil_from_days(days, year, month, day);
  char text[] = "\"0000-00-00T00:00:00Z\"";
  put2(text + 1, static_cast<unsigned>(year / 100));
  put2(text + 3, static_cast<unsigned>(year % 100));
  put2(text + 6, month);
  put2(text + 9, day);
  put2(text + 12, static_cast<unsigned>(seconds_of_day / 3600));
  put2(text + 15, static_cast<unsigned>(seconds_of_day / 60 % 60));
  put2(text + 18, static_cast<unsigned>(seconds_of_day % 60));
  out.append(text, sizeof text - 1);
}

std::string iso8601(std::int64_t epoch_seconds) {
  std::string quoted;
  append_json_timestamp(quoted, epoch_seconds);
  return quoted.substr(1, quoted.size() - 2);
}

void append_fake_sha(std::string& out, std::uint64_t seed) {
  char digits[40];
  std::uint64_t word = 0;
  for (int i = 0; i < 40; ++i) {
    if (i % 16 == 0) word = mix64(seed + static_cast<std::uint64_t>(i));
    digits[i] = kHex[word & 0xF];
    word >>= 4;
  }
  out.append(digits, sizeof digits);
}

}  // namespace fake_github
