#include "backfill/github/link_header.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace backfill::github {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void skip_spaces(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Moves `pos` past the next ',' that is not inside a quoted string, or to the
// end: how a malformed link-value is skipped without losing the ones after it.
void skip_to_next_link(std::string_view text, std::size_t& pos) {
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (quoted) {
      if (c == '\\') ++pos;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      ++pos;
      return;
    }
  }
}

// Reads one link-param value: a quoted-string (with backslash escapes) or a
// token that ends at ';' or ','.
std::string read_param_value(std::string_view text, std::size_t& pos) {
  std::string value;
  if (pos < text.size() && text[pos] == '"') {
    for (++pos; pos < text.size(); ++pos) {
      char c = text[pos];
      if (c == '\\' && pos + 1 < text.size()) {
        value += text[++pos];
      } else if (c == '"') {
        ++pos;
        break;
      } else {
        value += c;
      }
    }
    return value;
  }
  std::size_t start = pos;
  while (pos < text.size() && text[pos] != ';' && text[pos] != ',') ++pos;
  return std::string(trim(text.substr(start, pos - start)));
}

}  // namespace

std::map<std::string, std::string> parse_link_header(std::string_view header) {
  std::map<std::string, std::string> links;
  std::size_t pos = 0;
  while (pos < header.size()) {
    skip_spaces(header, pos);
    if (pos < header.size() && header[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos >= header.size()) break;
    if (header[pos] != '<') {
      skip_to_next_link(header, pos);
      continue;
    }
    std::size_t close = header.find('>', pos + 1);
    if (close == std::string_view::npos) break;
    std::string url(trim(header.substr(pos + 1, close - pos - 1)));
    pos = close + 1;

    std::vector<std::string> rels;
    bool rel_seen = false;
    // link-params: *( OWS ";" OWS link-param ), until the ',' of the next link.
    while (true) {
      skip_spaces(header, pos);
      if (pos >= header.size() || header[pos] == ',') break;
      if (header[pos] != ';') {  // junk after the URL: drop this link
        rels.clear();
        skip_to_next_link(header, pos);  // also consumes that link's ','
        break;
      }
      ++pos;
      skip_spaces(header, pos);
      std::size_t name_start = pos;
      while (pos < header.size() && header[pos] != '=' && header[pos] != ';' &&
             header[pos] != ',' && !is_space(header[pos]))
        ++pos;
      std::string name = to_lower(header.substr(name_start, pos - name_start));
      skip_spaces(header, pos);
      std::string value;
      if (pos < header.size() && header[pos] == '=') {
        ++pos;
        skip_spaces(header, pos);
        value = read_param_value(header, pos);
      }
      // RFC 8288 §3.3: occurrences of rel after the first are ignored.
      if (name == "rel" && !rel_seen) {
        rel_seen = true;
        std::size_t i = 0;
        while (i < value.size()) {
          while (i < value.size() && is_space(value[i])) ++i;
          std::size_t start = i;
          while (i < value.size() && !is_space(value[i])) ++i;
          // Relation types compare case-insensitively (RFC 8288 §2.1.1).
          if (i > start) rels.push_back(to_lower(std::string_view(value).substr(start, i - start)));
        }
      }
    }
    if (!url.empty()) {
      for (auto& rel : rels) links.emplace(std::move(rel), url);
    }
    if (pos < header.size() && header[pos] == ',') ++pos;
  }
  return links;
}

std::optional<long> page_param(std::string_view url) {
  std::size_t query = url.find('?');
  if (query == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(query + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != "page") continue;
    std::string_view digits = pair.substr(eq + 1);
    long value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size() && value >= 0) return value;
  }
  return std::nullopt;
}

}  // namespace backfill::github
