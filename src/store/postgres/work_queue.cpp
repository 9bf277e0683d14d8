#include "store/postgres/work_queue.hpp"

#include <pqxx/pqxx>

#include <vector>

#include "backfill/core/errors.hpp"
#include "store/postgres/pg_array_literal.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace {

// What "needs work" means, in one place for the claim and its re-check:
// tracked, not completed, not waiting for a rate-limit reset at $1.
#define BACKFILL_NEEDS_WORK                                               \
  " r.tracked"                                                            \
  " AND (p.status IS NULL OR p.status <> 'completed')"                    \
  " AND (p.resume_after IS NULL OR p.resume_after <= $1::timestamp)"

// The first candidate not in $2, locked for this transaction. SKIP LOCKED
// passes over rows another claimer is looking at this very moment instead
// of queueing behind it; NO KEY UPDATE (not UPDATE) so that a running
// backfill's inserts, whose foreign-key checks take KEY SHARE on the same
// row, never wait for a claim.
constexpr const char* kClaimCandidate =
    "SELECT r.id::text, r.github_id, r.owner, r.name"
    " FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"
    " WHERE" BACKFILL_NEEDS_WORK
    "  AND NOT (r.id = ANY($2::uuid[]))"
    " ORDER BY p.started_at IS NOT NULL, p.updated_at NULLS FIRST, lower(r.owner), lower(r.name)"
    " LIMIT 1"
    " FOR NO KEY UPDATE OF r SKIP LOCKED";

// Run after the repository lock is taken. A statement of its own, so under
// READ COMMITTED it sees everything committed before the lock was granted,
// such as the completion written by the lock's previous holder.
constexpr const char* kStillNeedsWork =
    "SELECT 1 FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"
    " WHERE r.id = $2::uuid AND" BACKFILL_NEEDS_WORK;

constexpr const char* kUnfinished =
    "SELECT count(*) FROM repositories r LEFT JOIN backfill_progress p ON p.repository_id = r.id"
    " WHERE r.tracked AND (p.status IS NULL OR p.status <> 'completed')";

#undef BACKFILL_NEEDS_WORK

std::string uuid_array(const std::set<std::string>& skip, const std::vector<std::string>& more) {
  postgres::ArrayLiteral array;
  for (const auto& id : skip) array.add_text(id);
  for (const auto& id : more) array.add_text(id);
  return array.str();
}

}  // namespace

struct PostgresWorkQueue::Impl {
  Impl(const std::string& database_url, Store& lock_store)
      : url(database_url), db(postgres::connect(url)), locks(lock_store) {}

  template <typename Work>
  auto guarded(Work&& work) -> decltype(work()) {
    try {
      return work();
    } catch (const pqxx::failure& e) {
      throw FatalError(scrub_database_error(url, "PostgreSQL: " + postgres::trimmed(e.what())));
    }
  }

  std::string url;
  std::unique_ptr<pqxx::connection> db;
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
      Claim candidate{postgres::repository_from(rows[0]), nullptr};
      // The row lock keeps other claimers off while the advisory lock, the
      // one that lasts for the run and dies with its session, is taken.
      candidate.lock = impl_->locks.try_lock_repository(candidate.repository.name);
      if (candidate.lock && tx.exec_params(kStillNeedsWork, now, candidate.repository.id).empty()) {
        candidate.lock.reset();
      }
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
