#include "fake_github/issue_endpoints.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "fake_github/github_errors.hpp"
#include "fake_github/issue_json.hpp"
#include "fake_github/pagination.hpp"

namespace fake_github {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kGetIssueDocs = "https://docs.github.com/rest/issues/issues#get-an-issue";

struct IssuePath {
  std::optional<std::int64_t> number;  // none: /issues itself
  bool comments = false;
};

std::optional<std::int64_t> positive_number(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<IssuePath> parse_issue_path(const std::string& rest) {
  static const std::string kPrefix = "/issues";
  if (rest.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  if (rest.size() == kPrefix.size()) return IssuePath{};
  if (rest[kPrefix.size()] != '/') return std::nullopt;
  const std::string tail = rest.substr(kPrefix.size() + 1);
  const auto slash = tail.find('/');
  const auto number = positive_number(tail.substr(0, slash));
  if (!number) return std::nullopt;
  if (slash == std::string::npos) return IssuePath{number, false};
  if (tail.substr(slash) == "/comments") return IssuePath{number, true};
  return std::nullopt;
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

std::string too_long(const char* field, std::size_t limit) {
  return std::string(field) + " is too long (maximum is " + std::to_string(limit) + " characters)";
}

// GitHub's enum message: the value as is, the members as a Ruby array.
std::string not_a_member(const Json& value, const std::vector<std::string>& members) {
  Json list = Json::array();
  for (const std::string& member : members) list.push_back(member);
  return (value.is_string() ? value.get<std::string>() : value.dump()) + " is not a member of " +
         ruby_inspect(list) + ".";
}

std::optional<std::string> labels_violation(const Json& request) {
  if (!request.contains("labels")) return std::nullopt;
  const Json& labels = request["labels"];
  if (!labels.is_array()) return not_of_type("labels", labels, "an array");
  for (const Json& label : labels) {
    const bool named_object =
        label.is_object() && (!label.contains("name") || label["name"].is_string());
    if (!label.is_string() && !named_object) return no_one_of_matched();
  }
  return std::nullopt;
}

std::vector<std::string> label_names(const Json& labels) {
  std::vector<std::string> names;
  for (const Json& label : labels) {
    if (label.is_string()) names.push_back(label.get<std::string>());
    if (label.is_object() && label.contains("name"))
      names.push_back(label["name"].get<std::string>());
  }
  return names;
}

// The request-schema check of create (title required, not null) and update.
std::optional<std::string> issue_schema_violation(const Json& request, bool creating) {
  if (request.contains("title")) {
    const Json& title = request["title"];
    const bool allowed =
        title.is_string() || title.is_number_integer() || (!creating && title.is_null());
    if (!allowed) return no_one_of_matched();
  }
  if (request.contains("body")) {
    const Json& body = request["body"];
    if (!body.is_string() && !(body.is_null() && !creating))
      return not_of_type("body", body, "a string");
  }
  if (!creating && request.contains("state")) {
    const Json& state = request["state"];
    if (state != "open" && state != "closed") return not_a_member(state, {"open", "closed"});
  }
  if (!creating && request.contains("state_reason")) {
    const Json& reason = request["state_reason"];
    const std::vector<std::string> reasons = {"completed", "not_planned", "duplicate", "reopened"};
    const bool known = reason.is_string() && std::find(reasons.begin(), reasons.end(),
                                                       reason.get<std::string>()) != reasons.end();
    if (!reason.is_null() && !known) return not_a_member(reason, reasons);
  }
  if (auto violation = labels_violation(request)) return violation;
  if (creating && !request.contains("title")) return not_supplied("title");
  return std::nullopt;
}

std::string title_text(const Json& title) {
  return title.is_string() ? title.get<std::string>() : title.dump();
}

// Model validation of what an issue would say.
std::vector<FieldError> issue_field_errors(const std::optional<std::string>& title,
                                           const std::optional<std::string>& body) {
  std::vector<FieldError> errors;
  if (title && is_blank(*title)) errors.push_back({"Issue", "missing_field", "title", ""});
  if (title && character_count(*title) > kMaxIssueTitleCharacters) {
    errors.push_back({"Issue", "custom", "title", too_long("title", kMaxIssueTitleCharacters)});
  }
  if (body && character_count(*body) > kMaxIssueBodyCharacters) {
    errors.push_back({"Issue", "custom", "body", too_long("body", kMaxIssueBodyCharacters)});
  }
  return errors;
}

}  // namespace

IssueEndpoints::IssueEndpoints(RepositoryStore& store, IssueTracker& tracker)
    : store_(store), tracker_(tracker) {}

const char* IssueEndpoints::documentation_for(const std::string& rest, const std::string& method) {
  const bool reading = method == "GET" || method == "HEAD";
  if (rest == "/dispatches") return method == "POST" ? kRepositoryDispatchDocs : nullptr;
  const auto path = parse_issue_path(rest);
  if (!path) return nullptr;
  if (!path->number)
    return reading ? kListIssuesDocs : method == "POST" ? kCreateIssueDocs : nullptr;
  if (path->comments) {
    return reading ? kListIssueCommentsDocs : method == "POST" ? kCreateIssueCommentDocs : nullptr;
  }
  return reading ? kGetIssueDocs : method == "PATCH" ? kUpdateIssueDocs : nullptr;
}

std::optional<EndpointReply> IssueEndpoints::answer(std::int64_t repository_id,
                                                    const std::string& rest,
                                                    const EndpointRequest& request) {
  const auto path = parse_issue_path(rest);
  if (!path) return std::nullopt;
  const std::string& method = request.method;
  const bool reading = method == "GET" || method == "HEAD";
  if (!path->number) {
    if (reading) return list(repository_id, request);
    if (method == "POST") return create(repository_id, request);
    return std::nullopt;
  }
  if (path->comments) {
    if (reading) return list_comments(repository_id, *path->number, request);
    if (method == "POST") return create_comment(repository_id, *path->number, request);
    return std::nullopt;
  }
  if (reading) return show(repository_id, *path->number, request);
  if (method == "PATCH") return update(repository_id, *path->number, request);
  return std::nullopt;
}

std::string IssueEndpoints::single_issue_json(std::int64_t repository_id, const IssueRecord& issue,
                                              const std::string& base_url) const {
  const auto rendering = store_.rendering(repository_id);
  const IssueSnapshot snapshot = tracker_.snapshot(repository_id);
  const IssueRenderContext context =
      issue_render_context(base_url, *rendering, snapshot.created_labels, 0);
  return issue_json(context, issue, true).dump();
}

EndpointReply IssueEndpoints::show(std::int64_t repository_id, std::int64_t number,
                                   const EndpointRequest& request) const {
  const std::optional<IssueRecord> issue = tracker_.issue(repository_id, number);
  if (!issue) return {404, not_found_body(kGetIssueDocs), "", ""};
  return {200, single_issue_json(repository_id, *issue, request.base_url), "", ""};
}

EndpointReply IssueEndpoints::create(std::int64_t repository_id, const EndpointRequest& request) {
  if (auto refusal = refuse_write(request.access, kCreateIssueDocs)) return *refusal;
  ParsedBody parsed = parse_object_body(request.body, kCreateIssueDocs);
  if (parsed.refusal) return *parsed.refusal;
  const Json& fields = parsed.value;
  if (auto violation = issue_schema_violation(fields, true))
    return invalid_request(*violation, kCreateIssueDocs);

  NewIssue issue;
  issue.title = title_text(fields["title"]);
  if (fields.contains("body")) issue.body = fields["body"].get<std::string>();
  if (fields.contains("labels")) issue.labels = label_names(fields["labels"]);
  const auto errors = issue_field_errors(issue.title, issue.body);
  if (!errors.empty()) return {422, validation_failed_body(errors, kCreateIssueDocs), "", ""};

  const std::optional<IssueRecord> created = tracker_.create(repository_id, issue, request.now);
  if (!created) return {404, not_found_body(kCreateIssueDocs), "", ""};
  const auto rendering = store_.rendering(repository_id);
  return {201, single_issue_json(repository_id, *created, request.base_url), "",
          rendering->api_prefix + "/issues/" + std::to_string(created->number)};
}

EndpointReply IssueEndpoints::update(std::int64_t repository_id, std::int64_t number,
                                     const EndpointRequest& request) {
  if (auto refusal = refuse_write(request.access, kUpdateIssueDocs)) return *refusal;
  if (!tracker_.issue(repository_id, number))
    return {404, not_found_body(kUpdateIssueDocs), "", ""};
  ParsedBody parsed = parse_object_body(request.body, kUpdateIssueDocs);
  if (parsed.refusal) return *parsed.refusal;
  const Json& fields = parsed.value;
  if (auto violation = issue_schema_violation(fields, false))
    return invalid_request(*violation, kUpdateIssueDocs);

  IssueChange change;
  // A null title leaves the title alone; a null body clears it.
  if (fields.contains("title") && !fields["title"].is_null())
    change.title = title_text(fields["title"]);
  if (fields.contains("body")) {
    change.body =
        fields["body"].is_null() ? std::optional<std::string>() : fields["body"].get<std::string>();
  }
  if (fields.contains("state")) change.open = fields["state"] == "open";
  if (fields.contains("state_reason")) {
    const Json& reason = fields["state_reason"];
    change.state_reason =
        reason.is_null() ? std::optional<std::string>() : reason.get<std::string>();
  }
  if (fields.contains("labels")) change.labels = label_names(fields["labels"]);
  const auto errors = issue_field_errors(change.title, change.body ? *change.body : std::nullopt);
  if (!errors.empty()) return {422, validation_failed_body(errors, kUpdateIssueDocs), "", ""};

  const std::optional<IssueRecord> updated =
      tracker_.update(repository_id, number, change, request.now);
  if (!updated) return {404, not_found_body(kUpdateIssueDocs), "", ""};
  return {200, single_issue_json(repository_id, *updated, request.base_url), "", ""};
}

EndpointReply IssueEndpoints::list_comments(std::int64_t repository_id, std::int64_t number,
                                            const EndpointRequest& request) const {
  const auto comments = tracker_.comments(repository_id, number);
  if (!comments) return {404, not_found_body(kListIssueCommentsDocs), "", ""};
  const PageRequest paging = parse_page_request(request.params);
  const auto total = static_cast<std::int64_t>(comments->size());
  const auto rendering = store_.rendering(repository_id);
  const IssueSnapshot snapshot = tracker_.snapshot(repository_id);
  const IssueRenderContext context =
      issue_render_context(request.base_url, *rendering, snapshot.created_labels, 0);
  Json page = Json::array();
  const PageBounds bounds = page_bounds(total, paging.per_page, paging.page);
  for (std::int64_t i = bounds.first; i < bounds.end; ++i) {
    page.push_back(comment_json(context, number, (*comments)[static_cast<std::size_t>(i)]));
  }
  const std::string resource = "issues/" + std::to_string(number) + "/comments";
  return {200, page.dump(),
          repository_link_header(request.base_url, repository_id, resource, request.raw_query,
                                 paging.page, page_count(total, paging.per_page)),
          ""};
}

EndpointReply IssueEndpoints::create_comment(std::int64_t repository_id, std::int64_t number,
                                             const EndpointRequest& request) {
  if (auto refusal = refuse_write(request.access, kCreateIssueCommentDocs)) return *refusal;
  if (!tracker_.issue(repository_id, number))
    return {404, not_found_body(kCreateIssueCommentDocs), "", ""};
  ParsedBody parsed = parse_object_body(request.body, kCreateIssueCommentDocs);
  if (parsed.refusal) return *parsed.refusal;
  const Json& fields = parsed.value;
  if (fields.contains("body") && !fields["body"].is_string()) {
    return invalid_request(not_of_type("body", fields["body"], "a string"),
                           kCreateIssueCommentDocs);
  }
  if (!fields.contains("body"))
    return invalid_request(not_supplied("body"), kCreateIssueCommentDocs);
  const std::string body = fields["body"].get<std::string>();
  std::vector<FieldError> errors;
  if (is_blank(body)) errors.push_back({"IssueComment", "missing_field", "body", ""});
  if (character_count(body) > kMaxIssueBodyCharacters) {
    errors.push_back({"IssueComment", "custom", "body", too_long("body", kMaxIssueBodyCharacters)});
  }
  if (!errors.empty())
    return {422, validation_failed_body(errors, kCreateIssueCommentDocs), "", ""};

  const auto comment = tracker_.add_comment(repository_id, number, body, request.now);
  if (!comment) return {404, not_found_body(kCreateIssueCommentDocs), "", ""};
  const auto rendering = store_.rendering(repository_id);
  const IssueSnapshot snapshot = tracker_.snapshot(repository_id);
  const IssueRenderContext context =
      issue_render_context(request.base_url, *rendering, snapshot.created_labels, 0);
  return {201, comment_json(context, number, *comment).dump(), "",
          rendering->api_prefix + "/issues/comments/" + std::to_string(comment->id)};
}

}  // namespace fake_github
