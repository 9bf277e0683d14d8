#include "backfill/core/text.hpp"

#include <algorithm>

namespace backfill {

std::string group_thousands(std::int64_t n) {
  // Through unsigned so that the most negative value has a magnitude too.
  const std::uint64_t magnitude =
      n < 0 ? ~static_cast<std::uint64_t>(n) + 1 : static_cast<std::uint64_t>(n);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& right) {
  if (rows.empty()) return "";
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string padding(width[i] - row[i].size(), ' ');
      const bool last = i + 1 == row.size();
      const bool flush_right = i < right.size() && right[i];
      line += flush_right ? padding + row[i] : row[i] + (last ? "" : padding);
      if (!last) line += "  ";
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace backfill
