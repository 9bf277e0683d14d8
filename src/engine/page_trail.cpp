#include "backfill/engine/page_trail.hpp"

#include <algorithm>
#include <limits>

#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"
#include "backfill/github/link_header.hpp"

namespace backfill::engine {
namespace {

[[noreturn]] void refuse(const std::string& why, const std::string& url) {
  throw github::GitHubError(github::ErrorKind::kRefused, 0,
                            redact("GitHub's Link rel=\"next\" " + why + ": " + url +
                                   "; stopping rather than loop or skip pull requests"));
}

}  // namespace

long PageTrail::max_pages(std::int64_t expected_pulls) {
  // Clamped so that an absurd count cannot overflow the arithmetic.
  const std::int64_t pulls =
      std::clamp<std::int64_t>(expected_pulls, 0, std::numeric_limits<std::int32_t>::max());
  const std::int64_t pages = (pulls + github::kPageSize - 1) / github::kPageSize;
  return static_cast<long>(pages + 10 + (pages + 9) / 10);
}

PageTrail::PageTrail(std::int64_t expected_pulls)
    : expected_pulls_(expected_pulls), max_pages_(max_pages(expected_pulls)) {}

void PageTrail::worked_on(const std::string& url) {
  ++pages_;
  urls_.insert(url);
}

long PageTrail::check_next(long current_page, const std::string& next_url) const {
  const auto next = github::page_param(next_url);
  if (!next) refuse("has no page number", next_url);
  if (urls_.count(next_url)) refuse("repeats a page this run already fetched", next_url);
  if (*next <= current_page) {
    refuse(
        "goes back from page " + std::to_string(current_page) + " to page " + std::to_string(*next),
        next_url);
  }
  if (*next - current_page > 1) {  // both positive: no overflow
    refuse("skips from page " + std::to_string(current_page) + " to page " + std::to_string(*next),
           next_url);
  }
  if (pages_ >= max_pages_) {
    refuse("goes past " + std::to_string(max_pages_) + " pages, more than GitHub's count of " +
               std::to_string(expected_pulls_) + " pull requests allows (with a margin)",
           next_url);
  }
  return *next;
}

}  // namespace backfill::engine
