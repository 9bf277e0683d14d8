#pragma once
// What an incremental refresh needs from the database (engine/refresh_run):
// the refresh_state row of a repository and scope (migration 0007), and
// writes of the pull requests a refresh meets that leave the backfill's
// cursor and counters of chunks alone. Scope "list" is the REST listing;
// depth scopes (GraphQL, --with) keep rows of their own beside it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/depth_scope.hpp"
#include "backfill/core/pull_request.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

using ::backfill::kListScope;  // "list": the REST list-only backfill (core/depth_scope.hpp)

// Where the last refresh of a repository's scope left it.
struct RefreshState {
  std::string repository_id;
  std::string scope = kListScope;
  std::optional<std::string> refreshed_at;   // ISO-8601 UTC: the last refresh that finished
  std::optional<std::string> watermark;      // ISO-8601 UTC: newest updated_at when it began
  std::optional<std::string> etag;           // of its first page
  std::optional<std::string> last_modified;  // of its first page (HTTP date, as sent)
  std::int64_t changed = 0;                  // PRs new or updated in that refresh
};

// Pull requests a refresh met, written in ONE transaction; with `finish`,
// the refresh_state row too (the walk reached the old watermark), its
// `changed` being the earlier chunks' count: this chunk's is added.
struct RefreshChunk {
  std::string repository_id;
  std::vector<PullRequest> pulls;
  std::string now;  // ISO-8601 UTC
  std::optional<RefreshState> finish;
};

struct RefreshWrite {
  std::int64_t changed = 0;   // PRs of the chunk that were absent or had another updated_at
  std::int64_t inserted = 0;  // of which absent (added to total_processed)
};

// A completed backfill due for a refresh (RefreshStore::refreshes_due).
struct RefreshDue {
  Repository repository;
  std::optional<std::string> refreshed_at;  // nullopt: never refreshed
};

class RefreshStore {
 public:
  virtual ~RefreshStore() = default;

  virtual std::optional<RefreshState> load_refresh(const std::string& repository_id,
                                                   const std::string& scope) = 0;
  // Upserts the chunk's authors and pull requests as upsert_chunk does (NUL
  // stripped, duplicates collapsed, timestamps checked), adds the new ones
  // to backfill_progress.total_processed and writes `finish` when set; the
  // cursor, status and chunk metrics of the backfill are not touched.
  virtual RefreshWrite write_refresh_chunk(const RefreshChunk& chunk) = 0;
  // GitHub answered 304: refreshed_at = now and changed = 0; the
  // watermark and validators stay. Creates no row that did not exist.
  virtual void record_unchanged_refresh(const std::string& repository_id, const std::string& scope,
                                        const std::string& now) = 0;
  // Tracked repositories whose backfill is completed and whose scope was
  // last refreshed (or, never refreshed, whose backfill completed) before
  // `cutoff` (ISO-8601 UTC): oldest first, then by name.
  virtual std::vector<RefreshDue> refreshes_due(const std::string& scope,
                                                const std::string& cutoff) = 0;
};

}  // namespace backfill::store
