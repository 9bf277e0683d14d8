#include <cctype>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace backfill::store {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// "scheme" of "scheme://...", when the text before "://" is a URL scheme
// (RFC 3986: a letter, then letters, digits, '+', '-' or '.').
std::optional<std::string> url_scheme(const std::string& url) {
  auto end = url.find("://");
  if (end == std::string::npos || end == 0) return std::nullopt;
  if (!std::isalpha(static_cast<unsigned char>(url[0]))) return std::nullopt;
  for (std::size_t i = 1; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  return url.substr(0, end);
}

}  // namespace

Backend backend_for_url(const std::string& database_url) {
  if (starts_with(database_url, "postgres://") || starts_with(database_url, "postgresql://")) {
    return Backend::kPostgres;
  }
  if (database_url.empty()) throw UsageError("the database URL is empty");
  if (!starts_with(database_url, "sqlite:")) {
    if (auto scheme = url_scheme(database_url)) {
      throw UsageError("unsupported database URL scheme \"" + *scheme +
                       "://\": use postgres://, postgresql://, sqlite:PATH or a file path");
    }
  }
  sqlite_path_for_url(database_url);  // validates the path
  return Backend::kSqlite;
}

std::string sqlite_path_for_url(const std::string& database_url) {
  std::string path = database_url;
  if (starts_with(database_url, "sqlite://")) {
    path = database_url.substr(9);  // sqlite:///abs -> /abs, sqlite://rel -> rel
  } else if (starts_with(database_url, "sqlite:")) {
    path = database_url.substr(7);
  } else if (auto scheme = url_scheme(database_url)) {
    throw UsageError("not a SQLite database URL (scheme \"" + *scheme + "://\")");
  }
  if (path.empty()) throw UsageError("the SQLite database URL names no file");
  return path;
}

std::unique_ptr<Store> open_store(const std::string& database_url) {
  switch (backend_for_url(database_url)) {
    case Backend::kPostgres:
      return std::make_unique<PostgresStore>(database_url);
    case Backend::kSqlite:
      return std::make_unique<SqliteStore>(sqlite_path_for_url(database_url));
  }
  throw UsageError("unsupported database URL");
}

}  // namespace backfill::store
