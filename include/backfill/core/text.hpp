#pragma once
// Text helpers every printed report shares (status, check-migration-status,
// progress line, step summary, issues).
#include <cstdint>
#include <string>
#include <vector>

namespace backfill {

// "1,234,567"; the most negative value too.
std::string group_thousands(std::int64_t n);

// Rows padded to each column's widest cell, two spaces apart; a column
// marked in `right` (numbers) is flush right. Empty `right`: all left.
std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& right = {});

}  // namespace backfill
