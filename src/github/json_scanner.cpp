#include "github/json_scanner.hpp"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace backfill::github::json {
namespace {

// Bytes that end a plain run inside a string: the quote, the backslash,
// control characters (invalid unescaped) and non-ASCII (UTF-8 to validate).
constexpr bool is_special(unsigned char c) {
  return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

// First special byte in [p, end), or end. Strings are where nearly all the
// bytes of a page are, so this loop is the parser's speed.
inline const char* find_special(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes >= 0x80 are negative, so one compare catches
    // both control characters and non-ASCII.
    __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmplt_epi8(v, space));
    int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && !is_special(static_cast<unsigned char>(*p))) ++p;
  return p;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

void Scanner::fail(const char* what) const {
  throw std::runtime_error("invalid JSON at byte " + std::to_string(p_ - begin_) + ": " + what);
}

std::string_view Scanner::read_key() {
  // Keys are plain ASCII in practice: hand out a view into the input and
  // only decode into key_buffer_ when there is something to decode.
  const char* start = p_ + 1;
  const char* stop = find_special(start, end_);
  if (stop < end_ && *stop == '"') {
    p_ = stop + 1;
    return {start, static_cast<std::size_t>(stop - start)};
  }
  key_buffer_.clear();
  scan_string<true>(&key_buffer_);
  return key_buffer_;
}

template <bool kDecode>
void Scanner::scan_string(std::string* out) {
  ++p_;  // opening quote
  const char* run = p_;
  while (true) {
    p_ = find_special(p_, end_);
    if (p_ == end_) fail("unterminated string");
    unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      if constexpr (kDecode) out->append(run, p_);
      ++p_;
      return;
    }
    if (c == '\\') {
      if constexpr (kDecode) out->append(run, p_);
      scan_escape(kDecode ? out : nullptr);
      run = p_;
    } else if (c < 0x20) {
      fail("unescaped control character in string");
    } else {
      scan_utf8_sequence();  // valid bytes stay part of the current run
    }
  }
}

unsigned Scanner::read_hex4() {
  if (end_ - p_ < 4) fail("truncated \\u escape");
  unsigned value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = *p_++;
    value <<= 4;
    if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
    else fail("invalid hex digit in \\u escape");
  }
  return value;
}

void Scanner::scan_escape(std::string* out) {
  ++p_;  // backslash
  if (p_ == end_) fail("unterminated string");
  char c = *p_++;
  char plain;
  switch (c) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': {
      std::uint32_t cp = read_hex4();
      if (cp >= 0xDC00 && cp <= 0xDFFF) fail("lone low surrogate in \\u escape");
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        // A character outside the BMP: JSON spells it as a UTF-16 pair.
        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
          fail("high surrogate without its low surrogate");
        p_ += 2;
        std::uint32_t low = read_hex4();
        if (low < 0xDC00 || low > 0xDFFF) fail("high surrogate without its low surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      if (out) append_utf8(*out, cp);  // \u0000 stays a NUL byte
      return;
    }
    default: fail("invalid escape in string");
  }
  if (out) *out += plain;
}

// Validates one UTF-8 encoded character (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF) and moves past it.
void Scanner::scan_utf8_sequence() {
  auto byte = [&](std::ptrdiff_t i) -> unsigned {
    return p_ + i < end_ ? static_cast<unsigned char>(p_[i]) : 0u;
  };
  auto continuation = [&](std::ptrdiff_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    unsigned b = byte(i);
    return b >= lo && b <= hi;
  };
  unsigned lead = byte(0);
  int length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = continuation(1) ? 2 : 0;
  } else if (lead == 0xE0) {
    length = continuation(1, 0xA0, 0xBF) && continuation(2) ? 3 : 0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    length = continuation(1) && continuation(2) ? 3 : 0;
  } else if (lead == 0xED) {
    length = continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0;
  } else if (lead == 0xF0) {
    length = continuation(1, 0x90, 0xBF) && continuation(2) && continuation(3) ? 4 : 0;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  } else if (lead == 0xF4) {
    length = continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0;
  }
  if (length == 0) fail("invalid UTF-8 in string");
  p_ += length;
}

void Scanner::skip_number() {
  auto digit = [&] { return p_ < end_ && *p_ >= '0' && *p_ <= '9'; };
  if (p_ < end_ && *p_ == '-') ++p_;
  if (p_ < end_ && *p_ == '0') {
    ++p_;
  } else if (digit()) {
    while (digit()) ++p_;
  } else {
    fail("invalid number");
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (!digit()) fail("invalid number");
    while (digit()) ++p_;
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (!digit()) fail("invalid number");
    while (digit()) ++p_;
  }
}

void Scanner::skip_literal(std::string_view literal) {
  if (static_cast<std::size_t>(end_ - p_) < literal.size() ||
      std::memcmp(p_, literal.data(), literal.size()) != 0)
    fail("invalid literal");
  p_ += literal.size();
}

void Scanner::skip_value(int depth) {
  switch (peek()) {
    case '"': scan_string<false>(nullptr); return;
    case '{': for_each_member([&](std::string_view) { skip_value(depth + 1); }, depth + 1); return;
    case '[': for_each_element([&] { skip_value(depth + 1); }, depth + 1); return;
    case 't': skip_literal("true"); return;
    case 'f': skip_literal("false"); return;
    case 'n': skip_literal("null"); return;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9': skip_number(); return;
    default: fail("expected a value");
  }
}

bool Scanner::consume_null() {
  if (peek() != 'n') return false;
  skip_literal("null");
  return true;
}

void Scanner::read_string(std::string& out) {
  out.clear();
  if (consume_null()) return;
  if (peek() != '"') fail("expected a string");
  scan_string<true>(&out);
}

std::int64_t Scanner::read_int64() {
  if (peek() != '-' && (peek() < '0' || peek() > '9')) fail("expected an integer");
  const char* start = p_;
  skip_number();
  bool negative = *start == '-';
  std::uint64_t magnitude = 0;
  for (const char* q = start + (negative ? 1 : 0); q < p_; ++q) {
    if (*q < '0' || *q > '9') fail("expected an integer, got a fraction or exponent");
    std::uint64_t digit = static_cast<std::uint64_t>(*q - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) fail("integer out of range");
    magnitude = magnitude * 10 + digit;
  }
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  if (magnitude > limit) fail("integer out of range");
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

bool Scanner::read_bool_or_null() {
  switch (peek()) {
    case 't': skip_literal("true"); return true;
    case 'f': skip_literal("false"); return false;
    case 'n': skip_literal("null"); return false;
    default: fail("expected a boolean");
  }
}

}  // namespace backfill::github::json
