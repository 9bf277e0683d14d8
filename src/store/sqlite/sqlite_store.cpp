#include "store/sqlite/sqlite_store.hpp"

#include <stdexcept>

#include "backfill/core/errors.hpp"
#include "store/chunk_rows.hpp"
#include "store/lock_key.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/repository_file_lock.hpp"

namespace backfill::store {

namespace {

using sqlite::Query;
using sqlite::WriteTransaction;

constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version TEXT PRIMARY KEY,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";
constexpr const char* kMigrationApplied = "SELECT 1 FROM schema_migrations WHERE version = ?1";
constexpr const char* kRecordMigration = "INSERT INTO schema_migrations (version) VALUES (?1)";

constexpr const char* kFindRepository =
    "SELECT id, github_id, owner, name FROM repositories"
    " WHERE lower(owner) = lower(?1) AND lower(name) = lower(?2)";
constexpr const char* kRepositoryByGithubId =
    "SELECT id, github_id, owner, name FROM repositories WHERE github_id = ?1";
constexpr const char* kInsertRepository =
    "INSERT INTO repositories (id, github_id, owner, name, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
constexpr const char* kUpdateRepository =
    "UPDATE repositories SET github_id = ?2, owner = ?3, name = ?4, updated_at = ?5"
    " WHERE id = ?1";

constexpr const char* kLoadProgress =
    "SELECT repository_id, last_processed_cursor, total_processed, total_expected, status,"
    " last_error, error_count, started_at, updated_at, completed_at"
    " FROM backfill_progress WHERE repository_id = ?1";

// total_processed is recounted once per run, so that it always equals the
// stored rows whatever happened before (e.g. rows written by older versions).
constexpr const char* kBeginRun =
    "INSERT INTO backfill_progress"
    " (id, repository_id, total_processed, total_expected, status, started_at, updated_at)"
    " VALUES (?1, ?2, (SELECT count(*) FROM pull_requests WHERE repository_id = ?2), ?3,"
    "         'in_progress', ?4, ?4)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  total_processed = excluded.total_processed,"
    "  total_expected = excluded.total_expected,"
    "  status = 'in_progress',"
    "  started_at = coalesce(backfill_progress.started_at, excluded.started_at),"
    "  updated_at = excluded.updated_at,"
    "  last_processed_cursor = CASE WHEN ?5 THEN NULL"
    "                          ELSE backfill_progress.last_processed_cursor END,"
    "  completed_at = CASE WHEN ?5 THEN NULL ELSE backfill_progress.completed_at END";

constexpr const char* kFinishRun =
    "INSERT INTO backfill_progress"
    " (id, repository_id, status, last_error, error_count, updated_at, completed_at)"
    " VALUES (?1, ?2, ?3, ?4, CASE WHEN ?3 = 'failed' THEN 1 ELSE 0 END, ?5,"
    "         CASE WHEN ?3 = 'completed' THEN ?5 END)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  status = excluded.status,"
    "  updated_at = excluded.updated_at,"
    "  error_count = backfill_progress.error_count + excluded.error_count,"
    "  completed_at = coalesce(excluded.completed_at, backfill_progress.completed_at),"
    "  last_error = CASE WHEN excluded.status = 'completed' THEN NULL"
    "               ELSE coalesce(excluded.last_error, backfill_progress.last_error) END";

// Unchanged contributors are left alone: frequent authors appear in most
// chunks, and rewriting their row every time would only churn the database.
constexpr const char* kUpsertContributor =
    "INSERT INTO contributors (id, github_id, login, avatar_url, type, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  login = excluded.login, avatar_url = excluded.avatar_url, type = excluded.type,"
    "  updated_at = excluded.updated_at"
    " WHERE login IS NOT excluded.login OR avatar_url IS NOT excluded.avatar_url"
    "    OR type IS NOT excluded.type";

constexpr const char* kPullExists = "SELECT 1 FROM pull_requests WHERE github_id = ?1";

constexpr const char* kUpsertPull =
    "INSERT INTO pull_requests (id, github_id, repository_id, number, title, body, state, draft,"
    " author_id, created_at, updated_at, closed_at, merged_at, merge_commit_sha, head_ref,"
    " base_ref, html_url, fetched_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT id FROM contributors WHERE github_id = ?9),"
    "         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    " ON CONFLICT (github_id) DO UPDATE SET"
    "  repository_id = excluded.repository_id, number = excluded.number,"
    "  title = excluded.title, body = excluded.body, state = excluded.state,"
    "  draft = excluded.draft, author_id = excluded.author_id,"
    "  created_at = excluded.created_at, updated_at = excluded.updated_at,"
    "  closed_at = excluded.closed_at, merged_at = excluded.merged_at,"
    "  merge_commit_sha = excluded.merge_commit_sha, head_ref = excluded.head_ref,"
    "  base_ref = excluded.base_ref, html_url = excluded.html_url,"
    "  fetched_at = excluded.fetched_at";

constexpr const char* kAdvanceProgress =
    "INSERT INTO backfill_progress"
    " (id, repository_id, last_processed_cursor, total_processed, status, started_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 'in_progress', ?5, ?5)"
    " ON CONFLICT (repository_id) DO UPDATE SET"
    "  last_processed_cursor = excluded.last_processed_cursor,"
    "  total_processed = backfill_progress.total_processed + excluded.total_processed,"
    "  updated_at = excluded.updated_at"
    " RETURNING total_processed";

constexpr const char* kCountPulls = "SELECT count(*) FROM pull_requests WHERE repository_id = ?1";

#define BACKFILL_SUMMARY_COLUMNS \
  "p.total_processed, p.total_expected, p.status, p.started_at, p.updated_at, p.last_error"
constexpr const char* kActiveBackfills =
    "SELECT p.repository, " BACKFILL_SUMMARY_COLUMNS
    " FROM active_backfills p ORDER BY lower(p.repository)";
constexpr const char* kActiveBackfillOf =
    "SELECT p.repository, " BACKFILL_SUMMARY_COLUMNS
    " FROM active_backfills p WHERE lower(p.repository) = ?1";
constexpr const char* kAllBackfills =
    "SELECT r.owner || '/' || r.name, " BACKFILL_SUMMARY_COLUMNS
    " FROM backfill_progress p JOIN repositories r ON r.id = p.repository_id"
    " ORDER BY lower(r.owner), lower(r.name)";
constexpr const char* kAllBackfillOf =
    "SELECT r.owner || '/' || r.name, " BACKFILL_SUMMARY_COLUMNS
    " FROM backfill_progress p JOIN repositories r ON r.id = p.repository_id"
    " WHERE lower(r.owner) || '/' || lower(r.name) = ?1";
#undef BACKFILL_SUMMARY_COLUMNS

Repository repository_from(const Query& q) {
  return Repository{q.column_text(0), q.column_optional_int(1).value_or(0),
                    RepoName{q.column_text(2), q.column_text(3)}};
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : lock_path_(path + ".locks"), db_(path) {}

std::vector<std::string> SqliteStore::migrate() {
  std::vector<std::string> applied;
  for (const auto& migration : migrations_for("sqlite")) {
    // The write lock serializes concurrent migrators: the second one waits,
    // then finds the version recorded and skips it.
    WriteTransaction tx(db_);
    db_.exec(kCreateSchemaMigrations);
    {
      Query done = db_.query(kMigrationApplied);
      if (done.text(1, migration.version).step()) continue;
    }
    db_.exec(migration.sql);
    db_.query(kRecordMigration).text(1, migration.version).run();
    tx.commit();
    applied.emplace_back(migration.version);
  }
  return applied;
}

std::unique_ptr<RepositoryLock> SqliteStore::try_lock_repository(const RepoName& repo) {
  return sqlite::try_lock_repository_file(lock_path_, repository_lock_key(repo));
}

std::optional<Repository> SqliteStore::find_repository(const RepoName& repo) {
  Query q = db_.query(kFindRepository);
  q.text(1, repo.owner).text(2, repo.name);
  if (!q.step()) return std::nullopt;
  return repository_from(q);
}

Repository SqliteStore::upsert_repository(std::int64_t github_id, const RepoName& name,
                                          const std::string& now) {
  const RepoName clean{strip_nul(name.owner), strip_nul(name.name)};
  WriteTransaction tx(db_);
  std::optional<Repository> existing;
  {
    Query q = db_.query(kRepositoryByGithubId);
    if (q.integer(1, github_id).step()) existing = repository_from(q);
  }
  if (!existing) {
    // A row made under this name before its GitHub id was known is adopted;
    // one that belongs to another GitHub repository is not ours to take.
    existing = find_repository(clean);
    if (existing && existing->github_id != 0 && existing->github_id != github_id) {
      throw FatalError("repository " + clean.full() + " is stored with GitHub id " +
                       std::to_string(existing->github_id) + " but GitHub now reports id " +
                       std::to_string(github_id) + " (deleted and re-created?)");
    }
  }
  Repository result{existing ? existing->id : uuids_.next(), github_id, clean};
  db_.query(existing ? kUpdateRepository : kInsertRepository)
      .text(1, result.id)
      .integer(2, github_id)
      .text(3, clean.owner)
      .text(4, clean.name)
      .text(5, now)
      .run();
  tx.commit();
  return result;
}

std::optional<Progress> SqliteStore::load_progress(const std::string& repository_id) {
  Query q = db_.query(kLoadProgress);
  if (!q.text(1, repository_id).step()) return std::nullopt;
  Progress p;
  p.repository_id = q.column_text(0);
  p.cursor = q.column_optional_text(1);
  p.total_processed = q.column_int(2);
  p.total_expected = q.column_optional_int(3);
  p.status = status_from_string(q.column_text(4));
  p.last_error = q.column_optional_text(5);
  p.error_count = q.column_int(6);
  p.started_at = q.column_optional_text(7);
  p.updated_at = q.column_optional_text(8);
  p.completed_at = q.column_optional_text(9);
  return p;
}

void SqliteStore::begin_run(const std::string& repository_id, std::int64_t total_expected,
                            bool restart, const std::string& now) {
  WriteTransaction tx(db_);
  db_.query(kBeginRun)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .integer(3, total_expected)
      .text(4, now)
      .integer(5, restart ? 1 : 0)
      .run();
  tx.commit();
}

std::int64_t SqliteStore::upsert_chunk(const ChunkWrite& chunk) {
  const ChunkRows rows = chunk_rows(chunk);
  WriteTransaction tx(db_);
  for (const auto& author : rows.authors) {
    db_.query(kUpsertContributor)
        .text(1, uuids_.next())
        .integer(2, author.github_id)
        .text(3, author.login)
        .text(4, author.avatar_url)
        .text(5, author.type)
        .text(6, rows.now)
        .run();
  }
  std::int64_t inserted = 0;
  for (const auto& pr : rows.pulls) {
    // Counting the PRs that are new makes total_processed exact without a
    // count(*) over the whole repository per chunk.
    if (!db_.query(kPullExists).integer(1, pr.github_id).step()) ++inserted;
    db_.query(kUpsertPull)
        .text(1, uuids_.next())
        .integer(2, pr.github_id)
        .text(3, chunk.repository_id)
        .integer(4, pr.number)
        .text(5, pr.title)
        .text(6, pr.body)
        .text(7, pr.state)
        .integer(8, pr.draft ? 1 : 0)
        .integer(9, pr.author_github_id)
        .text(10, pr.created_at)
        .text(11, pr.updated_at)
        .text(12, pr.closed_at)
        .text(13, pr.merged_at)
        .text(14, pr.merge_commit_sha)
        .text(15, pr.head_ref)
        .text(16, pr.base_ref)
        .text(17, pr.html_url)
        .text(18, rows.now)
        .run();
  }
  std::int64_t total = 0;
  {
    Query q = db_.query(kAdvanceProgress);
    q.text(1, uuids_.next())
        .text(2, chunk.repository_id)
        .text(3, rows.cursor)
        .integer(4, inserted)
        .text(5, rows.now);
    if (!q.step()) throw FatalError("SQLite " + db_.path() + ": progress row not written");
    total = q.column_int(0);
  }
  tx.commit();
  return total;
}

void SqliteStore::finish_run(const std::string& repository_id, Status status,
                             const std::optional<std::string>& error, const std::string& now) {
  if (status == Status::kPending || status == Status::kInProgress) {
    throw std::invalid_argument("finish_run: a run cannot end as " + to_string(status));
  }
  const std::optional<std::string> kept_error =
      status == Status::kCompleted ? std::nullopt : strip_nul(error);
  WriteTransaction tx(db_);
  db_.query(kFinishRun)
      .text(1, uuids_.next())
      .text(2, repository_id)
      .text(3, to_string(status))
      .text(4, kept_error)
      .text(5, now)
      .run();
  tx.commit();
}

std::vector<BackfillSummary> SqliteStore::backfills(const std::optional<RepoName>& repo,
                                                    bool include_all) {
  const char* sql = include_all ? (repo ? kAllBackfillOf : kAllBackfills)
                                : (repo ? kActiveBackfillOf : kActiveBackfills);
  Query q = db_.query(sql);
  if (repo) q.text(1, repo->key());
  std::vector<BackfillSummary> out;
  while (q.step()) {
    BackfillSummary s;
    s.repository = q.column_text(0);
    s.total_processed = q.column_int(1);
    s.total_expected = q.column_optional_int(2);
    s.status = status_from_string(q.column_text(3));
    s.started_at = q.column_optional_text(4);
    s.updated_at = q.column_optional_text(5);
    s.last_error = q.column_optional_text(6);
    out.push_back(std::move(s));
  }
  return out;
}

std::int64_t SqliteStore::count_pulls(const std::string& repository_id) {
  Query q = db_.query(kCountPulls);
  q.text(1, repository_id).step();
  return q.column_int(0);
}

}  // namespace backfill::store
