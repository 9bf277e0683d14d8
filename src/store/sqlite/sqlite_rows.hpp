#pragma once
// The SQLite reader of one result row for store/row_mapping.hpp.
#include "store/row_mapping.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace backfill::store::sqlite {

struct Columns {
  const Query& q;
  std::string text(int i) const { return q.column_text(i); }
  std::optional<std::string> optional_text(int i) const { return q.column_optional_text(i); }
  std::int64_t integer(int i) const { return q.column_int(i); }
  std::optional<std::int64_t> optional_integer(int i) const { return q.column_optional_int(i); }
  bool boolean(int i) const { return q.column_optional_int(i).value_or(0) != 0; }
  bool is_null(int i) const { return q.column_is_null(i); }
};

}  // namespace backfill::store::sqlite
