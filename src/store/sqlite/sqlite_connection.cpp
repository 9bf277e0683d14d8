#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include "backfill/core/errors.hpp"

namespace backfill::store::sqlite {

namespace {
constexpr int kBusyTimeoutMs = 30000;
// A reader gives up sooner: a page can say the database is busy and try again.
constexpr int kReaderBusyTimeoutMs = 1000;
constexpr const char* kBegin = "BEGIN IMMEDIATE";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
}  // namespace

Connection::Connection(const std::string& path, OpenMode mode) : path_(path) {
  // NOMUTEX: a connection is used by one thread at a time, so SQLite's own
  // per-call mutex would be pure overhead.
  const int access = mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, access | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw FatalError("cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, mode == OpenMode::kReadOnly ? kReaderBusyTimeoutMs : kBusyTimeoutMs);
  if (mode == OpenMode::kReadOnly) {
    // A WAL reader never waits for the writer; setting the journal mode
    // would be a write.
    try {
      exec("PRAGMA query_only=ON;");
    } catch (...) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
    return;
  }
  try {
    // WAL lets readers (status) run beside the writer; with NORMAL a commit
    // survives a process crash and at worst the last commits are lost on
    // power failure, never corrupted. Only checkpoints fsync, so checkpointing
    // every 32 MB of WAL instead of 4 MB makes bulk loads much less
    // sensitive to slow disks. The page cache stays at SQLite's 2 MB: a
    // larger one bought no speed (bench/run.sh) and made peak memory grow
    // with the size of the repository.
    exec(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        " PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=8192;");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Connection::~Connection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw FatalError("SQLite " + path_ + ": " + message);
  }
}

Query Connection::query(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK) {
      fail("preparing a statement");
    }
    found = statements_.emplace(sql, statement).first;
  }
  return Query(*this, found->second);
}

void Connection::fail(const std::string& doing) const {
  throw FatalError("SQLite " + path_ + ": " + sqlite3_errmsg(db_) + " (" + doing + ")");
}

Query::Query(Connection& connection, sqlite3_stmt* statement)
    : connection_(connection), statement_(statement) {}

Query::~Query() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Query& Query::text(int index, std::string_view value) {
  if (sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    connection_.fail("binding a parameter");
  }
  return *this;
}

Query& Query::text(int index, const std::optional<std::string>& value) {
  return value ? text(index, std::string_view(*value)) : null(index);
}

Query& Query::integer(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
    connection_.fail("binding a parameter");
  }
  return *this;
}

Query& Query::integer(int index, const std::optional<std::int64_t>& value) {
  return value ? integer(index, *value) : null(index);
}

Query& Query::null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) connection_.fail("binding a parameter");
  return *this;
}

bool Query::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_.fail(std::string("running: ") + sqlite3_sql(statement_));
}

void Query::run() {
  while (step()) {
  }
}

std::int64_t Query::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

bool Query::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Query::column_optional_int(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int(column);
}

std::string Query::column_text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::string> Query::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

WriteTransaction::WriteTransaction(Connection& connection) : connection_(connection) {
  connection_.query(kBegin).run();
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    connection_.query(kRollback).run();
  } catch (...) {
    // Some errors (disk full, I/O) already rolled the transaction back.
  }
}

void WriteTransaction::commit() {
  connection_.query(kCommit).run();
  open_ = false;
}

}  // namespace backfill::store::sqlite
