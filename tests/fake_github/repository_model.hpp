#pragma once
// The repositories the fake knows, their pull requests (compact records in
// creation order) and the names they answer to. Thread-safe: HTTP handlers
// query it while the test thread mutates it.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fake_github/depth_snapshot.hpp"
#include "fake_github/fake_github.hpp"
#include "fake_github/pull_changes.hpp"
#include "fake_github/pull_generation.hpp"
#include "fake_github/repository_json.hpp"

namespace fake_github {

enum class StateFilter { kOpen, kClosed, kAll };
enum class SortKey { kCreated, kUpdated };

struct PageRequest {
  StateFilter state = StateFilter::kOpen;
  SortKey sort = SortKey::kCreated;
  bool ascending = false;
  std::int64_t per_page = 30;
  std::int64_t page = 1;
};

// One page cut out under the lock, rendered after it is released.
struct PageSlice {
  std::shared_ptr<const RepositoryRendering> rendering;
  std::uint64_t seed = 0;
  std::vector<PullRecord> pulls;
  std::int64_t total = 0;          // items matching the filter, over all pages
  std::int64_t last_modified = 0;  // the newest updated_at of the repository's PRs
};

struct NameLookup {
  enum class Kind { kFound, kMoved, kMissing } kind = Kind::kMissing;
  std::int64_t id = 0;
};

class RepositoryStore {
 public:
  RepositoryStore();

  // Re-renders every repository's constant JSON for URLs under `base_url`.
  void set_base_url(const std::string& base_url);

  // Names must be GitHub-valid ("owner/name", [A-Za-z0-9._-]); throws
  // std::invalid_argument otherwise, or if the name is taken.
  std::int64_t add(const std::string& full_name, int pull_count, const GenerateOptions& options);
  void create_pulls(const std::string& full_name, int count);
  void delete_pull(const std::string& full_name, std::int64_t number);
  // Refresh controls (pull_changes.hpp): the change happens at `now`, or at
  // the repository's newest update if that is later (GitHub's clock never
  // runs behind its own data); new PRs are opened at that moment too.
  void change_pull(const std::string& full_name, std::int64_t number, PullChange change,
                   std::int64_t now);
  void open_pulls(const std::string& full_name, int count, std::int64_t now);
  void rename(const std::string& old_full_name, const std::string& new_full_name);
  std::vector<std::int64_t> pull_numbers(const std::string& full_name) const;
  std::vector<std::int64_t> pull_ids(const std::string& full_name) const;

  // The GitHub id of the repository currently named `full_name`; throws
  // std::invalid_argument for an unknown name.
  std::int64_t id_of(const std::string& full_name) const;
  // Takes the next number of the repository's single sequence, which its
  // pull requests and issues share as on GitHub (numbers of deleted items
  // are never reused); nullopt for an unknown id.
  std::optional<std::int64_t> take_number(std::int64_t id);

  // Case-insensitive, like GitHub; a former name of a renamed repository is
  // kMoved.
  NameLookup lookup(const std::string& owner, const std::string& name) const;
  std::shared_ptr<const RepositoryRendering> rendering(std::int64_t id) const;
  std::optional<PageSlice> page(std::int64_t id, const PageRequest& request) const;

  // Child counts (pull_children.hpp): generated from the repository's
  // options unless set here. Throw std::invalid_argument for an unknown PR.
  void set_child_counts(const std::string& full_name, std::int64_t number, ChildCounts counts);
  // The same as a change on GitHub at `now` (as change_pull): reviews and
  // comments added or deleted move the PR's updated_at, as GitHub's do.
  void change_child_counts(const std::string& full_name, std::int64_t number, ChildCounts counts,
                           std::int64_t now);
  // Review comment `index` of PR `number` edited at `now`: a new body and
  // updated_at, and the PR's updated_at moves. std::invalid_argument for an
  // unknown PR or comment.
  void edit_review_comment(const std::string& full_name, std::int64_t number, std::int64_t index,
                           std::int64_t now);
  ChildCounts child_counts(const std::string& full_name, std::int64_t number) const;
  // The repository's PRs and their child counts as of its last change;
  // nullptr for an unknown id.
  std::shared_ptr<const DepthSnapshot> depth(std::int64_t id) const;

 private:
  struct Repository {
    RepositoryFacts facts;
    GenerateOptions options;
    std::vector<PullRecord> pulls;  // creation order, so sorted by number
    std::int64_t next_number = 1;
    std::shared_ptr<const RepositoryRendering> rendering;
    // Listing orders (indexes into `pulls`, ascending), built on first use
    // and dropped on every change: cheap paging through 100k PRs.
    mutable std::array<std::optional<std::vector<std::uint32_t>>, 6> orders;
    std::map<std::int64_t, ChildCounts> child_overrides;      // by PR number
    std::map<std::int64_t, ChildEdits> review_comment_edits;  // by PR number
    mutable std::shared_ptr<const DepthSnapshot> depth;       // built on first use
  };
  ChildCounts counts_of(const Repository& repository, std::int64_t number) const;

  Repository& by_name(const std::string& full_name);
  const Repository& by_name(const std::string& full_name) const;
  void changed(Repository& repository);
  static std::int64_t newest_update(const Repository& repository);
  const std::vector<std::uint32_t>& order(const Repository& repository, StateFilter state,
                                          SortKey sort) const;

  mutable std::mutex mutex_;
  std::string base_url_;
  std::shared_ptr<const UserPool> users_;
  std::map<std::int64_t, Repository> repositories_;
  std::map<std::string, std::int64_t> current_names_;  // lower-cased
  std::map<std::string, std::int64_t> former_names_;   // lower-cased
  std::int64_t next_id_ = 10'001;
};

}  // namespace fake_github
