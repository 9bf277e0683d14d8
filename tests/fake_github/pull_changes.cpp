#include "fake_github/pull_changes.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "fake_github/repository_json.hpp"

namespace fake_github {
namespace {

constexpr std::array<std::pair<PullChange, const char*>, 7> kWords = {{
    {PullChange::kMerge, "merge"},
    {PullChange::kClose, "close"},
    {PullChange::kReopen, "reopen"},
    {PullChange::kRetitle, "retitle"},
    {PullChange::kReadyForReview, "ready"},
    {PullChange::kConvertToDraft, "draft"},
    {PullChange::kLabel, "label"},
}};

[[noreturn]] void refuse(const PullRecord& pull, const std::string& why) {
  throw std::invalid_argument("pull #" + std::to_string(pull.number) + ": " + why);
}

}  // namespace

PullChange parse_pull_change(const std::string& word) {
  for (const auto& [change, name] : kWords) {
    if (word == name) return change;
  }
  throw std::invalid_argument("unknown pull request change: " + word);
}

const char* to_string(PullChange change) {
  for (const auto& [c, name] : kWords) {
    if (c == change) return name;
  }
  return "?";
}

void apply_change(PullRecord& pull, PullChange change, std::int64_t at) {
  switch (change) {
    case PullChange::kMerge:
      if (!pull.is_open()) refuse(pull, "a closed pull request cannot be merged");
      pull.closed_at = pull.merged_at = at;
      pull.draft = false;
      break;
    case PullChange::kClose:
      if (!pull.is_open()) refuse(pull, "already closed");
      pull.closed_at = at;
      break;
    case PullChange::kReopen:
      if (pull.is_open()) refuse(pull, "already open");
      if (pull.merged_at != 0) refuse(pull, "a merged pull request cannot be reopened");
      pull.closed_at = 0;
      break;
    case PullChange::kRetitle: ++pull.title_edits; break;
    case PullChange::kReadyForReview:
      if (!pull.draft) refuse(pull, "not a draft");
      pull.draft = false;
      break;
    case PullChange::kConvertToDraft:
      if (!pull.is_open() || pull.draft)
        refuse(pull, "only an open, ready pull request becomes a draft");
      pull.draft = true;
      break;
    case PullChange::kLabel: {
      std::uint8_t mask = pull.label_mask;
      std::size_t free = 0;
      while (free < kLabelCount && (mask & (1u << free)) != 0) ++free;
      mask = free < kLabelCount ? static_cast<std::uint8_t>(mask | (1u << free))
                                : static_cast<std::uint8_t>(mask & ~1u);
      pull.label_mask = mask;
      break;
    }
  }
  pull.updated_at = at;
}

}  // namespace fake_github
