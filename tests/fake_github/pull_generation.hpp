#pragma once
// Deterministic pull requests: everything about PR #n of a repository follows
// from (seed, n), so 100,000 PRs cost a few megabytes of compact records and
// titles/bodies are written straight into the response when a page is served.
#include <cstdint>
#include <string>

#include "fake_github/fake_github.hpp"

namespace fake_github {

// The awkward cases of GenerateOptions::awkward_every, in rotation order.
enum class AwkwardCase : std::uint8_t {
  kNone,
  kNulInBody,
  kNonBmpText,
  kHugeBody,
  kNullBody,
  kNullUser,
  kDraft,
  kMerged,
  kClosedUnmerged,
};
inline constexpr int kAwkwardCaseCount = 8;
inline constexpr std::size_t kHugeBodyLength = 70'000;

// 2015-01-01T00:00:00Z: the first PR of every repository is created 37
// minutes after it, PR #n at n * 37 minutes.
inline constexpr std::int64_t kHistoryStartEpoch = 1'420'070'400;
inline constexpr std::int64_t kSecondsBetweenPulls = 37 * 60;

struct PullRecord {
  std::int64_t number = 0;
  std::int64_t created_at = 0;  // epoch seconds
  std::int64_t updated_at = 0;
  std::int64_t closed_at = 0;        // 0: open
  std::int64_t merged_at = 0;        // 0: not merged
  std::int32_t user_index = -1;      // into the UserPool; -1: deleted account
  std::int32_t assignee_index = -1;  // -1: nobody
  std::uint8_t label_mask = 0;       // bits into the repository's label set
  AwkwardCase awkward = AwkwardCase::kNone;
  bool draft = false;
  std::uint16_t title_edits = 0;  // retitles (pull_changes.hpp): the title says which
  // Its generated children happened by these times (its closing, or last
  // update while open, and its last update, as generated): a later change
  // of the PR moves its updated_at, never its comments' times, as on GitHub.
  std::int64_t children_end = 0;
  std::int64_t edits_end = 0;

  bool is_open() const { return closed_at == 0; }
};

AwkwardCase awkward_case_for(int awkward_every, std::int64_t number);

// PR `number` as it stands in a freshly generated history.
PullRecord generate_pull(const GenerateOptions& options, std::int64_t number,
                         std::size_t user_count);
// PR `number` just opened (create_pulls): open, updated when created.
PullRecord generate_new_pull(const GenerateOptions& options, std::int64_t number,
                             std::size_t user_count);

// Append the JSON value (string literal, or null for a null body) of the
// title, body and head branch.
void append_title_json(std::string& out, std::uint64_t seed, const PullRecord& pull);
void append_body_json(std::string& out, std::uint64_t seed, const PullRecord& pull);
std::string head_ref_for(const PullRecord& pull);

}  // namespace fake_github
