#pragma once
// The pages a run works on, and the rules a Link rel="next" must keep
// before it is followed. GitHub's next link always names the page after
// the current one of the same listing; a reply that repeats a page, goes
// backwards, skips ahead or never ends would make the run loop forever or
// miss pull requests, so it ends the run (ErrorKind::kRefused, exit 1)
// with a message naming the URL. Pure: no I/O.
#include <cstdint>
#include <set>
#include <string>

namespace backfill::engine {

class PageTrail {
 public:
  // Pages a run may work on when GitHub counted `expected_pulls` at its
  // start: ceil(expected / 100) plus a margin for pull requests opened
  // during the run, 10 pages and 10 % more.
  static long max_pages(std::int64_t expected_pulls);

  explicit PageTrail(std::int64_t expected_pulls);

  // A page this run worked on, by the URL it was fetched from.
  void worked_on(const std::string& url);
  // Throws github::GitHubError (kRefused) naming `next_url` when following
  // it from `current_page` would repeat a page, go backwards, skip pages,
  // or pass max_pages; returns its page number otherwise.
  long check_next(long current_page, const std::string& next_url) const;

  long pages() const { return pages_; }

 private:
  std::int64_t expected_pulls_;
  long max_pages_;
  long pages_ = 0;
  std::set<std::string> urls_;
};

}  // namespace backfill::engine
