#include <algorithm>
#include <cctype>

#include "backfill/github/http.hpp"

namespace backfill::github {
namespace {

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

void HeaderMap::add(std::string name, std::string value) {
  // Field names are case-insensitive (RFC 9110 §5.1); HTTP/2 already sends
  // them lower-cased, HTTP/1.1 servers may not.
  name = to_lower(std::move(name));
  auto [it, inserted] = fields_.try_emplace(std::move(name), value);
  if (!inserted) {
    it->second += ", ";
    it->second += value;
  }
}

std::optional<std::string> HeaderMap::get(const std::string& lower_name) const {
  auto it = fields_.find(lower_name);
  if (it == fields_.end()) it = fields_.find(to_lower(lower_name));
  if (it == fields_.end()) return std::nullopt;
  return it->second;
}

}  // namespace backfill::github
