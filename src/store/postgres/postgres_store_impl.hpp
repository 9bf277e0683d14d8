#pragma once
// What the PostgreSQL store's source files share: the connection behind the
// pimpl and the readers of domain rows. libpqxx stays inside src/store/postgres.
#include <pqxx/pqxx>

#include <cctype>
#include <memory>
#include <optional>
#include <string>

#include "backfill/core/errors.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace postgres {

inline std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return std::string(f.c_str(), f.size());
}

inline std::optional<std::int64_t> optional_int(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::int64_t>();
}

// Columns first..first+3: id, github_id, owner, name.
inline Repository repository_from(const pqxx::row& r, int first = 0) {
  return Repository{r[first].as<std::string>(), optional_int(r[first + 1]).value_or(0),
                    RepoName{r[first + 2].as<std::string>(), r[first + 3].as<std::string>()}};
}

// Columns first..first+10, in the order of sql::kLoadProgress.
inline Progress progress_from(const pqxx::row& row, int first = 0) {
  Progress p;
  p.repository_id = row[first].as<std::string>();
  p.cursor = optional_text(row[first + 1]);
  p.total_processed = row[first + 2].as<std::int64_t>();
  p.total_expected = optional_int(row[first + 3]);
  p.status = status_from_string(row[first + 4].as<std::string>());
  p.last_error = optional_text(row[first + 5]);
  p.error_count = row[first + 6].as<std::int64_t>();
  p.started_at = optional_text(row[first + 7]);
  p.updated_at = optional_text(row[first + 8]);
  p.completed_at = optional_text(row[first + 9]);
  p.resume_after = optional_text(row[first + 10]);
  return p;
}

// libpq messages end in newlines; ours are single log lines.
inline std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

std::unique_ptr<pqxx::connection> connect(const std::string& url);  // throws FatalError

// Registers the statements of postgres_store.cpp / postgres_registry.cpp.
void prepare_core_statements(pqxx::connection& db);
void prepare_registry_statements(pqxx::connection& db);

// upsert_repository's work inside the caller's transaction.
Repository upsert_repository_row(pqxx::work& tx, std::int64_t github_id, const RepoName& clean,
                                 const std::string& now);

}  // namespace postgres

struct PostgresStore::Impl {
  explicit Impl(const std::string& database_url) : url(database_url), db(postgres::connect(url)) {
    postgres::prepare_core_statements(*db);
    postgres::prepare_registry_statements(*db);
  }

  // Runs `work`, turning libpqxx failures into FatalError without secrets.
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
};

}  // namespace backfill::store
