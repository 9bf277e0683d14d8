// The registry of the SQLite backend: which repositories are tracked.
#include "backfill/core/errors.hpp"
#include "store/sqlite/sqlite_registry_sql.hpp"
#include "store/sqlite/sqlite_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace backfill::store {

namespace sql = sqlite::sql;
using sqlite::Query;
using sqlite::WriteTransaction;

TrackOutcome SqliteStore::track_repository(std::int64_t github_id, const RepoName& name,
                                           std::int64_t pull_count, const std::string& now) {
  WriteTransaction tx(db_);
  TrackOutcome outcome;
  outcome.repository = upsert_repository_row(github_id, name, now);
  outcome.newly_tracked =
      db_.query(sql::kMarkTracked).text(1, outcome.repository.id).text(2, now).step();
  db_.query(sql::kRecordPullCount)
      .text(1, outcome.repository.id)
      .integer(2, pull_count)
      .text(3, now)
      .run();
  tx.commit();
  return outcome;
}

bool SqliteStore::mark_tracked(const std::string& repository_id, const std::string& now) {
  WriteTransaction tx(db_);
  const bool changed = db_.query(sql::kMarkTracked).text(1, repository_id).text(2, now).step();
  tx.commit();
  return changed;
}

bool SqliteStore::untrack_repository(const std::string& repository_id) {
  WriteTransaction tx(db_);
  const bool changed = db_.query(sql::kUntrack).text(1, repository_id).step();
  tx.commit();
  return changed;
}

void SqliteStore::record_github_pull_count(const std::string& repository_id,
                                           std::int64_t pull_count, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kRecordPullCount).text(1, repository_id).integer(2, pull_count).text(3, now).run();
  tx.commit();
}

std::vector<TrackedRepository> SqliteStore::tracked_repositories() {
  Query q = db_.query(sql::kTrackedRepositories);
  std::vector<TrackedRepository> out;
  while (q.step()) out.push_back(tracked_from(sqlite::Columns{q}));
  return out;
}

void SqliteStore::record_dispatch(const std::string& repository_id, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(sql::kRecordDispatch).text(1, repository_id).text(2, now).run();
  tx.commit();
}

void SqliteStore::set_prefer_actions(const std::string& repository_id, bool prefer) {
  WriteTransaction tx(db_);
  db_.query(sql::kSetPreferActions).text(1, repository_id).integer(2, prefer ? 1 : 0).run();
  tx.commit();
}

}  // namespace backfill::store
