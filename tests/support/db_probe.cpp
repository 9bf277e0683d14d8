#include "support/db_probe.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>

#include "backfill/store/store.hpp"

namespace backfill::testing {

namespace {

using SqliteHandle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

SqliteHandle open_sqlite(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  return SqliteHandle(db, sqlite3_close);
}

std::vector<Row> query_sqlite(const std::string& path, const std::string& sql) {
  const SqliteHandle guard = open_sqlite(path, SQLITE_OPEN_READONLY);
  sqlite3* db = guard.get();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("bad query: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt_guard(stmt, sqlite3_finalize);
  std::vector<Row> rows;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    Row row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
        row.push_back(std::nullopt);
      } else {
        auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        row.push_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string("query failed: ") + sqlite3_errmsg(db));
  return rows;
}

std::vector<Row> query_postgres(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql.c_str()), PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("query failed: ") + PQerrorMessage(conn.get()));
  }
  std::vector<Row> rows;
  for (int r = 0; r < PQntuples(res.get()); ++r) {
    Row row;
    for (int c = 0; c < PQnfields(res.get()); ++c) {
      if (PQgetisnull(res.get(), r, c)) {
        row.push_back(std::nullopt);
      } else {
        row.push_back(std::string(PQgetvalue(res.get(), r, c),
                                  static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void execute_sqlite(const std::string& path, const std::string& sql) {
  const SqliteHandle db = open_sqlite(path, SQLITE_OPEN_READWRITE);
  char* error = nullptr;
  if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("statement failed: " + message);
  }
}

void execute_postgres(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("cannot connect: ") + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql.c_str()), PQclear);
  const auto status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("statement failed: ") + PQerrorMessage(conn.get()));
  }
}

}  // namespace

void execute_statement(const std::string& database_url, const std::string& sql) {
  if (store::backend_for_url(database_url) == store::Backend::kPostgres) {
    return execute_postgres(database_url, sql);
  }
  execute_sqlite(store::sqlite_path_for_url(database_url), sql);
}

std::vector<Row> query(const std::string& database_url, const std::string& sql) {
  if (store::backend_for_url(database_url) == store::Backend::kPostgres) {
    return query_postgres(database_url, sql);
  }
  return query_sqlite(store::sqlite_path_for_url(database_url), sql);
}

std::optional<std::string> query_value(const std::string& database_url, const std::string& sql) {
  auto rows = query(database_url, sql);
  if (rows.empty() || rows[0].empty()) throw std::runtime_error("no value from: " + sql);
  return rows[0][0];
}

std::int64_t query_int(const std::string& database_url, const std::string& sql) {
  auto v = query_value(database_url, sql);
  if (!v) throw std::runtime_error("NULL from: " + sql);
  return std::stoll(*v);
}

std::vector<std::int64_t> query_ints(const std::string& database_url, const std::string& sql) {
  std::vector<std::int64_t> out;
  for (const auto& row : query(database_url, sql)) out.push_back(std::stoll(row.at(0).value()));
  return out;
}

}  // namespace backfill::testing
