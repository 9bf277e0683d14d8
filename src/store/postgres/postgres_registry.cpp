// The registry of the PostgreSQL backend: which repositories are tracked.
#include "store/postgres/postgres_registry_sql.hpp"
#include "store/postgres/postgres_store_impl.hpp"

namespace backfill::store {

namespace postgres {

void prepare_registry_statements(pqxx::connection_base& db) {
  db.prepare("mark_tracked", sql::kMarkTracked);
  db.prepare("untrack", sql::kUntrack);
  db.prepare("record_pull_count", sql::kRecordPullCount);
  db.prepare("tracked_repositories", sql::kTrackedRepositories);
  db.prepare("record_dispatch", sql::kRecordDispatch);
  db.prepare("set_prefer_actions", sql::kSetPreferActions);
}

}  // namespace postgres

TrackOutcome PostgresStore::track_repository(std::int64_t github_id, const RepoName& name,
                                             std::int64_t pull_count, const std::string& now) {
  return impl_->guarded([&] {
    pqxx::work tx(*impl_->db);
    TrackOutcome outcome;
    outcome.repository = postgres::upsert_repository_row(tx, github_id, name, now);
    outcome.newly_tracked = !tx.exec_prepared("mark_tracked", outcome.repository.id, now).empty();
    tx.exec_prepared("record_pull_count", outcome.repository.id, pull_count, now);
    tx.commit();
    return outcome;
  });
}

bool PostgresStore::mark_tracked(const std::string& repository_id, const std::string& now) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    return !tx.exec_prepared("mark_tracked", repository_id, now).empty();
  });
}

bool PostgresStore::untrack_repository(const std::string& repository_id) {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    return !tx.exec_prepared("untrack", repository_id).empty();
  });
}

void PostgresStore::record_github_pull_count(const std::string& repository_id,
                                             std::int64_t pull_count, const std::string& now) {
  impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    tx.exec_prepared("record_pull_count", repository_id, pull_count, now);
  });
}

std::vector<TrackedRepository> PostgresStore::tracked_repositories() {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    std::vector<TrackedRepository> out;
    for (const auto& row : tx.exec_prepared("tracked_repositories")) {
      out.push_back(tracked_from(postgres::Columns{row}));
    }
    return out;
  });
}

void PostgresStore::record_dispatch(const std::string& repository_id, const std::string& now) {
  impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    tx.exec_prepared("record_dispatch", repository_id, now);
  });
}

void PostgresStore::set_prefer_actions(const std::string& repository_id, bool prefer) {
  impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);  // one statement: autocommit
    tx.exec_prepared("set_prefer_actions", repository_id, prefer);
  });
}

}  // namespace backfill::store
