#pragma once
// The resume cursor: where the last committed chunk ended in GitHub's
// created-ascending listing. Creation order only grows at the end, so a page
// position stays valid across runs except that deletions shift later items
// back; align_page() detects that and says where to continue.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request.hpp"

namespace backfill::engine {

struct Cursor {
  long page = 1;            // 1-based page (per_page = 100) holding the last stored PR
  long index = 0;           // its 0-based index on that page
  std::int64_t number = 0;  // its PR number
  std::string created_at;   // its created_at: the sort key

  bool operator==(const Cursor&) const = default;
};

// Stored in backfill_progress.last_processed_cursor as compact JSON:
// {"v":1,"per_page":100,"page":P,"index":I,"number":N,"created_at":"..."}.
std::string serialize_cursor(const Cursor& cursor);
// nullopt for an empty, foreign or corrupt cursor (the caller then starts
// over from the first page: upserts make that safe, merely slower).
std::optional<Cursor> parse_cursor(const std::string& text);

// Where to go on with a page fetched at cursor.page.
struct Alignment {
  enum class Action {
    kContinue,  // process items[start_index..] of this page, then follow next
    kStepBack,  // unseen items may have shifted onto the previous page
  };
  Action action = Action::kContinue;
  std::size_t start_index = 0;
};

// Pure: decides from the page's items alone. The last stored PR found on the
// page → continue right after it. Not found (deleted, or shifted to an earlier
// page): if the page starts after it (or is empty) and an earlier page exists,
// step back; otherwise continue at the first item sorting after it.
Alignment align_page(const Cursor& last, const std::vector<PullRequest>& items, long page);

}  // namespace backfill::engine
