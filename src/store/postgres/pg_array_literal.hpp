#pragma once
// Builds the text form of a PostgreSQL array ('{"a","b",NULL}') so that a
// whole chunk travels as a handful of array parameters to one
// INSERT ... SELECT FROM unnest(...) statement: one round trip per table
// instead of one per row, and no SQL built from data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace backfill::store::postgres {

class ArrayLiteral {
 public:
  void add_text(std::string_view value);  // any bytes except NUL
  void add_text(const std::string& value) { add_text(std::string_view(value)); }
  void add_text(const std::optional<std::string>& value);
  void add_int(std::int64_t value);
  void add_int(const std::optional<std::int64_t>& value);
  void add_bool(bool value);
  void add_null();

  std::string str() const { return text_ + "}"; }

 private:
  void separate();
  std::string text_ = "{";
};

}  // namespace backfill::store::postgres
