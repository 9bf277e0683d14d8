#pragma once
// Domain rows from result columns, once for both engines. `Columns` is an
// engine's reader of one result row (sqlite/sqlite_rows.hpp,
// postgres/postgres_store_impl.hpp), 0-based, with
//   std::string text(int), std::optional<std::string> optional_text(int),
//   std::int64_t integer(int), std::optional<std::int64_t> optional_integer(int),
//   bool boolean(int), bool is_null(int).
// Each statement's column list says which reader it is for.
#include <chrono>

#include "backfill/store/records.hpp"

namespace backfill::store {

// Columns first..first+3: id, github_id, owner, name.
template <class Columns>
Repository repository_from(const Columns& c, int first = 0) {
  return Repository{c.text(first), c.optional_integer(first + 1).value_or(0),
                    RepoName{c.text(first + 2), c.text(first + 3)}};
}

// Columns first..first+10: repository_id, last_processed_cursor,
// total_processed, total_expected, status, last_error, error_count,
// started_at, updated_at, completed_at, resume_after.
template <class Columns>
Progress progress_from(const Columns& c, int first = 0) {
  Progress p;
  p.repository_id = c.text(first);
  p.cursor = c.optional_text(first + 1);
  p.total_processed = c.integer(first + 2);
  p.total_expected = c.optional_integer(first + 3);
  p.status = status_from_string(c.text(first + 4));
  p.last_error = c.optional_text(first + 5);
  p.error_count = c.integer(first + 6);
  p.started_at = c.optional_text(first + 7);
  p.updated_at = c.optional_text(first + 8);
  p.completed_at = c.optional_text(first + 9);
  p.resume_after = c.optional_text(first + 10);
  return p;
}

// Columns 0-3 the repository, 4-6 tracked_at, github_pull_count,
// github_count_checked_at, 7-17 the progress (NULL when the backfill never
// started), 18 dispatched_at, 19 prefer_actions.
template <class Columns>
TrackedRepository tracked_from(const Columns& c) {
  TrackedRepository t;
  t.repository = repository_from(c, 0);
  t.tracked_at = c.text(4);
  t.github_pull_count = c.optional_integer(5);
  t.github_count_checked_at = c.optional_text(6);
  if (!c.is_null(7)) t.progress = progress_from(c, 7);
  t.dispatched_at = c.optional_text(18);
  t.prefer_actions = c.boolean(19);
  return t;
}

// Columns 0 "owner/name", 1-7 total_processed, total_expected, status,
// started_at, updated_at, last_error, resume_after, 8-11 the recent pace
// (chunks, PRs, requests, busy milliseconds), 12 the repository's GitHub id.
template <class Columns>
BackfillSummary summary_from(const Columns& c) {
  BackfillSummary s;
  s.repository = c.text(0);
  s.total_processed = c.integer(1);
  s.total_expected = c.optional_integer(2);
  s.status = status_from_string(c.text(3));
  s.started_at = c.optional_text(4);
  s.updated_at = c.optional_text(5);
  s.last_error = c.optional_text(6);
  s.resume_after = c.optional_text(7);
  s.recent.chunks = c.integer(8);
  s.recent.prs = c.integer(9);
  s.recent.requests = c.integer(10);
  s.recent.busy = std::chrono::milliseconds(c.integer(11));
  s.github_id = c.optional_integer(12).value_or(0);
  return s;
}

}  // namespace backfill::store
