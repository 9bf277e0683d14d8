#include <cctype>

#include "backfill/core/errors.hpp"
#include "backfill/store/store.hpp"
#include "store/conninfo.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/url_secrets.hpp"

namespace backfill::store {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// "scheme" of "scheme:...", when the text before the first ':' is a URL
// scheme (RFC 3986: a letter, then letters, digits, '+', '-' or '.'). A path
// with a '/' (or anything else) before its first ':' has none.
std::optional<std::string> scheme_of(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  if (!std::isalpha(static_cast<unsigned char>(url[0]))) return std::nullopt;
  for (std::size_t i = 1; i < colon; ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  return url.substr(0, colon);
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The URL as a message may show it: no password, and not endless.
std::string shown(const std::string& url) {
  constexpr std::size_t kMax = 120;
  std::string text = database_url_for_messages(url);
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return "'" + text + "'";
}

}  // namespace

Backend backend_for_url(const std::string& database_url) {
  if (starts_with(database_url, "postgres://") || starts_with(database_url, "postgresql://")) {
    return Backend::kPostgres;
  }
  if (database_url.empty()) throw UsageError("the database URL is empty");
  if (starts_with(database_url, "sqlite:")) {
    sqlite_path_for_url(database_url);  // validates the path
    return Backend::kSqlite;
  }
  if (parse_conninfo(database_url)) return Backend::kPostgres;  // host=... dbname=...
  // Anything else that starts like a URL is one we cannot use, mistyped or
  // foreign: refused before a file of that name could be created.
  if (auto scheme = scheme_of(database_url)) {
    const std::string scheme_name = lower(*scheme);
    if (scheme_name == "postgres" || scheme_name == "postgresql") {
      throw UsageError(shown(database_url) +
                       " is not a valid URL: PostgreSQL URLs start with postgres:// or "
                       "postgresql://");
    }
    const bool slashes = database_url.compare(scheme->size(), 3, "://") == 0;
    throw UsageError(shown(database_url) + " is not a database URL backfill can use" +
                     (slashes ? " (scheme \"" + *scheme + "://\")" : std::string()) +
                     ": use postgres://, postgresql://, sqlite:PATH or a file path (a file whose "
                     "name has ':' before any '/' is written sqlite:PATH or ./PATH)");
  }
  return Backend::kSqlite;  // a bare path
}

std::string sqlite_path_for_url(const std::string& database_url) {
  std::string path = database_url;
  if (starts_with(database_url, "sqlite://")) {
    path = database_url.substr(9);  // sqlite:///abs -> /abs, sqlite://rel -> rel
  } else if (starts_with(database_url, "sqlite:")) {
    path = database_url.substr(7);
  } else if (auto scheme = scheme_of(database_url)) {
    throw UsageError("not a SQLite database URL (scheme \"" + *scheme + ":\")");
  }
  if (path.empty()) throw UsageError("the SQLite database URL names no file");
  return path;
}

std::unique_ptr<Store> open_store(const std::string& database_url) {
  // Whoever opens a database may log about it afterwards: its password is
  // hidden from then on, whatever the outcome.
  register_database_secrets(database_url);
  switch (backend_for_url(database_url)) {
    case Backend::kPostgres: return std::make_unique<PostgresStore>(database_url);
    case Backend::kSqlite: return std::make_unique<SqliteStore>(sqlite_path_for_url(database_url));
  }
  throw UsageError("unsupported database URL");
}

}  // namespace backfill::store
