// GET /repos/{owner}/{repo}/issues: the repository's issues and pull
// requests together, as GitHub lists them, filtered by state and labels,
// sorted and paged with a Link header.
#include <algorithm>
#include <limits>
#include <set>
#include <vector>

#include "fake_github/github_errors.hpp"
#include "fake_github/issue_endpoints.hpp"
#include "fake_github/issue_json.hpp"
#include "fake_github/pagination.hpp"

namespace fake_github {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::optional<std::string> param(const std::multimap<std::string, std::string>& params,
                                 const std::string& key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  return it->second;
}

// labels=a,b: names compared ignoring case; empty entries ignored.
std::set<std::string> wanted_labels(const std::multimap<std::string, std::string>& params) {
  std::set<std::string> wanted;
  const std::string list = param(params, "labels").value_or("");
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) wanted.insert(lower(list.substr(start, end - start)));
    start = end + 1;
  }
  return wanted;
}

bool has_all(const std::vector<std::string>& labels, const std::set<std::string>& wanted) {
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& name) {
    return std::any_of(labels.begin(), labels.end(),
                       [&](const std::string& label) { return lower(label) == name; });
  });
}

bool state_matches(bool open, StateFilter state) {
  return state == StateFilter::kAll || open == (state == StateFilter::kOpen);
}

struct Entry {
  std::int64_t sort_key = 0;
  std::int64_t number = 0;
  const PullRecord* pull = nullptr;
  const IssueRecord* issue = nullptr;
};

enum class IssueSort { kCreated, kUpdated, kComments };

// GitHub's defaults for issues: sort=created, direction=desc whatever the
// sort; values it does not know fall back to them.
IssueSort sort_of(const std::multimap<std::string, std::string>& params) {
  const auto sort = param(params, "sort");
  if (sort == "updated") return IssueSort::kUpdated;
  if (sort == "comments") return IssueSort::kComments;
  return IssueSort::kCreated;
}

}  // namespace

EndpointReply IssueEndpoints::list(std::int64_t repository_id,
                                   const EndpointRequest& request) const {
  const PageRequest paging = parse_page_request(request.params);
  // Every PR in the state asked for, in creation order.
  PageRequest every_pull;
  every_pull.state = paging.state;
  every_pull.ascending = true;
  every_pull.per_page = std::numeric_limits<std::int64_t>::max();
  const std::optional<PageSlice> pulls = store_.page(repository_id, every_pull);
  if (!pulls) return {404, not_found_body(kListIssuesDocs), "", ""};
  const IssueSnapshot snapshot = tracker_.snapshot(repository_id);

  const std::set<std::string> wanted = wanted_labels(request.params);
  const IssueSort sort = sort_of(request.params);
  std::vector<Entry> entries;
  for (const PullRecord& pull : pulls->pulls) {
    if (!wanted.empty() && !has_all(pull_label_names(pull), wanted)) continue;
    const std::int64_t key = sort == IssueSort::kUpdated    ? pull.updated_at
                             : sort == IssueSort::kComments ? 0
                                                            : pull.created_at;
    entries.push_back(Entry{key, pull.number, &pull, nullptr});
  }
  for (const IssueRecord& issue : snapshot.issues) {
    if (!state_matches(issue.open, paging.state)) continue;
    if (!wanted.empty() && !has_all(issue.labels, wanted)) continue;
    const std::int64_t key = sort == IssueSort::kUpdated ? issue.updated_at
                             : sort == IssueSort::kComments
                                 ? static_cast<std::int64_t>(issue.comments.size())
                                 : issue.created_at;
    entries.push_back(Entry{key, issue.number, nullptr, &issue});
  }
  // Ties (one clock second, equal counts) go by number, so pages never overlap.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.sort_key != b.sort_key ? a.sort_key < b.sort_key : a.number < b.number;
  });
  if (param(request.params, "direction") != "asc") std::reverse(entries.begin(), entries.end());

  const IssueRenderContext context = issue_render_context(request.base_url, *pulls->rendering,
                                                          snapshot.created_labels, pulls->seed);
  const auto total = static_cast<std::int64_t>(entries.size());
  nlohmann::ordered_json page = nlohmann::ordered_json::array();
  const PageBounds bounds = page_bounds(total, paging.per_page, paging.page);
  for (std::int64_t i = bounds.first; i < bounds.end; ++i) {
    const Entry& entry = entries[static_cast<std::size_t>(i)];
    page.push_back(entry.pull != nullptr ? pull_as_issue_json(context, *entry.pull)
                                         : issue_json(context, *entry.issue, false));
  }
  return {200, page.dump(),
          repository_link_header(request.base_url, repository_id, "issues", request.raw_query,
                                 paging.page, page_count(total, paging.per_page)),
          ""};
}

}  // namespace fake_github
