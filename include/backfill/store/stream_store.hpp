#pragma once
// What a depth scope's repository-wide streams need from the database (the
// inline review comments of GET /pulls/comments, walked after the scope's
// PR pass): one row per repository, scope and stream (backfill_streams,
// migration 0008) holding the stream's cursor, written with each page's
// rows in ONE transaction. Both engines implement it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backfill/core/pull_request_depth.hpp"
#include "backfill/store/records.hpp"

namespace backfill::store {

inline constexpr const char* kReviewCommentStream = "review_comments";

struct StreamProgress {
  // The scope's PR pass reached its end (since the last --restart): a
  // resumed run goes straight to the stream. `pass_total` is GitHub's count
  // of PRs at that end.
  bool pass_ended = false;
  std::int64_t pass_total = 0;
  // The stream reached the listing's end after that.
  bool ended = false;
  // The last page committed (0: none) and the largest github_id on it: a
  // resume refetches that page, one page of overlap, since deletions shift
  // later comments back.
  long page = 0;
  std::optional<std::int64_t> last_github_id;
  std::int64_t rows = 0;  // rows the stream has written, overlaps included
};

struct StreamKey {
  std::string repository_id;
  std::string scope;   // DepthScope::key()
  std::string stream;  // kReviewCommentStream
};

// One page of the stream, ONE transaction: the comments' authors, the
// comments (upserted by (kind, github_id); linked to their PR when it is
// stored, else kept with its number), the stream's cursor, the scope's
// chunk counter and points, and a backfill_chunks row (pr_count 0).
struct StreamPageWrite {
  StreamKey key;
  long page = 0;
  std::optional<std::int64_t> last_github_id;
  bool ended = false;  // the page had no rel="next"
  std::vector<RepositoryComment> comments;
  std::string now;
  ChunkMetrics metrics;
  std::int64_t points = 0;  // REST requests the page cost (1 point each)
};

// One page of a PR's inline review comments in a refresh of a depth scope
// (GET /repos/{o}/{r}/pulls/{n}/comments), ONE transaction: the comments
// and their authors upserted as a stream page's are; on the PR's last page
// (`on_github` set: the ids of every page) the PR's stored review comments
// that GitHub no longer lists are deleted, linked to the PR or not yet.
// Conversation comments (kind 'issue') are never touched.
struct PullReviewCommentsWrite {
  std::string repository_id;
  std::int64_t pull_number = 0;
  std::vector<RepositoryComment> comments;
  std::optional<std::vector<std::int64_t>> on_github;
  std::string now;
};

class StreamStore {
 public:
  virtual ~StreamStore() = default;

  virtual std::optional<StreamProgress> load_stream(const StreamKey& key) = 0;
  // --restart: back to the first page, and the PR pass has to run again.
  virtual void reset_stream(const StreamKey& key, const std::string& now) = 0;
  // The PR pass ended: the stream (created if missing) is to be walked,
  // from its stored page.
  virtual void start_stream(const StreamKey& key, std::int64_t pass_total,
                            const std::string& now) = 0;
  virtual void write_stream_page(const StreamPageWrite& page) = 0;
  // Returns how many stored review comments were deleted.
  virtual std::int64_t write_pull_review_comments(const PullReviewCommentsWrite& page) = 0;
};

}  // namespace backfill::store
