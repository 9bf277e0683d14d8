#pragma once
// The issues, their comments, the labels created for them and the
// repository_dispatch events of each repository, keyed by repository id so
// they follow a rename. Thread-safe: HTTP handlers change it while the test
// thread reads it. Issue numbers come from the RepositoryStore, whose
// sequence pull requests share.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fake_github/fake_github.hpp"
#include "fake_github/repository_model.hpp"

namespace fake_github {

// GitHub's limits on what an issue says.
inline constexpr std::size_t kMaxIssueTitleCharacters = 256;
inline constexpr std::size_t kMaxIssueBodyCharacters = 65'536;

struct CommentRecord {
  std::int64_t id = 0;
  std::string body;
  std::int64_t created_at = 0;
};

struct IssueRecord {
  std::int64_t number = 0;
  std::string title;
  std::optional<std::string> body;
  bool open = true;
  std::optional<std::string> state_reason;  // null until first closed
  std::vector<std::string> labels;          // names as the repository spells them
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t closed_at = 0;  // 0 while open
  std::vector<CommentRecord> comments;
};

// A label created for an issue (the generated repositories' own labels live
// in RepositoryRendering::label_json).
struct LabelRecord {
  std::int64_t id = 0;
  std::string name;
};

struct NewIssue {
  std::string title;
  std::optional<std::string> body;
  std::vector<std::string> labels;
  bool open = true;
};

// PATCH /issues/{n}: members left empty are not changed.
struct IssueChange {
  std::optional<std::string> title;
  std::optional<std::optional<std::string>> body;
  std::optional<bool> open;
  std::optional<std::optional<std::string>> state_reason;
  std::optional<std::vector<std::string>> labels;
};

// What a listing or a reply renders from, copied out under the lock.
struct IssueSnapshot {
  std::vector<IssueRecord> issues;  // number order
  std::vector<LabelRecord> created_labels;
};

// Characters as GitHub counts them (code points of the UTF-8 text).
std::size_t character_count(const std::string& text);

class IssueTracker {
 public:
  explicit IssueTracker(RepositoryStore& store);

  // nullopt when the repository does not exist.
  std::optional<IssueRecord> create(std::int64_t repository_id, const NewIssue& issue,
                                    std::int64_t now);
  // nullopt when there is no such issue.
  std::optional<IssueRecord> update(std::int64_t repository_id, std::int64_t number,
                                    const IssueChange& change, std::int64_t now);
  std::optional<CommentRecord> add_comment(std::int64_t repository_id, std::int64_t number,
                                           const std::string& body, std::int64_t now);
  std::optional<std::vector<CommentRecord>> comments(std::int64_t repository_id,
                                                     std::int64_t number) const;
  std::optional<IssueRecord> issue(std::int64_t repository_id, std::int64_t number) const;
  IssueSnapshot snapshot(std::int64_t repository_id) const;

  void record_dispatch(std::int64_t repository_id, FakeDispatch dispatch);
  std::vector<FakeDispatch> dispatches(std::int64_t repository_id) const;

 private:
  struct Tracked {
    std::vector<IssueRecord> issues;  // creation order, so number order
    std::vector<LabelRecord> labels;
    std::vector<FakeDispatch> dispatches;
  };

  const IssueRecord* find(std::int64_t repository_id, std::int64_t number) const;
  IssueRecord* find(std::int64_t repository_id, std::int64_t number) {
    return const_cast<IssueRecord*>(std::as_const(*this).find(repository_id, number));
  }
  // Each name as the repository spells it (matching ignores case, as
  // GitHub's does), creating the labels it lacks; duplicates collapse.
  std::vector<std::string> resolve_labels(Tracked& tracked, const std::vector<std::string>& names);

  RepositoryStore& store_;
  mutable std::mutex mutex_;
  std::map<std::int64_t, Tracked> tracked_;
  std::int64_t next_comment_id_ = 1'900'000'001;
  std::int64_t next_label_id_ = 7'100'000'001;
};

}  // namespace fake_github
