#pragma once
// libpq's keyword/value connection strings ("host=db port=5432 dbname=prs
// password='a b'"), which libpq takes wherever it takes a postgres:// URI.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backfill::store {

struct ConninfoSetting {
  std::string keyword;
  std::string written;  // the value as in the text, without its quotes
  std::string value;    // the value as libpq reads it (escapes resolved)
};

// The settings of `text` when it is a keyword/value string, i.e. when its
// first word is a libpq keyword followed by '=' ("a=b.db" is a file name);
// nullopt otherwise. Read as libpq reads it: blanks around '=', values bare
// or single-quoted, backslash escapes. An unterminated quote runs to the end.
std::optional<std::vector<ConninfoSetting>> parse_conninfo(std::string_view text);

}  // namespace backfill::store
