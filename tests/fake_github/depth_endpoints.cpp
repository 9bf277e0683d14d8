#include "fake_github/depth_endpoints.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

#include "fake_github/child_json.hpp"
#include "fake_github/pagination.hpp"

namespace fake_github {
namespace {

std::optional<std::string> param(const std::multimap<std::string, std::string>& params,
                                 const std::string& key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> number_in(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Paging {
  std::int64_t per_page = kDefaultPerPage;
  std::int64_t page = 1;
};

Paging paging_of(const std::multimap<std::string, std::string>& params) {
  const PageRequest request = parse_page_request(params);
  return {request.per_page, request.page};
}

EndpointReply page_reply(std::string body, const DepthSnapshot& snapshot,
                         const std::string& resource, const DepthRequest& request,
                         const Paging& paging, std::int64_t total) {
  return {
      200, std::move(body),
      repository_link_header(request.base_url, snapshot.rendering->id, resource, request.raw_query,
                             paging.page, page_count(total, paging.per_page)),
      ""};
}

// A review comment's place in the repository-wide listing.
struct Ref {
  std::uint32_t pull = 0;
  std::int64_t index = 0;
  std::int64_t key = 0;  // the sort key: created_at or updated_at
};

// The repository's review comments, or one PR's (`only`): the same
// listing filtered, as GitHub's per-PR listing is.
EndpointReply review_comments(const DepthSnapshot& snapshot, const DepthRequest& request,
                              const std::string& resource,
                              std::optional<std::size_t> only = std::nullopt) {
  const auto sort = param(request.params, "sort");
  const bool by_updated = sort == "updated";
  const bool sorted = sort == "created" || sort == "created_at" || by_updated;
  const bool ascending = !sorted || param(request.params, "direction") == "asc";
  const auto since_text = param(request.params, "since");
  const std::optional<std::int64_t> since =
      since_text ? parse_timestamp(*since_text) : std::nullopt;
  // Without sort, GitHub lists by id: PR by PR, in index order here.
  std::vector<Ref> refs;
  for (std::size_t p = 0; p < snapshot.pulls.size(); ++p) {
    if (only && p != *only) continue;
    const ChildContext context = snapshot.context(p);
    for (std::int64_t i = 0; i < context.counts.review_comments; ++i) {
      const ReviewComment comment = review_comment(context, i);
      if (since && comment.updated_at < *since) continue;
      refs.push_back(
          {static_cast<std::uint32_t>(p), i, by_updated ? comment.updated_at : comment.created_at});
    }
  }
  if (sorted) {
    // Ties keep id order (the order built above), so pages never overlap.
    std::stable_sort(refs.begin(), refs.end(),
                     [](const Ref& a, const Ref& b) { return a.key < b.key; });
  }
  if (!ascending) std::reverse(refs.begin(), refs.end());
  const Paging paging = paging_of(request.params);
  const auto total = static_cast<std::int64_t>(refs.size());
  const PageBounds bounds = page_bounds(total, paging.per_page, paging.page);
  std::string out = "[";
  for (std::int64_t i = bounds.first; i < bounds.end; ++i) {
    const Ref& ref = refs[static_cast<std::size_t>(i)];
    const ChildContext context = snapshot.context(ref.pull);
    if (out.size() > 1) out += ',';
    append_review_comment_json(out, snapshot, context, review_comment(context, ref.index));
  }
  out += ']';
  return page_reply(std::move(out), snapshot, resource, request, paging, total);
}

EndpointReply pull_reviews(const DepthSnapshot& snapshot, std::size_t pull, std::int64_t number,
                           const DepthRequest& request) {
  const ChildContext context = snapshot.context(pull);
  const Paging paging = paging_of(request.params);
  const PageBounds bounds = page_bounds(context.counts.reviews, paging.per_page, paging.page);
  std::string out = "[";
  for (std::int64_t i = bounds.first; i < bounds.end; ++i) {
    if (out.size() > 1) out += ',';
    append_review_json(out, snapshot, context, review(context, i));
  }
  out += ']';
  return page_reply(std::move(out), snapshot, "pulls/" + std::to_string(number) + "/reviews",
                    request, paging, context.counts.reviews);
}

EndpointReply pull_issue_comments(const DepthSnapshot& snapshot, std::size_t pull,
                                  std::int64_t number, const DepthRequest& request) {
  const ChildContext context = snapshot.context(pull);
  const auto since_text = param(request.params, "since");
  const std::optional<std::int64_t> since =
      since_text ? parse_timestamp(*since_text) : std::nullopt;
  std::vector<std::int64_t> indexes;
  for (std::int64_t i = 0; i < context.counts.comments; ++i) {
    if (!since || issue_comment(context, i).updated_at >= *since) indexes.push_back(i);
  }
  const Paging paging = paging_of(request.params);
  const auto total = static_cast<std::int64_t>(indexes.size());
  const PageBounds bounds = page_bounds(total, paging.per_page, paging.page);
  std::string out = "[";
  for (std::int64_t i = bounds.first; i < bounds.end; ++i) {
    if (out.size() > 1) out += ',';
    append_issue_comment_json(out, snapshot, context,
                              issue_comment(context, indexes[static_cast<std::size_t>(i)]));
  }
  out += ']';
  return page_reply(std::move(out), snapshot, "issues/" + std::to_string(number) + "/comments",
                    request, paging, total);
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char zone[8] = {0};
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &y, &mo, &d, &h, &mi, &s, zone) < 6) {
    return std::nullopt;
  }
  std::int64_t epoch =
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
      mi * 60 + s;
  const std::string offset = zone;
  if (offset.size() == 6 && (offset[0] == '+' || offset[0] == '-')) {
    const int sign = offset[0] == '+' ? 1 : -1;
    epoch -= sign * (std::stoi(offset.substr(1, 2)) * 3600 + std::stoi(offset.substr(4, 2)) * 60);
  }
  return epoch;
}

std::optional<EndpointReply> answer_depth_listing(const DepthSnapshot& snapshot,
                                                  const std::string& rest,
                                                  const DepthRequest& request) {
  if (rest == "/pulls/comments") return review_comments(snapshot, request, "pulls/comments");
  // "/pulls/{n}/reviews", "/pulls/{n}/comments" or "/issues/{n}/comments"
  for (const auto& [prefix, suffix] :
       {std::pair<std::string, std::string>{"/pulls/", "/reviews"},
        std::pair<std::string, std::string>{"/pulls/", "/comments"},
        std::pair<std::string, std::string>{"/issues/", "/comments"}}) {
    if (rest.compare(0, prefix.size(), prefix) != 0 ||
        rest.size() <= prefix.size() + suffix.size() ||
        rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const auto number =
        number_in(rest.substr(prefix.size(), rest.size() - prefix.size() - suffix.size()));
    if (!number) return std::nullopt;
    const auto pull = snapshot.find(*number);
    if (!pull) return std::nullopt;
    if (suffix == "/reviews") return pull_reviews(snapshot, *pull, *number, request);
    if (prefix == "/pulls/") {
      return review_comments(snapshot, request, "pulls/" + std::to_string(*number) + "/comments",
                             *pull);
    }
    return pull_issue_comments(snapshot, *pull, *number, request);
  }
  return std::nullopt;
}

}  // namespace fake_github
