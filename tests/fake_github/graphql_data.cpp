#include "fake_github/graphql_data.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "fake_github/child_json.hpp"
#include "fake_github/graphql_nodes.hpp"
#include "fake_github/json_text.hpp"

namespace fake_github {
namespace {

using Params = std::multimap<std::string, std::string>;

std::string param(const Params& params, const std::string& key) {
  const auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

std::optional<std::int64_t> integer(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void key(std::string& out, std::string_view name) {
  out += ",\"";
  out.append(name);
  out += "\":";
}

struct SortKey {
  std::int64_t value = 0;
  std::int64_t number = 0;
  auto operator<=>(const SortKey&) const = default;
};

std::optional<SortKey> parse_key(const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const auto value = integer(text.substr(0, dot));
  const auto number = integer(text.substr(dot + 1));
  if (!value || !number) return std::nullopt;
  return SortKey{*value, *number};
}

DataReply list_pulls(const DepthSnapshot& snapshot, const Params& params) {
  const bool by_updated = param(params, "order") == "UPDATED_AT";
  const bool descending = param(params, "direction") == "DESC";
  const std::string states = param(params, "states");
  const auto wanted = [&](const PullRecord& pull) {
    if (states.empty()) return true;
    const char* state = pull.merged_at != 0 ? "MERGED" : pull.is_open() ? "OPEN" : "CLOSED";
    return ("," + states + ",").find(std::string(",") + state + ",") != std::string::npos;
  };
  std::vector<std::uint32_t> sequence;
  sequence.reserve(snapshot.pulls.size());
  for (std::size_t i = 0; i < snapshot.pulls.size(); ++i) {
    const std::uint32_t index = by_updated ? snapshot.by_updated[i] : static_cast<std::uint32_t>(i);
    if (wanted(snapshot.pulls[index])) sequence.push_back(index);
  }
  if (descending) std::reverse(sequence.begin(), sequence.end());
  const auto key_of = [&](std::uint32_t index) {
    const PullRecord& pull = snapshot.pulls[index];
    return SortKey{by_updated ? pull.updated_at : pull.created_at, pull.number};
  };
  // Position of the first item that comes after `key` in listing order.
  const auto position_after = [&](const SortKey& key) {
    std::size_t i = 0;
    while (i < sequence.size() &&
           (descending ? key_of(sequence[i]) >= key : key_of(sequence[i]) <= key))
      ++i;
    return i;
  };
  std::size_t start = 0;
  std::size_t end = sequence.size();
  if (const auto after = parse_key(param(params, "after"))) start = position_after(*after);
  if (const auto before = parse_key(param(params, "before"))) {
    std::size_t i = 0;
    while (i < sequence.size() &&
           (descending ? key_of(sequence[i]) > *before : key_of(sequence[i]) < *before))
      ++i;
    end = std::max(start, i);
  }
  std::size_t from = start;
  std::size_t to = end;
  if (const auto first = integer(param(params, "first"))) {
    to = std::min(end, start + static_cast<std::size_t>(std::max<std::int64_t>(0, *first)));
  } else if (const auto last = integer(param(params, "last"))) {
    const auto count = static_cast<std::size_t>(std::max<std::int64_t>(0, *last));
    from = end > start + count ? end - count : start;
  }
  std::string out = "{\"totalCount\":";
  append_int(out, static_cast<std::int64_t>(sequence.size()));
  key(out, "hasNextPage");
  out += to < sequence.size() ? "true" : "false";
  key(out, "hasPreviousPage");
  out += from > 0 ? "true" : "false";
  out += ",\"nodes\":[";
  for (std::size_t i = from; i < to; ++i) {
    if (i != from) out += ',';
    append_pull(out, snapshot, sequence[i]);
  }
  out += "]}";
  return {200, std::move(out)};
}

DataReply list_children(const DepthSnapshot& snapshot, std::size_t pull, const Params& params) {
  const ChildContext context = snapshot.context(pull);
  const std::string kind = param(params, "kind");
  const std::int64_t offset =
      std::max<std::int64_t>(0, integer(param(params, "offset")).value_or(0));
  const std::int64_t limit = std::max<std::int64_t>(0, integer(param(params, "limit")).value_or(0));
  std::int64_t total = 0;
  std::int64_t first = 0;  // index of item 0 of this list among its kind
  if (kind == "comments") {
    total = context.counts.comments;
  } else if (kind == "reviews") {
    total = context.counts.reviews;
  } else if (kind == "threads") {
    total = thread_count(context.counts.review_comments);
  } else if (kind == "thread-comments") {
    const auto thread = integer(param(params, "thread"));
    if (!thread || *thread < 0 || *thread >= thread_count(context.counts.review_comments)) {
      return {404, "{\"message\":\"no such thread\"}"};
    }
    const ThreadSpan span = thread_span(context.counts.review_comments, *thread);
    first = span.first;
    total = span.size;
  } else {
    return {400, "{\"message\":\"unknown kind\"}"};
  }
  std::string out = "{\"totalCount\":";
  append_int(out, total);
  out += ",\"nodes\":[";
  const std::int64_t end = std::min(total, offset + limit);
  for (std::int64_t i = offset; i < end; ++i) {
    if (i != offset) out += ',';
    if (kind == "comments") {
      append_child_common(out, snapshot, issue_comment(context, i), ChildKind::kIssueComment);
      out += '}';
    } else if (kind == "reviews") {
      const Review item = review(context, i);
      append_child_common(out, snapshot, item, ChildKind::kReview);
      key(out, "state");
      append_json_string(out, review_state_name(item.state));
      key(out, "submittedAt");
      append_json_timestamp(out, item.created_at);
      out += '}';
    } else if (kind == "threads") {
      const ThreadSpan span = thread_span(context.counts.review_comments, i);
      const ReviewComment root = review_comment(context, span.first);
      out += "{\"id\":";
      append_json_string(out, "PRRT_kwDO" + std::to_string(root.id));
      key(out, "index");
      append_int(out, i);
      key(out, "path");
      append_json_string(out, root.path);
      key(out, "line");
      append_int(out, root.line);
      key(out, "originalLine");
      append_int(out, root.original_line);
      key(out, "isResolved");
      out += root.id % 4 == 0 ? "true" : "false";
      out += ",\"isOutdated\":false,\"isCollapsed\":false,\"commentsCount\":";
      append_int(out, span.size);
      out += '}';
    } else {
      const ReviewComment item = review_comment(context, first + i);
      append_child_common(out, snapshot, item, ChildKind::kReviewComment);
      key(out, "path");
      append_json_string(out, item.path);
      key(out, "line");
      append_int(out, item.line);
      key(out, "originalLine");
      append_int(out, item.original_line);
      key(out, "outdated");
      out += "false";
      key(out, "replyTo");
      if (item.reply_to_index < 0) {
        out += "null";
      } else {
        const std::int64_t reply_id = child_id(ChildKind::kReviewComment, context.repository_id,
                                               context.pull.number, item.reply_to_index);
        append_ids(out, child_node_id(ChildKind::kReviewComment, reply_id), reply_id);
        out += '}';
      }
      key(out, "pullRequestReview");
      const Review parent = review(context, item.review_index);
      append_ids(out, child_node_id(ChildKind::kReview, parent.id), parent.id);
      key(out, "state");
      append_json_string(out, review_state_name(parent.state));
      out += "}}";
    }
  }
  out += "]}";
  return {200, std::move(out)};
}

}  // namespace

DataReply answer_graphql_data(const RepositoryStore& store, const std::string& what,
                              const Params& params) {
  const DataReply missing{404, "{\"message\":\"Not Found\"}"};
  if (what == "repo") {
    const NameLookup found = store.lookup(param(params, "owner"), param(params, "name"));
    if (found.kind == NameLookup::Kind::kMissing) return missing;
    const auto rendering = store.rendering(found.id);
    if (!rendering) return missing;
    std::string out = "{\"id\":";
    append_int(out, rendering->id);
    key(out, "nodeId");
    append_json_string(out, "R_kgDO" + std::to_string(rendering->id));
    key(out, "nameWithOwner");
    append_json_string(out, rendering->full_name);
    out += '}';
    return {200, std::move(out)};
  }
  std::optional<std::int64_t> repository = integer(param(params, "repo"));
  std::optional<std::int64_t> number = integer(param(params, "number"));
  if (const auto global = integer(param(params, "id"))) {
    repository = *global / 10'000'000;
    number = *global % 10'000'000;
  }
  if (!repository) return missing;
  const auto snapshot = store.depth(*repository);
  if (!snapshot) return missing;
  if (what == "pulls") return list_pulls(*snapshot, params);
  if (!number) return missing;
  const auto pull = snapshot->find(*number);
  if (!pull) return missing;
  if (what == "pull") {
    std::string out;
    append_pull(out, *snapshot, *pull);
    return {200, std::move(out)};
  }
  if (what == "children") return list_children(*snapshot, *pull, params);
  return missing;
}

DataReply answer_graphql_data_batch(const RepositoryStore& store, const std::string& body) {
  const nlohmann::json calls = nlohmann::json::parse(body, nullptr, false);
  if (!calls.is_array()) return {400, "{\"message\":\"a JSON array of calls\"}"};
  std::string out = "[";
  for (const auto& call : calls) {
    Params params;
    if (call.contains("params") && call["params"].is_object()) {
      for (const auto& [name, value] : call["params"].items()) {
        params.emplace(name, value.is_string() ? value.get<std::string>() : value.dump());
      }
    }
    const DataReply reply = answer_graphql_data(store, call.value("what", ""), params);
    if (out.size() > 1) out += ',';
    out += "{\"status\":";
    append_int(out, reply.status);
    out += ",\"body\":";
    out += reply.body;
    out += '}';
  }
  out += ']';
  return {200, std::move(out)};
}

}  // namespace fake_github
