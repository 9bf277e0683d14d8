#pragma once
// What happens to a pull request on GitHub between (or during) runs, for
// tests of refresh: each change is applied at a moment `at` (the server's
// clock) and moves updated_at there, as GitHub does for every change of the
// pull request. Changes GitHub would refuse (merging a closed pull request,
// reopening a merged one, ...) throw std::invalid_argument.
#include <cstdint>
#include <string>

#include "fake_github/pull_generation.hpp"

namespace fake_github {

enum class PullChange {
  kMerge,           // closed and merged (a draft is marked ready first)
  kClose,           // closed without merging
  kReopen,          // open again (not for a merged one)
  kRetitle,         // a new title
  kReadyForReview,  // draft -> ready
  kConvertToDraft,  // ready -> draft (open ones only)
  kLabel,           // a label added (or, with every label on, one taken off)
};

// "merge", "close", "reopen", "retitle", "ready", "draft", "label".
PullChange parse_pull_change(const std::string& word);  // std::invalid_argument otherwise
const char* to_string(PullChange change);

void apply_change(PullRecord& pull, PullChange change, std::int64_t at);

}  // namespace fake_github
