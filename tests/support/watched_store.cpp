#include "support/watched_store.hpp"

#include <chrono>

namespace backfill::testing {

void WatchedStore::watch() {
  const int write = ++writes_;
  if (before_write) before_write(write);
}

std::optional<store::Repository> WatchedStore::find_repository(const RepoName& repo) {
  return inner_.find_repository(repo);
}
store::Repository WatchedStore::upsert_repository(std::int64_t github_id, const RepoName& name,
                                                  const std::string& now) {
  return inner_.upsert_repository(github_id, name, now);
}
bool WatchedStore::mark_tracked(const std::string& id, const std::string& now) {
  return inner_.mark_tracked(id, now);
}
void WatchedStore::record_github_pull_count(const std::string& id, std::int64_t count,
                                            const std::string& now) {
  inner_.record_github_pull_count(id, count, now);
}
std::unique_ptr<store::RepositoryLock> WatchedStore::try_lock_repository(
    const store::Repository& repo) {
  return inner_.try_lock_repository(repo);
}
std::optional<store::Progress> WatchedStore::load_progress(const std::string& id) {
  return inner_.load_progress(id);
}
void WatchedStore::begin_run(const std::string& id, std::int64_t expected, bool restart,
                             const std::string& now) {
  inner_.begin_run(id, expected, restart, now);
}
std::int64_t WatchedStore::upsert_chunk(const store::ChunkWrite& chunk) {
  watch();
  return inner_.upsert_chunk(chunk);
}
void WatchedStore::finish_run(const std::string& id, const store::RunEnd& end) {
  inner_.finish_run(id, end);
}
void WatchedStore::complete_run(const std::string& id, std::int64_t expected,
                                const std::string& now) {
  inner_.complete_run(id, expected, now);
}
std::string WatchedStore::start_run_record(const store::RunRecordStart& start) {
  return inner_.start_run_record(start);
}
void WatchedStore::finish_run_record(const std::string& run_id, const store::RunRecordEnd& end) {
  inner_.finish_run_record(run_id, end);
}

std::optional<store::Progress> WatchedStore::load_scope(const std::string& id,
                                                        const std::string& scope) {
  return inner_.load_scope(id, scope);
}
void WatchedStore::begin_scope(const std::string& id, const std::string& scope,
                               std::int64_t expected, bool restart, const std::string& now) {
  inner_.begin_scope(id, scope, expected, restart, now);
}
std::int64_t WatchedStore::upsert_deep_chunk(const store::DeepChunkWrite& chunk) {
  watch();
  return inner_.upsert_deep_chunk(chunk);
}
void WatchedStore::upsert_pull_children(const store::PullChildrenWrite& children) {
  inner_.upsert_pull_children(children);
}
void WatchedStore::finish_scope(const std::string& id, const std::string& scope,
                                const store::RunEnd& end) {
  inner_.finish_scope(id, scope, end);
}
void WatchedStore::complete_scope(const std::string& id, const std::string& scope,
                                  std::int64_t expected, const std::string& now) {
  inner_.complete_scope(id, scope, expected, now);
}
void WatchedStore::set_backfill_with(const std::string& id,
                                     const std::optional<std::string>& with) {
  inner_.set_backfill_with(id, with);
}
std::optional<std::string> WatchedStore::backfill_with(const std::string& id) {
  return inner_.backfill_with(id);
}
std::vector<store::ScopeSummary> WatchedStore::scopes(const std::optional<RepoName>& repo) {
  return inner_.scopes(repo);
}

std::optional<store::StreamProgress> WatchedStore::load_stream(const store::StreamKey& key) {
  return inner_.load_stream(key);
}

void WatchedStore::reset_stream(const store::StreamKey& key, const std::string& now) {
  inner_.reset_stream(key, now);
}

void WatchedStore::start_stream(const store::StreamKey& key, std::int64_t pass_total,
                                const std::string& now) {
  inner_.start_stream(key, pass_total, now);
}

void WatchedStore::write_stream_page(const store::StreamPageWrite& page) {
  ++stream_writes_;
  if (before_stream_write) before_stream_write(stream_writes_);
  inner_.write_stream_page(page);
}

std::int64_t WatchedStore::write_pull_review_comments(const store::PullReviewCommentsWrite& page) {
  return inner_.write_pull_review_comments(page);
}

void ArrivalCount::arrived() {
  std::lock_guard lock(mutex_);
  ++count_;
  changed_.notify_all();
}

std::size_t ArrivalCount::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

bool ArrivalCount::wait_for(std::size_t n) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return count_ >= n; });
}

}  // namespace backfill::testing
