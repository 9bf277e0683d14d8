#pragma once
// The dashboard's reads, once for both engines: each engine runs the
// statements (dashboard_sql.hpp) and hands every result row to the
// assembly here through RowReader.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "backfill/store/dashboard_view.hpp"

namespace backfill::store::dashboard {

// One result row, 0-based columns; NULL reads as nullopt.
class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual std::optional<std::string> text(int column) const = 0;
  virtual std::optional<std::int64_t> integer(int column) const = 0;
};

// The statements of one engine, in its SQL dialect.
struct Statements {
  const char* rows;                 // repositories and progress
  const char* pace;                 // the last 50 chunks of each backfill
  const char* chunk_totals;         // requests and retries per repository
  const char* latest_chunks;        // the newest chunk of each backfill
  const char* latest_runs;          // the newest run of each repository
  const char* runs_by_status;       // backfill_runs grouped by status
  const char* chunks_of;            // one repository's chunks (parameter: "owner/name", lower case)
  const char* runs_of;              // one repository's runs (same parameter)
  const char* scopes;               // depth scopes (backfill_scopes) and their repository
  const char* latest_scope_chunks;  // the newest chunk of each scope
  const char* scope_chunks_of;      // one repository's scope chunks (same parameter)
};

// Runs one statement, with an optional text parameter, calling `row` per row.
using RunStatement = std::function<void(const char* sql, const std::optional<std::string>& param,
                                        const std::function<void(const RowReader&)>& row)>;

// Whether a run holds the repository with this GitHub id (without taking its lock).
using LockProbe = std::function<bool(std::int64_t github_id)>;

DashboardSnapshot read_snapshot(const Statements& sql, const RunStatement& run,
                                const LockProbe& held);
RepositoryHistory read_history(const Statements& sql, const RunStatement& run,
                               const RepoName& repository);

}  // namespace backfill::store::dashboard
