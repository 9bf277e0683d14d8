#pragma once
// What `--with LIST` asks a backfill to copy beyond the REST listing, and
// the short canonical text that keys its progress (backfill_scopes.scope).
// Any depth scope copies the details (they cost no extra points in the same
// query), so `--with reviews` is the scope "details,reviews".
#include <string>
#include <string_view>

namespace backfill {

inline constexpr const char* kListScope = "list";  // the REST list-only backfill

struct DepthScope {
  bool details = false;
  bool reviews = false;
  bool comments = false;

  bool any() const { return details || reviews || comments; }
  // "list" without depth; else the sorted words, e.g. "comments,details,reviews".
  std::string key() const;
};

// Parses a comma list of details, reviews, comments, all (spaces around
// words allowed; empty: no depth). Throws UsageError "<input>: unknown word
// 'x' ..." naming the word and the input it came from.
DepthScope parse_depth_scope(std::string_view list, const std::string& input);

}  // namespace backfill
