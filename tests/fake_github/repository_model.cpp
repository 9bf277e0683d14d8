#include "fake_github/repository_model.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "fake_github/pull_json.hpp"

namespace fake_github {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool valid_part(const std::string& part) {
  if (part.empty() || part == "." || part == "..") return false;
  return std::all_of(part.begin(), part.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::pair<std::string, std::string> split_full_name(const std::string& full_name) {
  const auto slash = full_name.find('/');
  if (slash == std::string::npos) throw std::invalid_argument("not owner/name: " + full_name);
  std::string owner = full_name.substr(0, slash);
  std::string name = full_name.substr(slash + 1);
  if (!valid_part(owner) || !valid_part(name)) {
    throw std::invalid_argument("not a valid GitHub repository name: " + full_name);
  }
  return {owner, name};
}

std::int64_t count_open(const std::vector<PullRecord>& pulls) {
  return std::count_if(pulls.begin(), pulls.end(), [](const PullRecord& p) { return p.is_open(); });
}

// PR `number` of the repository `full_name` (its pulls are by number).
std::vector<PullRecord>::iterator find_pull(std::vector<PullRecord>& pulls,
                                            const std::string& full_name, std::int64_t number) {
  const auto it =
      std::lower_bound(pulls.begin(), pulls.end(), number,
                       [](const PullRecord& p, std::int64_t n) { return p.number < n; });
  if (it == pulls.end() || it->number != number) {
    throw std::invalid_argument("no pull #" + std::to_string(number) + " in " + full_name);
  }
  return it;
}

}  // namespace

RepositoryStore::RepositoryStore() : users_(std::make_shared<UserPool>("")) {}

void RepositoryStore::set_base_url(const std::string& base_url) {
  std::lock_guard lock(mutex_);
  base_url_ = base_url;
  users_ = std::make_shared<UserPool>(base_url_);
  for (auto& [id, repository] : repositories_) changed(repository);
}

std::int64_t RepositoryStore::add(const std::string& full_name, int pull_count,
                                  const GenerateOptions& options) {
  auto [owner, name] = split_full_name(full_name);
  std::lock_guard lock(mutex_);
  const std::string key = lower(full_name);
  if (current_names_.count(key) != 0)
    throw std::invalid_argument("repository exists: " + full_name);
  former_names_.erase(key);  // the name now belongs to the new repository
  const std::int64_t id = next_id_++;
  Repository& repository = repositories_[id];
  repository.facts = RepositoryFacts{id, owner, name, 0};
  repository.options = options;
  repository.pulls.reserve(static_cast<std::size_t>(std::max(pull_count, 0)));
  for (int n = 1; n <= pull_count; ++n) {
    repository.pulls.push_back(generate_pull(options, n, users_->size()));
  }
  repository.next_number = pull_count + 1;
  current_names_[key] = id;
  changed(repository);
  return id;
}

void RepositoryStore::create_pulls(const std::string& full_name, int count) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  for (int i = 0; i < count; ++i) {
    repository.pulls.push_back(
        generate_new_pull(repository.options, repository.next_number++, users_->size()));
  }
  changed(repository);
}

void RepositoryStore::delete_pull(const std::string& full_name, std::int64_t number) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  const auto it = find_pull(repository.pulls, full_name, number);
  repository.pulls.erase(it);
  changed(repository);
}

void RepositoryStore::change_pull(const std::string& full_name, std::int64_t number,
                                  PullChange change, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  const auto it = find_pull(repository.pulls, full_name, number);
  apply_change(*it, change, std::max(now, newest_update(repository)));
  changed(repository);
}

void RepositoryStore::open_pulls(const std::string& full_name, int count, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  std::int64_t at = std::max(now, newest_update(repository));
  if (!repository.pulls.empty()) at = std::max(at, repository.pulls.back().created_at);
  for (int i = 0; i < count; ++i) {
    PullRecord pull =
        generate_new_pull(repository.options, repository.next_number++, users_->size());
    pull.created_at = pull.updated_at = at;
    repository.pulls.push_back(pull);
  }
  changed(repository);
}

std::int64_t RepositoryStore::newest_update(const Repository& repository) {
  std::int64_t newest = 0;
  for (const PullRecord& pull : repository.pulls) newest = std::max(newest, pull.updated_at);
  return newest;
}

void RepositoryStore::rename(const std::string& old_full_name, const std::string& new_full_name) {
  auto [owner, name] = split_full_name(new_full_name);
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(old_full_name);
  const std::string old_key = lower(old_full_name);
  const std::string new_key = lower(new_full_name);
  if (old_key != new_key && current_names_.count(new_key) != 0) {
    throw std::invalid_argument("repository exists: " + new_full_name);
  }
  current_names_.erase(old_key);
  former_names_[old_key] = repository.facts.id;
  former_names_.erase(new_key);
  current_names_[new_key] = repository.facts.id;
  repository.facts.owner = owner;
  repository.facts.name = name;
  changed(repository);
}

std::vector<std::int64_t> RepositoryStore::pull_numbers(const std::string& full_name) const {
  std::lock_guard lock(mutex_);
  std::vector<std::int64_t> numbers;
  for (const PullRecord& pull : by_name(full_name).pulls) numbers.push_back(pull.number);
  return numbers;
}

std::vector<std::int64_t> RepositoryStore::pull_ids(const std::string& full_name) const {
  std::lock_guard lock(mutex_);
  const Repository& repository = by_name(full_name);
  std::vector<std::int64_t> ids;
  for (const PullRecord& pull : repository.pulls) {
    ids.push_back(pull_global_id(repository.facts.id, pull.number));
  }
  return ids;
}

std::int64_t RepositoryStore::id_of(const std::string& full_name) const {
  std::lock_guard lock(mutex_);
  return by_name(full_name).facts.id;
}

std::optional<std::int64_t> RepositoryStore::take_number(std::int64_t id) {
  std::lock_guard lock(mutex_);
  const auto it = repositories_.find(id);
  if (it == repositories_.end()) return std::nullopt;
  return it->second.next_number++;
}

NameLookup RepositoryStore::lookup(const std::string& owner, const std::string& name) const {
  const std::string key = lower(owner + "/" + name);
  std::lock_guard lock(mutex_);
  if (auto it = current_names_.find(key); it != current_names_.end()) {
    return {NameLookup::Kind::kFound, it->second};
  }
  if (auto it = former_names_.find(key); it != former_names_.end()) {
    return {NameLookup::Kind::kMoved, it->second};
  }
  return {};
}

std::shared_ptr<const RepositoryRendering> RepositoryStore::rendering(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  const auto it = repositories_.find(id);
  return it == repositories_.end() ? nullptr : it->second.rendering;
}

std::optional<PageSlice> RepositoryStore::page(std::int64_t id, const PageRequest& request) const {
  std::lock_guard lock(mutex_);
  const auto it = repositories_.find(id);
  if (it == repositories_.end()) return std::nullopt;
  const Repository& repository = it->second;
  const std::vector<std::uint32_t>& sorted = order(repository, request.state, request.sort);

  PageSlice slice;
  slice.rendering = repository.rendering;
  slice.seed = repository.options.seed;
  slice.total = static_cast<std::int64_t>(sorted.size());
  if (!repository.pulls.empty()) {
    // The newest update is the last of the updated order, cached as it is.
    const auto& by_update = order(repository, StateFilter::kAll, SortKey::kUpdated);
    slice.last_modified = repository.pulls[by_update.back()].updated_at;
  }
  const std::int64_t first = (request.page - 1) * request.per_page;
  const std::int64_t end = std::min(slice.total, first + request.per_page);
  for (std::int64_t i = first; i < end; ++i) {
    const std::int64_t position = request.ascending ? i : slice.total - 1 - i;
    slice.pulls.push_back(repository.pulls[sorted[static_cast<std::size_t>(position)]]);
  }
  return slice;
}

RepositoryStore::Repository& RepositoryStore::by_name(const std::string& full_name) {
  return const_cast<Repository&>(std::as_const(*this).by_name(full_name));
}

const RepositoryStore::Repository& RepositoryStore::by_name(const std::string& full_name) const {
  const auto it = current_names_.find(lower(full_name));
  if (it == current_names_.end()) throw std::invalid_argument("no repository " + full_name);
  return repositories_.at(it->second);
}

void RepositoryStore::set_child_counts(const std::string& full_name, std::int64_t number,
                                       ChildCounts counts) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  const auto& pulls = repository.pulls;
  const bool known = std::binary_search(
      pulls.begin(), pulls.end(), PullRecord{number},
      [](const PullRecord& a, const PullRecord& b) { return a.number < b.number; });
  if (!known)
    throw std::invalid_argument("no pull #" + std::to_string(number) + " in " + full_name);
  repository.child_overrides[number] = normalized(counts);
  repository.depth.reset();
}

void RepositoryStore::change_child_counts(const std::string& full_name, std::int64_t number,
                                          ChildCounts counts, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  const auto it = find_pull(repository.pulls, full_name, number);
  repository.child_overrides[number] = normalized(counts);
  // A deleted review comment's edits go with it; one added later is new.
  auto& edits = repository.review_comment_edits[number];
  edits.erase(edits.lower_bound(repository.child_overrides[number].review_comments), edits.end());
  it->updated_at = std::max(now, newest_update(repository));
  changed(repository);
}

void RepositoryStore::edit_review_comment(const std::string& full_name, std::int64_t number,
                                          std::int64_t index, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Repository& repository = by_name(full_name);
  const auto it = find_pull(repository.pulls, full_name, number);
  if (index < 0 || index >= counts_of(repository, number).review_comments) {
    throw std::invalid_argument("no review comment " + std::to_string(index) + " on pull #" +
                                std::to_string(number) + " in " + full_name);
  }
  const std::int64_t at = std::max(now, newest_update(repository));
  ChildEdit& edit = repository.review_comment_edits[number][index];
  edit.at = at;
  ++edit.revision;
  it->updated_at = at;
  changed(repository);
}

ChildCounts RepositoryStore::child_counts(const std::string& full_name, std::int64_t number) const {
  std::lock_guard lock(mutex_);
  return counts_of(by_name(full_name), number);
}

ChildCounts RepositoryStore::counts_of(const Repository& repository, std::int64_t number) const {
  const auto it = repository.child_overrides.find(number);
  return it != repository.child_overrides.end()
             ? it->second
             : generated_child_counts(repository.options, number);
}

std::shared_ptr<const DepthSnapshot> RepositoryStore::depth(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  const auto it = repositories_.find(id);
  if (it == repositories_.end()) return nullptr;
  const Repository& repository = it->second;
  if (!repository.depth) {
    std::vector<ChildCounts> counts;
    counts.reserve(repository.pulls.size());
    for (const PullRecord& pull : repository.pulls)
      counts.push_back(counts_of(repository, pull.number));
    repository.depth =
        make_depth_snapshot(repository.rendering, repository.options.seed, repository.pulls,
                            std::move(counts), repository.review_comment_edits);
  }
  return repository.depth;
}

void RepositoryStore::changed(Repository& repository) {
  repository.depth.reset();
  for (auto& cached : repository.orders) cached.reset();
  repository.facts.open_pulls = count_open(repository.pulls);
  repository.rendering = render_repository(base_url_, repository.facts, users_);
}

const std::vector<std::uint32_t>& RepositoryStore::order(const Repository& repository,
                                                         StateFilter state, SortKey sort) const {
  auto& cached =
      repository.orders[static_cast<std::size_t>(state) * 2 + static_cast<std::size_t>(sort)];
  if (cached) return *cached;
  const auto& pulls = repository.pulls;
  std::vector<std::uint32_t> indexes;
  indexes.reserve(pulls.size());
  for (std::uint32_t i = 0; i < pulls.size(); ++i) {
    if (state == StateFilter::kAll || pulls[i].is_open() == (state == StateFilter::kOpen)) {
      indexes.push_back(i);
    }
  }
  // Creation order is the storage order; by update time, ties go to the
  // older PR so the order is total and pages never overlap.
  if (sort == SortKey::kUpdated) {
    std::stable_sort(indexes.begin(), indexes.end(), [&](std::uint32_t a, std::uint32_t b) {
      return pulls[a].updated_at < pulls[b].updated_at;
    });
  }
  cached = std::move(indexes);
  return *cached;
}

}  // namespace fake_github
