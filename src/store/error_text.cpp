#include "store/error_text.hpp"

#include <algorithm>

#include "store/chunk_rows.hpp"

namespace backfill::store {

namespace {

bool blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

std::string short_error(std::string_view text, std::size_t max_length) {
  std::string line;
  for (std::size_t at = 0; at <= text.size() && line.empty();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    for (std::size_t i = at; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (blank(c)) {
        if (!line.empty() && line.back() != ' ') line.push_back(' ');
      } else {
        line.push_back(static_cast<char>(c));
      }
    }
    if (!line.empty() && line.back() == ' ') line.pop_back();
    at = end + 1;
  }
  if (line.size() <= max_length) return line;
  std::size_t cut = max_length;
  // Never split a UTF-8 character: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

std::optional<std::string> stored_error(const std::optional<std::string>& message) {
  if (!message) return std::nullopt;
  return short_error(strip_nul(*message));
}

}  // namespace backfill::store
