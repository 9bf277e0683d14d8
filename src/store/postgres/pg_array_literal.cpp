#include "store/postgres/pg_array_literal.hpp"

namespace backfill::store::postgres {

void ArrayLiteral::separate() {
  if (text_.size() > 1) text_.push_back(',');
}

void ArrayLiteral::add_text(std::string_view value) {
  // Always quoted, so that "NULL", "" and values with spaces, commas or
  // braces are plain strings; inside quotes only '"' and '\' are special.
  separate();
  text_.reserve(text_.size() + value.size() + 2);
  text_.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') text_.push_back('\\');
    text_.push_back(c);
  }
  text_.push_back('"');
}

void ArrayLiteral::add_text(const std::optional<std::string>& value) {
  if (value) {
    add_text(std::string_view(*value));
  } else {
    add_null();
  }
}

void ArrayLiteral::add_int(std::int64_t value) {
  separate();
  text_ += std::to_string(value);
}

void ArrayLiteral::add_int(const std::optional<std::int64_t>& value) {
  if (value) {
    add_int(*value);
  } else {
    add_null();
  }
}

void ArrayLiteral::add_bool(bool value) {
  separate();
  text_.push_back(value ? 't' : 'f');
}

void ArrayLiteral::add_null() {
  separate();
  text_ += "NULL";
}

}  // namespace backfill::store::postgres
