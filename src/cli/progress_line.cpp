#include "backfill/cli/progress_line.hpp"

#include <cstdio>

#include "backfill/core/duration.hpp"

namespace backfill::cli {

std::string group_thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string progress_line(const engine::ProgressSnapshot& s) {
  std::string line = s.repo.full() + ": " + group_thousands(s.total_processed) + "/" +
                     group_thousands(s.total_expected) + " PRs";
  if (s.total_expected > 0) {
    char pct[16];
    std::snprintf(pct, sizeof pct, " (%.1f%%)",
                  std::min(100.0, 100.0 * static_cast<double>(s.total_processed) /
                                      static_cast<double>(s.total_expected)));
    line += pct;
  }
  const double seconds = std::chrono::duration<double>(s.elapsed).count();
  if (seconds > 0 && s.stored_this_run > 0) {
    const double rate = static_cast<double>(s.stored_this_run) / seconds;
    line += " · " + group_thousands(static_cast<std::int64_t>(rate)) + " PRs/s";
    const auto left = s.total_expected - s.total_processed;
    if (left > 0) {
      line += " · ETA " + format_duration(std::chrono::seconds(static_cast<long long>(left / rate)));
    }
  }
  if (s.rate.remaining && s.rate.limit) {
    line += " · budget " + group_thousands(*s.rate.remaining) + "/" + group_thousands(*s.rate.limit);
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
