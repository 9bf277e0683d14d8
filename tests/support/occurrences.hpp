#pragma once
// How many times `what` stands in `text` (overlapping matches counted): the
// tests that check generated query texts count their parts with it.
#include <cstddef>
#include <string>

namespace backfill::testing {

inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace backfill::testing
