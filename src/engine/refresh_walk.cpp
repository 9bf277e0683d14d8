#include "backfill/engine/refresh_walk.hpp"

#include <stdexcept>

namespace backfill::engine {

namespace {

std::optional<SystemTime> readable(const std::string& text) {
  try {
    return parse_iso8601(text);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

}  // namespace

RefreshWalk::RefreshWalk(const std::optional<std::string>& watermark,
                         std::chrono::seconds overlap) {
  if (!watermark) return;
  stop_below_ = parse_iso8601(*watermark) - overlap;
}

std::vector<PullRequest> RefreshWalk::take(const std::vector<PullRequest>& page) {
  std::vector<PullRequest> out;
  for (const auto& pull : page) {
    const Met met = meet(pull.github_id, pull.updated_at);
    if (met == Met::kEnd) break;
    if (met == Met::kWrite) out.push_back(pull);
  }
  return out;
}

RefreshWalk::Met RefreshWalk::meet(std::int64_t github_id, const std::string& updated_at) {
  if (reached_end_) return Met::kEnd;
  if (!new_watermark_) new_watermark_ = updated_at;
  const auto updated = readable(updated_at);
  // An unreadable time is written (the store then refuses it, naming the
  // pull request) rather than taken for the end of the walk.
  if (stop_below_ && updated && *updated < *stop_below_) {
    reached_end_ = true;
    return Met::kEnd;
  }
  return seen_.insert(github_id).second ? Met::kWrite : Met::kAgain;
}

std::optional<std::string> first_watermark(const std::optional<std::string>& backfill_started_at) {
  if (!backfill_started_at) return std::nullopt;
  const auto started = readable(*backfill_started_at);
  if (!started) return std::nullopt;
  return format_iso8601(*started);
}

}  // namespace backfill::engine
