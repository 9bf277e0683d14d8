#include "backfill/core/depth_scope.hpp"

#include "backfill/core/errors.hpp"

namespace backfill {

std::string DepthScope::key() const {
  if (!any()) return kListScope;
  std::string key;
  auto add = [&](bool on, const char* word) {
    if (!on) return;
    if (!key.empty()) key += ',';
    key += word;
  };
  add(comments, "comments");
  add(true, "details");
  add(reviews, "reviews");
  return key;
}

DepthScope parse_depth_scope(std::string_view list, const std::string& input) {
  DepthScope scope;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view word = list.substr(start, comma - start);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    if (word == "details") {
      scope.details = true;
    } else if (word == "reviews") {
      scope.reviews = true;
    } else if (word == "comments") {
      scope.comments = true;
    } else if (word == "all") {
      scope.details = scope.reviews = scope.comments = true;
    } else if (!word.empty() || comma < list.size()) {
      throw UsageError(input + ": unknown word '" + std::string(word) +
                       "' (expected a comma list of details, reviews, comments, all)");
    }
    start = comma + 1;
  }
  if (scope.any()) scope.details = true;
  return scope;
}

}  // namespace backfill
