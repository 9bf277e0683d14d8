#pragma once
// A real store with a hook on its chunk writes, for tests of what happens
// while a chunk is written (engine/prefetch.hpp): every call goes to the
// inner store; each chunk write (list or depth) first runs `before_write`
// with its 1-based number, on the thread that writes. The hook may wait or
// throw (a write that fails, nothing of the chunk stored).
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>

#include "backfill/store/store.hpp"

namespace backfill::testing {

class WatchedStore final : public store::BackfillStore,
                           public store::DepthStore,
                           public store::StreamStore {
 public:
  explicit WatchedStore(store::Store& inner) : inner_(inner) {}

  std::function<void(int write)> before_write;
  // The same for the review comment stream's pages, numbered apart.
  std::function<void(int write)> before_stream_write;

  std::optional<store::Repository> find_repository(const RepoName& repo) override;
  store::Repository upsert_repository(std::int64_t github_id, const RepoName& name,
                                      const std::string& now) override;
  bool mark_tracked(const std::string& id, const std::string& now) override;
  void record_github_pull_count(const std::string& id, std::int64_t count,
                                const std::string& now) override;
  std::unique_ptr<store::RepositoryLock> try_lock_repository(
      const store::Repository& repo) override;
  std::optional<store::Progress> load_progress(const std::string& id) override;
  void begin_run(const std::string& id, std::int64_t expected, bool restart,
                 const std::string& now) override;
  std::int64_t upsert_chunk(const store::ChunkWrite& chunk) override;
  void finish_run(const std::string& id, const store::RunEnd& end) override;
  void complete_run(const std::string& id, std::int64_t expected, const std::string& now) override;
  std::string start_run_record(const store::RunRecordStart& start) override;
  void finish_run_record(const std::string& run_id, const store::RunRecordEnd& end) override;

  std::optional<store::Progress> load_scope(const std::string& id,
                                            const std::string& scope) override;
  void begin_scope(const std::string& id, const std::string& scope, std::int64_t expected,
                   bool restart, const std::string& now) override;
  std::int64_t upsert_deep_chunk(const store::DeepChunkWrite& chunk) override;
  void upsert_pull_children(const store::PullChildrenWrite& children) override;
  void finish_scope(const std::string& id, const std::string& scope,
                    const store::RunEnd& end) override;
  void complete_scope(const std::string& id, const std::string& scope, std::int64_t expected,
                      const std::string& now) override;
  void set_backfill_with(const std::string& id, const std::optional<std::string>& with) override;
  std::optional<std::string> backfill_with(const std::string& id) override;
  std::vector<store::ScopeSummary> scopes(const std::optional<RepoName>& repo) override;
  std::optional<store::StreamProgress> load_stream(const store::StreamKey& key) override;
  void reset_stream(const store::StreamKey& key, const std::string& now) override;
  void start_stream(const store::StreamKey& key, std::int64_t pass_total,
                    const std::string& now) override;
  void write_stream_page(const store::StreamPageWrite& page) override;
  std::int64_t write_pull_review_comments(const store::PullReviewCommentsWrite& page) override;

 private:
  void watch();

  store::Store& inner_;
  int writes_ = 0;
  int stream_writes_ = 0;
};

// Requests as they arrive, from whatever thread serves them, and a wait for
// the n-th: it gives up after a generous deadline, which only a run that
// never makes that request (or makes it only later) reaches.
class ArrivalCount {
 public:
  void arrived();
  std::size_t count() const;
  bool wait_for(std::size_t n);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t count_ = 0;
};

}  // namespace backfill::testing
