#include "fake_github/issue_tracker.hpp"

#include <algorithm>

#include "fake_github/repository_json.hpp"

namespace fake_github {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::optional<std::string> generated_spelling(const std::string& name) {
  const std::string key = lower(name);
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    const std::string generated(generated_label_name(i));
    if (lower(generated) == key) return generated;
  }
  return std::nullopt;
}

void close(IssueRecord& issue, const std::optional<std::string>& reason, std::int64_t now) {
  issue.open = false;
  issue.closed_at = now;
  issue.state_reason = reason.value_or("completed");
}

void reopen(IssueRecord& issue) {
  issue.open = true;
  issue.closed_at = 0;
  issue.state_reason = "reopened";
}

}  // namespace

std::size_t character_count(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

IssueTracker::IssueTracker(RepositoryStore& store) : store_(store) {}

std::optional<IssueRecord> IssueTracker::create(std::int64_t repository_id, const NewIssue& issue,
                                                std::int64_t now) {
  std::lock_guard lock(mutex_);
  // Under this lock, so issue numbers and creation order agree.
  const std::optional<std::int64_t> number = store_.take_number(repository_id);
  if (!number) return std::nullopt;
  Tracked& tracked = tracked_[repository_id];
  IssueRecord record;
  record.number = *number;
  record.title = issue.title;
  record.body = issue.body;
  record.labels = resolve_labels(tracked, issue.labels);
  record.created_at = now;
  record.updated_at = now;
  if (!issue.open) close(record, std::nullopt, now);
  tracked.issues.push_back(record);
  return record;
}

std::optional<IssueRecord> IssueTracker::update(std::int64_t repository_id, std::int64_t number,
                                                const IssueChange& change, std::int64_t now) {
  std::lock_guard lock(mutex_);
  IssueRecord* issue = find(repository_id, number);
  if (issue == nullptr) return std::nullopt;
  if (change.title) issue->title = *change.title;
  if (change.body) issue->body = *change.body;
  if (change.labels) issue->labels = resolve_labels(tracked_[repository_id], *change.labels);
  // state_reason is ignored unless the state changes, as documented.
  const std::optional<std::string> reason =
      change.state_reason ? *change.state_reason : std::optional<std::string>();
  if (change.open && *change.open != issue->open) {
    if (*change.open) {
      reopen(*issue);
    } else {
      close(*issue, reason, now);
    }
  }
  issue->updated_at = now;
  return *issue;
}

std::optional<CommentRecord> IssueTracker::add_comment(std::int64_t repository_id,
                                                       std::int64_t number, const std::string& body,
                                                       std::int64_t now) {
  std::lock_guard lock(mutex_);
  IssueRecord* issue = find(repository_id, number);
  if (issue == nullptr) return std::nullopt;
  CommentRecord comment{next_comment_id_++, body, now};
  issue->comments.push_back(comment);
  issue->updated_at = now;  // a comment is activity on the issue
  return comment;
}

std::optional<std::vector<CommentRecord>> IssueTracker::comments(std::int64_t repository_id,
                                                                 std::int64_t number) const {
  const std::optional<IssueRecord> found = issue(repository_id, number);
  if (!found) return std::nullopt;
  return found->comments;
}

std::optional<IssueRecord> IssueTracker::issue(std::int64_t repository_id,
                                               std::int64_t number) const {
  std::lock_guard lock(mutex_);
  const IssueRecord* found = find(repository_id, number);
  if (found == nullptr) return std::nullopt;
  return *found;
}

IssueSnapshot IssueTracker::snapshot(std::int64_t repository_id) const {
  std::lock_guard lock(mutex_);
  const auto it = tracked_.find(repository_id);
  if (it == tracked_.end()) return {};
  return IssueSnapshot{it->second.issues, it->second.labels};
}

void IssueTracker::record_dispatch(std::int64_t repository_id, FakeDispatch dispatch) {
  std::lock_guard lock(mutex_);
  tracked_[repository_id].dispatches.push_back(std::move(dispatch));
}

std::vector<FakeDispatch> IssueTracker::dispatches(std::int64_t repository_id) const {
  std::lock_guard lock(mutex_);
  const auto it = tracked_.find(repository_id);
  return it == tracked_.end() ? std::vector<FakeDispatch>{} : it->second.dispatches;
}

const IssueRecord* IssueTracker::find(std::int64_t repository_id, std::int64_t number) const {
  const auto it = tracked_.find(repository_id);
  if (it == tracked_.end()) return nullptr;
  auto& issues = it->second.issues;
  const auto at =
      std::lower_bound(issues.begin(), issues.end(), number,
                       [](const IssueRecord& issue, std::int64_t n) { return issue.number < n; });
  return at != issues.end() && at->number == number ? &*at : nullptr;
}

std::vector<std::string> IssueTracker::resolve_labels(Tracked& tracked,
                                                      const std::vector<std::string>& names) {
  std::vector<std::string> resolved;
  for (const std::string& name : names) {
    std::optional<std::string> spelling = generated_spelling(name);
    if (!spelling) {
      const auto existing =
          std::find_if(tracked.labels.begin(), tracked.labels.end(),
                       [&](const LabelRecord& label) { return lower(label.name) == lower(name); });
      if (existing != tracked.labels.end()) {
        spelling = existing->name;
      } else {
        // Created on the fly, as GitHub does for callers with push access.
        tracked.labels.push_back(LabelRecord{next_label_id_++, name});
        spelling = name;
      }
    }
    if (std::find(resolved.begin(), resolved.end(), *spelling) == resolved.end()) {
      resolved.push_back(std::move(*spelling));
    }
  }
  return resolved;
}

}  // namespace fake_github
