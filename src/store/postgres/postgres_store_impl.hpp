#pragma once
// What the PostgreSQL store's source files share: the connection behind the
// pimpl and the reader of result rows. libpqxx stays inside src/store/postgres.
#include <pqxx/pqxx>

#include <cctype>
#include <memory>
#include <optional>
#include <string>

#include "backfill/core/errors.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/error_text.hpp"
#include "store/row_mapping.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace postgres {

// The reader of one result row for store/row_mapping.hpp.
struct Columns {
  const pqxx::row& row;
  std::string text(int i) const { return row[i].as<std::string>(); }
  std::optional<std::string> optional_text(int i) const {
    if (row[i].is_null()) return std::nullopt;
    return std::string(row[i].c_str(), row[i].size());
  }
  std::int64_t integer(int i) const { return row[i].as<std::int64_t>(); }
  std::optional<std::int64_t> optional_integer(int i) const {
    if (row[i].is_null()) return std::nullopt;
    return row[i].as<std::int64_t>();
  }
  bool boolean(int i) const { return row[i].as<bool>(); }
  bool is_null(int i) const { return row[i].is_null(); }
};

// libpq messages end in newlines; ours are single log lines.
inline std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

std::unique_ptr<pqxx::connection> connect(const std::string& url);  // throws FatalError

// A connection of its own and the URL it came from, whose failures reach
// the rest of the program as FatalError without secrets.
struct Session {
  explicit Session(const std::string& database_url) : url(database_url), db(connect(url)) {}

  // Runs `work`, turning libpqxx failures into FatalError without secrets.
  template <typename Work>
  auto guarded(Work&& work) -> decltype(work()) {
    try {
      return work();
    } catch (const pqxx::failure& e) {
      // One line: the rest of a PostgreSQL error (DETAIL, CONTEXT, the
      // statement itself) is not for logs or last_error.
      throw FatalError(scrub_database_error(url, short_error("PostgreSQL: " + std::string(e.what()))));
    }
  }

  std::string url;
  std::unique_ptr<pqxx::connection> db;
};

// Registers the statements of postgres_store.cpp / postgres_registry.cpp.
void prepare_core_statements(pqxx::connection& db);
void prepare_registry_statements(pqxx::connection& db);

// upsert_repository's work inside the caller's transaction.
Repository upsert_repository_row(pqxx::work& tx, std::int64_t github_id, const RepoName& name,
                                 const std::string& now);

}  // namespace postgres

struct PostgresStore::Impl : postgres::Session {
  explicit Impl(const std::string& database_url) : Session(database_url) {
    postgres::prepare_core_statements(*db);
    postgres::prepare_registry_statements(*db);
  }
};

}  // namespace backfill::store
