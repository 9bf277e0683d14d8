#pragma once
// What the PostgreSQL store's source files share: the connection behind the
// pimpl and the reader of result rows. libpqxx stays inside src/store/postgres.
#include <pqxx/pqxx>

#include <cctype>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "backfill/core/errors.hpp"
#include "store/error_text.hpp"
#include "store/postgres/pg_connect.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/statement_interrupt.hpp"
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

// Connects to `url` (pg_connect.hpp). Throws FatalError naming the server
// (without the password) and why, or Cancelled after a stop request.
std::unique_ptr<Connection> connect(const std::string& url);

// Why `e` ended a call on `db`, as the program's exception: Cancelled when a
// stop request cut it short, ConnectionLost when the connection broke (or a
// commit's outcome is unknown), else FatalError; one line, no secrets.
[[noreturn]] void rethrow_as_program_error(const std::string& url, pqxx::connection_base& db,
                                           const pqxx::failure& e);

// Runs `work` on `db` so that a stop request can interrupt it
// (statement_interrupt.hpp), with libpqxx failures as the program's.
template <typename Work>
auto interruptible(const std::string& url, pqxx::connection_base& db, Work&& work)
    -> decltype(work()) {
  try {
    InterruptibleStatement in_flight(db.sock());
    return work();
  } catch (const pqxx::failure& e) {
    rethrow_as_program_error(url, db, e);
  }
}

// A connection of its own, with the statements it prepares, that outlives
// a broken connection: the next call connects again (and raises
// ConnectionLost while it cannot).
struct Session {
  using Prepare = std::function<void(pqxx::connection_base&)>;

  explicit Session(const std::string& database_url, Prepare prepare_statements = {})
      : url(database_url), prepare(std::move(prepare_statements)), db(connect(url)) {
    if (prepare) prepare(*db);
  }

  template <typename Work>
  auto guarded(Work&& work) -> decltype(work()) {
    reconnect_if_broken();
    return interruptible(url, *db, std::forward<Work>(work));
  }

  void reconnect_if_broken();

  std::string url;
  Prepare prepare;
  std::unique_ptr<Connection> db;
};

// Registers the statements of postgres_store.cpp / postgres_registry.cpp.
void prepare_core_statements(pqxx::connection_base& db);
void prepare_registry_statements(pqxx::connection_base& db);
void prepare_refresh_statements(pqxx::connection_base& db);        // postgres_refresh.cpp
void prepare_depth_statements(pqxx::connection_base& db);          // postgres_depth.cpp
void prepare_depth_refresh_statements(pqxx::connection_base& db);  // postgres_depth_refresh.cpp
void prepare_stream_statements(pqxx::connection_base& db);         // postgres_streams.cpp

// upsert_repository's work inside the caller's transaction.
Repository upsert_repository_row(pqxx::work& tx, std::int64_t github_id, const RepoName& name,
                                 const std::string& now);

}  // namespace postgres

struct PostgresStore::Impl : postgres::Session {
  explicit Impl(const std::string& database_url)
      : Session(database_url, [](pqxx::connection_base& db) {
          postgres::prepare_core_statements(db);
          postgres::prepare_registry_statements(db);
          postgres::prepare_refresh_statements(db);
          postgres::prepare_depth_statements(db);
          postgres::prepare_stream_statements(db);
          postgres::prepare_depth_refresh_statements(db);
        }) {}
};

}  // namespace backfill::store
