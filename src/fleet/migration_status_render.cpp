// Rendering of `backfill check-migration-status`: pure functions of the
// collected status.
#include "backfill/core/text.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "backfill/fleet/migration_status.hpp"
#include "fleet/text_format.hpp"

namespace backfill::fleet {

namespace {

constexpr std::array kKindsInOrder = {VerdictKind::kComplete,     VerdictKind::kIncomplete,
                                      VerdictKind::kNeverStarted, VerdictKind::kStalled,
                                      VerdictKind::kPaused,       VerdictKind::kFailed,
                                      VerdictKind::kUnknown,      VerdictKind::kStale};

std::int64_t count_of(const MigrationStatus& status, VerdictKind kind) {
  return std::count_if(status.repositories.begin(), status.repositories.end(),
                       [&](const RepositoryStatus& r) { return r.verdict.kind == kind; });
}

// PRs GitHub has that are not stored, over the repositories whose count is known.
std::int64_t missing_prs(const MigrationStatus& status) {
  std::int64_t total = 0;
  for (const auto& r : status.repositories) total += r.verdict.gap.value_or(0);
  return total;
}

std::string json_key(VerdictKind kind) {
  std::string key = to_string(kind);
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

std::string summary_line(const MigrationStatus& status) {
  const auto tracked = status.repositories.size();
  if (tracked == 0) {
    return "0 tracked: nothing to check (add repositories with `backfill track OWNER/NAME`)";
  }
  std::string line = std::to_string(tracked) + " tracked:";
  const char* separator = " ";
  for (VerdictKind kind : kKindsInOrder) {
    if (const auto n = count_of(status, kind); n > 0) {
      line += separator + std::to_string(n) + " " + to_string(kind);
      separator = ", ";
    }
  }
  const auto missing = missing_prs(status);
  line += "; " + group_thousands(missing) + (missing == 1 ? " PR" : " PRs") + " not yet stored";
  return line;
}

std::string status_table(const MigrationStatus& status) {
  if (status.repositories.empty()) return summary_line(status) + "\n";
  std::vector<std::vector<std::string>> cells{
      {"REPOSITORY", "VERDICT", "STORED", "GITHUB", "GAP", "STATUS", "LAST PROGRESS"}};
  for (const auto& r : status.repositories) {
    cells.push_back({r.repository, to_string(r.verdict.kind), group_thousands(r.stored),
                     r.github_count ? group_thousands(*r.github_count) : "?",
                     r.verdict.gap ? group_thousands(*r.verdict.gap) : "?",
                     r.status ? store::to_string(*r.status) : "-", r.last_progress.value_or("-")});
  }
  std::string out = aligned_columns(cells, {false, false, true, true, true, false, false});
  // The details (errors, reasons, resume times) are too long for a column.
  bool blank_line = false;
  for (const auto& r : status.repositories) {
    if (r.verdict.kind == VerdictKind::kComplete) continue;
    if (!blank_line) out += "\n";
    blank_line = true;
    out += r.repository + ": " + to_string(r.verdict.kind) + ": " + r.verdict.detail + "\n";
  }
  return out + "\n" + summary_line(status) + "\n";
}

nlohmann::json status_json(const MigrationStatus& status) {
  auto list = nlohmann::json::array();
  for (const auto& r : status.repositories) {
    list.push_back(
        {{"repository", r.repository},
         {"verdict", to_string(r.verdict.kind)},
         {"gap", optional_json(r.verdict.gap)},
         {"stored", r.stored},
         {"github_count", optional_json(r.github_count)},
         {"status", r.status ? nlohmann::json(store::to_string(*r.status)) : nlohmann::json()},
         {"last_progress", optional_json(r.last_progress)},
         {"resume_after", optional_json(r.resume_after)},
         {"last_error", optional_json(r.last_error)},
         {"detail", r.verdict.detail}});
  }
  nlohmann::json summary = {{"tracked", status.repositories.size()}};
  for (VerdictKind kind : kKindsInOrder) summary[json_key(kind)] = count_of(status, kind);
  summary["missing_prs"] = missing_prs(status);
  summary["all_complete"] = all_complete(status);
  summary["line"] = summary_line(status);
  return {{"checked_at", status.checked_at},
          {"stall_after_seconds", status.stall_after.count()},
          {"repositories", list},
          {"summary", summary}};
}

}  // namespace backfill::fleet
