#include "actions/markdown_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "backfill/core/clock.hpp"
#include "backfill/core/duration.hpp"

namespace backfill::actions::detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if (lead == 0xED) length = 3, high = 0x9F;  // no UTF-16 surrogates
  else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      if (text[i] != '\0') out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Step back over continuation bytes to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string fenced_block(std::string_view text, std::size_t max_bytes) {
  std::string clean = valid_utf8(text);
  std::replace(clean.begin(), clean.end(), '`', '\'');
  const std::string_view shown = utf8_prefix(clean, max_bytes);
  std::string block = "```text\n" + std::string(shown);
  if (block.back() != '\n') block += '\n';
  block += "```\n";
  if (shown.size() < clean.size()) {
    block +=
        "\n*Cut here: " + group_thousands(static_cast<std::int64_t>(clean.size() - shown.size())) +
        " more bytes of " + group_thousands(static_cast<std::int64_t>(clean.size())) +
        " are in the job log.*\n";
  }
  return block;
}

std::string command_block(std::string_view command, std::size_t max_bytes) {
  std::string clean = valid_utf8(command);
  std::replace(clean.begin(), clean.end(), '`', '\'');
  std::replace(clean.begin(), clean.end(), '\n', ' ');
  return "```sh\n" + std::string(utf8_prefix(clean, max_bytes)) + "\n```\n";
}

std::string table_cell(std::string_view text, std::size_t max_bytes) {
  std::string one_line = valid_utf8(text);
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  std::replace(one_line.begin(), one_line.end(), '\r', ' ');
  std::string cut(utf8_prefix(one_line, max_bytes));
  if (cut.size() < one_line.size()) cut += "...";
  std::string cell;
  for (char c : cut) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

std::string human_duration(std::chrono::milliseconds d) {
  const long long ms = std::max<long long>(0, d.count());
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 60'000) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
  }
  return format_duration(std::chrono::seconds(ms / 1000));
}

std::string min_median_max(std::vector<std::chrono::milliseconds> durations) {
  std::sort(durations.begin(), durations.end());
  const std::size_t n = durations.size();
  const auto median = n % 2 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
  return "min " + human_duration(durations.front()) + ", median " + human_duration(median) +
         ", max " + human_duration(durations.back());
}

std::string iso_utc(std::int64_t epoch_seconds) {
  return format_iso8601(SystemTime(std::chrono::seconds(epoch_seconds)));
}

double fraction_done(std::int64_t processed, std::int64_t expected) {
  if (expected <= 0) return processed >= 0 ? 1.0 : 0.0;
  return std::clamp(static_cast<double>(processed) / static_cast<double>(expected), 0.0, 1.0);
}

std::string percent(std::int64_t processed, std::int64_t expected) {
  // In tenths of a percent, rounded down, in integers so 99.96% is not 100.0%.
  long long tenths = 1000;
  if (expected > 0) {
    tenths = std::clamp<long long>(
        static_cast<long long>(
            (static_cast<long double>(std::max<std::int64_t>(processed, 0)) * 1000) / expected),
        0, 1000);
  }
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

std::string within_limit(std::string document, std::size_t limit) {
  if (document.size() <= limit) return document;
  static constexpr std::string_view kNote = "\n\n*Cut to stay within GitHub's size limit.*\n";
  // An open code fence would swallow the note; close one for safety.
  const std::string_view kept = utf8_prefix(document, limit - kNote.size() - 8);
  std::string out(kept);
  std::size_t fences = 0;
  for (std::size_t at = out.find("```"); at != std::string::npos; at = out.find("```", at + 3))
    ++fences;
  if (fences % 2) out += "\n```";
  return out + std::string(kNote);
}

}  // namespace backfill::actions::detail
