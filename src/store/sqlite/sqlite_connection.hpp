#pragma once
// A thin RAII layer over libsqlite3: one connection, its prepared statements
// cached for its lifetime, and write transactions that roll back unless
// committed. Every error becomes a FatalError naming the database file.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace backfill::store::sqlite {

class Query;

// kReadOnly: SQLITE_OPEN_READONLY and query_only, for readers that must never
// write (backfill serve); the file must exist, nothing is set up in it.
enum class OpenMode { kReadWrite, kReadOnly };

class Connection {
 public:
  // Opens (creating if needed) with WAL, synchronous=NORMAL, foreign keys on
  // and a busy timeout, so concurrent writers wait instead of failing.
  explicit Connection(const std::string& path, OpenMode mode = OpenMode::kReadWrite);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (migrations, pragmas).
  void exec(const char* sql);

  // The cached statement for `sql`, which must be a string literal: the
  // cache is keyed by its address, so each call site prepares once.
  Query query(const char* sql);

  [[noreturn]] void fail(const std::string& doing) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// A cached statement in use: bind, step, read; reset when it goes out of
// scope so it never keeps a read snapshot or a transaction busy.
class Query {
 public:
  Query(Connection& connection, sqlite3_stmt* statement);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // 1-based parameter indexes, as in the SQL (?1, ?2 ...).
  Query& text(int index, std::string_view value);
  Query& text(int index, const std::string& value) { return text(index, std::string_view(value)); }
  Query& text(int index, const char* value) { return text(index, std::string_view(value)); }
  Query& text(int index, const std::optional<std::string>& value);
  Query& integer(int index, std::int64_t value);
  Query& integer(int index, const std::optional<std::int64_t>& value);
  Query& null(int index);

  bool step();  // true while a row is available
  void run();   // steps to completion, ignoring rows

  // 0-based result columns.
  std::int64_t column_int(int column) const;
  std::optional<std::int64_t> column_optional_int(int column) const;
  std::string column_text(int column) const;  // "" when NULL
  std::optional<std::string> column_optional_text(int column) const;
  bool column_is_null(int column) const;

 private:
  Connection& connection_;
  sqlite3_stmt* statement_;
};

// BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (waiting under
// the busy timeout) instead of failing later on a read-to-write upgrade.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& connection);
  ~WriteTransaction();  // rolls back unless committed
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace backfill::store::sqlite
