#include "fake_github/pagination.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace fake_github {
namespace {

std::optional<std::string> param(const std::multimap<std::string, std::string>& params,
                                 const std::string& key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> integer(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::string with_page(std::string_view raw_query, std::int64_t page) {
  const std::string page_part = "page=" + std::to_string(page);
  std::string out;
  bool replaced = false;
  std::size_t start = 0;
  while (start <= raw_query.size() && !raw_query.empty()) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    const std::string_view part = raw_query.substr(start, end - start);
    if (!part.empty()) {
      if (!out.empty()) out += '&';
      if (part.substr(0, 5) == "page=" || part == "page") {
        out += page_part;
        replaced = true;
      } else {
        out.append(part);
      }
    }
    start = end + 1;
  }
  if (!replaced) {
    if (!out.empty()) out += '&';
    out += page_part;
  }
  return out;
}

}  // namespace

PageRequest parse_page_request(const std::multimap<std::string, std::string>& params) {
  PageRequest request;
  const auto state = param(params, "state");
  if (state == "closed") request.state = StateFilter::kClosed;
  if (state == "all") request.state = StateFilter::kAll;
  // popularity and long-running need comment counts and activity windows the
  // fake does not model; they list like created.
  const auto sort = param(params, "sort");
  if (sort == "updated") request.sort = SortKey::kUpdated;
  const bool sorted_by_created = !sort || *sort == "created";
  request.ascending = !sorted_by_created;
  const auto direction = param(params, "direction");
  if (direction == "asc") request.ascending = true;
  if (direction == "desc") request.ascending = false;

  const auto per_page = integer(param(params, "per_page"));
  if (per_page && *per_page > 0) request.per_page = std::min(*per_page, kMaxPerPage);
  const auto page = integer(param(params, "page"));
  if (page && *page > 0) request.page = *page;
  return request;
}

std::string pulls_link_header(const std::string& base_url, std::int64_t repository_id,
                              std::string_view raw_query, std::int64_t page,
                              std::int64_t last_page) {
  return repository_link_header(base_url, repository_id, "pulls", raw_query, page, last_page);
}

std::int64_t page_count(std::int64_t total, std::int64_t per_page) {
  return std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
}

PageBounds page_bounds(std::int64_t total, std::int64_t per_page, std::int64_t page) {
  if (page < 1 || page - 1 > total / per_page) return {total, total};
  const std::int64_t first = (page - 1) * per_page;
  return {first, std::min(total, first + per_page)};
}

std::string repository_link_header(const std::string& base_url, std::int64_t repository_id,
                                   std::string_view resource, std::string_view raw_query,
                                   std::int64_t page, std::int64_t last_page) {
  if (page <= 1 && last_page <= 1) return "";
  const std::string prefix = base_url + "/repositories/" + std::to_string(repository_id) + "/" +
                             std::string(resource) + "?";
  std::vector<std::string> links;
  const auto add = [&](std::int64_t target, const char* rel) {
    links.push_back("<" + prefix + with_page(raw_query, target) + ">; rel=\"" + rel + "\"");
  };
  if (page > 1) add(page - 1, "prev");
  if (page < last_page) {
    add(page + 1, "next");
    add(last_page, "last");
  }
  if (page > 1) add(1, "first");
  std::string header;
  for (const std::string& link : links) {
    if (!header.empty()) header += ", ";
    header += link;
  }
  return header;
}

}  // namespace fake_github
