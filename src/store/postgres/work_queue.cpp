#include "store/postgres/work_queue.hpp"

#include <pqxx/pqxx>

#include <vector>

#include "backfill/core/errors.hpp"
#include "store/postgres/iso_column.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace {

// needs_work() (store/needs_work.cpp) in SQL, for picking candidates: it
// must match the C++ rule, which tests/store/needs_work_test.cpp checks on a
// table of cases. The C++ rule has the last word: a candidate is re-checked
// with it under its lock.
// scheduled_progress() in SQL: p is the progress a run of the repository
// advances, its depth scope's (backfill_scopes) when it is tracked --with,
// else the list's (backfill_progress).
#define BACKFILL_SCHEDULED_PROGRESS                                                         \
  " FROM repositories r LEFT JOIN ("                                                        \
  "  SELECT repository_id, last_processed_cursor, total_processed, total_expected, status," \
  "   last_error, error_count, started_at, updated_at, completed_at, resume_after,"         \
  "   NULL::text AS scope FROM backfill_progress"                                           \
  "  UNION ALL SELECT repository_id, cursor, total_processed, total_expected, status,"      \
  "   last_error, error_count, started_at, updated_at, completed_at, resume_after, scope"   \
  "   FROM backfill_scopes"                                                                 \
  " ) p ON p.repository_id = r.id AND p.scope IS NOT DISTINCT FROM r.backfill_with"

#define BACKFILL_NEEDS_WORK                            \
  " r.tracked"                                         \
  " AND (p.status IS NULL OR p.status <> 'completed')" \
  " AND (p.resume_after IS NULL OR p.resume_after <= $1::timestamp)"

// The first candidate not in $2, locked for this transaction. SKIP LOCKED
// passes over rows another claimer is looking at this very moment instead
// of queueing behind it; NO KEY UPDATE (not UPDATE) so that a running
// backfill's inserts, whose foreign-key checks take KEY SHARE on the same
// row, never wait for a claim.
constexpr const char* kClaimCandidate =
    "SELECT r.id::text, r.github_id, r.owner, r.name" BACKFILL_SCHEDULED_PROGRESS
    " WHERE" BACKFILL_NEEDS_WORK
    "  AND NOT (r.id = ANY($2::uuid[]))"
    " ORDER BY p.started_at IS NOT NULL, p.updated_at NULLS FIRST, lower(r.owner), lower(r.name)"
    " LIMIT 1"
    " FOR NO KEY UPDATE OF r SKIP LOCKED";

// Run after the repository lock is taken, for needs_work(). A statement of
// its own, so under READ COMMITTED it sees everything committed before the
// lock was granted, such as the completion written by the lock's previous
// holder. Columns: tracked, then the progress as progress_from reads it.
constexpr const char* kClaimedState =
    "SELECT r.tracked, p.repository_id::text, p.last_processed_cursor, p.total_processed,"
    " p.total_expected, p.status, p.last_error, p.error_count, " BACKFILL_ISO("p.started_at") ", "
    BACKFILL_ISO("p.updated_at") ", " BACKFILL_ISO("p.completed_at") ", "
    BACKFILL_ISO("p.resume_after") BACKFILL_SCHEDULED_PROGRESS
    " WHERE r.id = $1::uuid";

// unfinished() in SQL, matching store/needs_work.cpp like the claim.
constexpr const char* kUnfinished =
    "SELECT count(*)" BACKFILL_SCHEDULED_PROGRESS
    " WHERE r.tracked AND (p.status IS NULL OR p.status <> 'completed')";

#undef BACKFILL_NEEDS_WORK
#undef BACKFILL_SCHEDULED_PROGRESS

std::string uuid_array(const std::set<std::string>& skip, const std::vector<std::string>& more) {
  postgres::ArrayLiteral array;
  for (const auto& id : skip) array.add_text(id);
  for (const auto& id : more) array.add_text(id);
  return array.str();
}

bool still_needs_work(pqxx::work& tx, const std::string& repository_id, const std::string& now) {
  const auto rows = tx.exec_params(kClaimedState, repository_id);
  if (rows.empty()) return false;
  const postgres::Columns state{rows[0]};
  std::optional<Progress> progress;
  if (!state.is_null(1)) progress = progress_from(state, 1);
  return needs_work(state.boolean(0), progress, now);
}

}  // namespace

struct PostgresWorkQueue::Impl : postgres::Session {
  Impl(const std::string& database_url, Store& lock_store)
      : Session(database_url), locks(lock_store) {}

  Store& locks;
};

PostgresWorkQueue::PostgresWorkQueue(const std::string& url, Store& locks)
    : impl_(std::make_unique<Impl>(url, locks)) {}

PostgresWorkQueue::~PostgresWorkQueue() = default;

std::optional<Claim> PostgresWorkQueue::claim_next(const std::string& now,
                                                   const std::set<std::string>& skip) {
  // Held by another worker (its lock), or finished by one since it was
  // picked: passed over for the rest of this call.
  std::vector<std::string> passed;
  while (true) {
    auto claim = impl_->guarded([&]() -> std::optional<Claim> {
      pqxx::work tx(*impl_->db);
      const auto rows = tx.exec_params(kClaimCandidate, now, uuid_array(skip, passed));
      if (rows.empty()) return std::nullopt;
      Claim candidate{repository_from(postgres::Columns{rows[0]}), nullptr};
      // The row lock keeps other claimers off while the advisory lock, the
      // one that lasts for the run and dies with its session, is taken.
      candidate.lock = impl_->locks.try_lock_repository(candidate.repository);
      if (candidate.lock && !still_needs_work(tx, candidate.repository.id, now))
        candidate.lock.reset();
      tx.commit();
      return candidate;
    });
    if (!claim) return std::nullopt;
    if (claim->lock) return claim;
    passed.push_back(claim->repository.id);
  }
}

std::int64_t PostgresWorkQueue::unfinished() {
  return impl_->guarded([&] {
    pqxx::nontransaction tx(*impl_->db);
    return tx.exec1(kUnfinished)[0].as<std::int64_t>();
  });
}

}  // namespace backfill::store
