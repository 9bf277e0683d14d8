#pragma once
// Appending JSON text to a std::string without building a DOM: the fake
// renders a million pull requests per benchmark run, so this is the hot path.
#include <cstdint>
#include <string>
#include <string_view>

namespace fake_github {

// Appends `text` as a JSON string literal (with the quotes). Bytes >= 0x80
// pass through untouched: the generated text is valid UTF-8 and GitHub sends
// UTF-8 as is. Control characters, including NUL, become escapes.
void append_json_string(std::string& out, std::string_view text);

// Appends the escaped contents without the surrounding quotes, for strings
// assembled from several pieces.
void append_json_escaped(std::string& out, std::string_view text);

void append_int(std::string& out, std::int64_t value);

// "YYYY-MM-DDTHH:MM:SSZ" with quotes, as GitHub formats timestamps.
void append_json_timestamp(std::string& out, std::int64_t epoch_seconds);
std::string iso8601(std::int64_t epoch_seconds);

// 40 lowercase hex digits derived from `seed`, shaped like a git SHA-1.
void append_fake_sha(std::string& out, std::uint64_t seed);

// SplitMix64: a fast, well-mixed hash for deterministic generation.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace fake_github
