#include "backfill/cli/progress_line.hpp"

#include <cstdio>

#include "backfill/cli/status_table.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/text.hpp"

namespace backfill::cli {

std::string progress_line(const engine::ProgressSnapshot& s) {
  std::string line = s.repo.full() + ": " + group_thousands(s.total_processed) + "/" +
                     group_thousands(s.total_expected) + " PRs";
  if (s.total_expected > 0) line += " (" + percent_done(s.total_processed, s.total_expected) + ")";
  const double seconds = std::chrono::duration<double>(s.elapsed).count();
  if (seconds > 0 && s.stored_this_run > 0) {
    const double rate = static_cast<double>(s.stored_this_run) / seconds;
    line += " · " + group_thousands(static_cast<std::int64_t>(rate)) + " PRs/s";
    const auto left = s.total_expected - s.total_processed;
    if (left > 0) {
      const double eta_seconds = static_cast<double>(left) / rate;
      line +=
          " · ETA " + format_duration(std::chrono::seconds(static_cast<long long>(eta_seconds)));
    }
  }
  if (s.rate.remaining && s.rate.limit) {
    line +=
        " · budget " + group_thousands(*s.rate.remaining) + "/" + group_thousands(*s.rate.limit);
  }
  return line;
}

void ProgressLine::update(const engine::ProgressSnapshot& s) {
  const auto now = clock_.now();
  if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  shown_ = true;
  std::fprintf(stderr, "\r\033[K%s", progress_line(s).c_str());
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (!shown_) return;
  std::fputs("\n", stderr);
  shown_ = false;
}

}  // namespace backfill::cli
