#pragma once
// A validating, non-allocating JSON scanner for pull-request pages.
//
// Why not nlohmann: a page of 100 pulls is 1–2 MB, almost all of it the
// head/base repository objects we throw away. A DOM or SAX parse decodes and
// allocates every one of those strings; this scanner walks them with SSE2 and
// only decodes the few strings we keep. It is still a full JSON validator
// (grammar, string escapes, \u surrogate pairs, UTF-8, control characters),
// so a truncated or garbled reply is rejected, never half-read.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace backfill::github::json {

class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

  [[noreturn]] void fail(const char* what) const;

  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  // The next byte after whitespace, or '\0' at the end (never a valid token
  // start, so it falls through to the error paths).
  char peek() {
    skip_ws();
    return p_ < end_ ? *p_ : '\0';
  }
  bool at_end() {
    skip_ws();
    return p_ == end_;
  }
  bool consume(char c) {
    if (peek() != c) return false;
    ++p_;
    return true;
  }
  void expect(char c, const char* what) {
    if (!consume(c)) fail(what);
  }
  void skip_byte_order_mark() {
    if (end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
  }

  // Calls on_member(key) for each member of the object at the cursor; the
  // callback must consume the value (read_* or skip_value).
  template <typename OnMember>
  void for_each_member(OnMember&& on_member, int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    expect('{', "expected an object");
    if (consume('}')) return;
    do {
      if (peek() != '"') fail("expected an object key");
      std::string_view key = read_key();
      expect(':', "expected ':' after an object key");
      on_member(key);
    } while (consume(','));
    expect('}', "expected ',' or '}' in an object");
  }
  // Same for the elements of an array.
  template <typename OnElement>
  void for_each_element(OnElement&& on_element, int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    expect('[', "expected an array");
    if (consume(']')) return;
    do {
      on_element();
    } while (consume(','));
    expect(']', "expected ',' or ']' in an array");
  }

  void skip_value(int depth);
  bool consume_null();
  // Typed readers: a value of another JSON type is a garbled reply.
  void read_string(std::string& out);  // null reads as ""
  std::int64_t read_int64();           // integers only, no fraction/exponent
  bool read_bool_or_null();            // null reads as false

  static constexpr int kMaxDepth = 512;

 private:
  std::string_view read_key();
  template <bool kDecode>
  void scan_string(std::string* out);
  void scan_escape(std::string* out);
  void scan_utf8_sequence();
  unsigned read_hex4();
  void skip_number();
  void skip_literal(std::string_view literal);

  const char* begin_;
  const char* p_;
  const char* end_;
  std::string key_buffer_;  // keys with escapes, decoded
};

// A REST listing page: a JSON array whose elements `read_item` reads one
// by one from the scanner; `what` ("pulls", "review comments") names it in
// the errors. Nothing may follow the array.
template <class Item, class ReadItem>
std::vector<Item> parse_array_page(std::string_view json_text, const std::string& what,
                                   ReadItem read_item) {
  Scanner in(json_text);
  in.skip_byte_order_mark();
  if (in.peek() != '[') in.fail(("the " + what + " page is not a JSON array").c_str());
  std::vector<Item> items;
  items.reserve(100);
  in.for_each_element([&] { items.push_back(read_item(in)); }, 1);
  if (!in.at_end()) in.fail(("unexpected data after the " + what + " array").c_str());
  return items;
}

}  // namespace backfill::github::json
