#pragma once
// Reading domain rows out of SQLite result columns, shared by the store's
// files so that a column list and its reader stay side by side.
#include "backfill/store/store.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace backfill::store::sqlite {

// Columns first..first+3: id, github_id, owner, name.
inline Repository repository_from(const Query& q, int first = 0) {
  return Repository{q.column_text(first), q.column_optional_int(first + 1).value_or(0),
                    RepoName{q.column_text(first + 2), q.column_text(first + 3)}};
}

// Columns first..first+10, in the order of sql::kLoadProgress: repository_id,
// last_processed_cursor, total_processed, total_expected, status,
// last_error, error_count, started_at, updated_at, completed_at, resume_after.
inline Progress progress_from(const Query& q, int first = 0) {
  Progress p;
  p.repository_id = q.column_text(first);
  p.cursor = q.column_optional_text(first + 1);
  p.total_processed = q.column_int(first + 2);
  p.total_expected = q.column_optional_int(first + 3);
  p.status = status_from_string(q.column_text(first + 4));
  p.last_error = q.column_optional_text(first + 5);
  p.error_count = q.column_int(first + 6);
  p.started_at = q.column_optional_text(first + 7);
  p.updated_at = q.column_optional_text(first + 8);
  p.completed_at = q.column_optional_text(first + 9);
  p.resume_after = q.column_optional_text(first + 10);
  return p;
}

}  // namespace backfill::store::sqlite
