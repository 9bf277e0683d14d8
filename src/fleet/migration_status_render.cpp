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

std::int64_t count_of(const std::vector<RepositoryStatus>& rows, VerdictKind kind) {
  return std::count_if(rows.begin(), rows.end(),
                       [&](const RepositoryStatus& r) { return r.verdict.kind == kind; });
}

std::int64_t count_of(const MigrationStatus& status, VerdictKind kind) {
  return count_of(status.repositories, kind);
}

// "1 complete, 2 incomplete" over the verdicts present, in their order.
std::string verdict_counts(const std::vector<RepositoryStatus>& rows) {
  std::string text;
  const char* separator = " ";
  for (VerdictKind kind : kKindsInOrder) {
    if (const auto n = count_of(rows, kind); n > 0) {
      text += separator + std::to_string(n) + " " + to_string(kind);
      separator = ", ";
    }
  }
  return text;
}

// The depth scopes' table and the lines of those that need attention.
std::string scopes_table(const std::vector<RepositoryStatus>& scopes) {
  std::vector<std::vector<std::string>> cells{
      {"REPOSITORY", "SCOPE", "VERDICT", "STORED", "GITHUB", "GAP", "STATUS", "LAST PROGRESS"}};
  for (const auto& r : scopes) {
    cells.push_back({r.repository, r.scope.value_or(""), to_string(r.verdict.kind),
                     group_thousands(r.stored),
                     r.github_count ? group_thousands(*r.github_count) : "?",
                     r.verdict.gap ? group_thousands(*r.verdict.gap) : "?",
                     r.status ? store::to_string(*r.status) : "-", r.last_progress.value_or("-")});
  }
  std::string out = "\ndepth scopes (--with):\n" +
                    aligned_columns(cells, {false, false, false, true, true, true, false, false});
  bool blank_line = false;
  for (const auto& r : scopes) {
    if (r.verdict.kind == VerdictKind::kComplete) continue;
    if (!blank_line) out += "\n";
    blank_line = true;
    out += r.repository + " (" + r.scope.value_or("") + "): " + to_string(r.verdict.kind) + ": " +
           r.verdict.detail + "\n";
  }
  return out;
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
  std::string line = std::to_string(tracked) + " tracked:" + verdict_counts(status.repositories);
  const auto missing = missing_prs(status);
  line += "; " + group_thousands(missing) + (missing == 1 ? " PR" : " PRs") + " not yet stored";
  if (!status.scopes.empty()) {
    const auto n = status.scopes.size();
    line += "; " + std::to_string(n) + (n == 1 ? " depth scope:" : " depth scopes:") +
            verdict_counts(status.scopes);
  }
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
  if (!status.scopes.empty()) out += scopes_table(status.scopes);
  return out + "\n" + summary_line(status) + "\n";
}

namespace {

nlohmann::json row_json(const RepositoryStatus& r) {
  nlohmann::json j = {
      {"repository", r.repository},
      {"verdict", to_string(r.verdict.kind)},
      {"gap", optional_json(r.verdict.gap)},
      {"stored", r.stored},
      {"github_count", optional_json(r.github_count)},
      {"status", r.status ? nlohmann::json(store::to_string(*r.status)) : nlohmann::json()},
      {"last_progress", optional_json(r.last_progress)},
      {"resume_after", optional_json(r.resume_after)},
      {"last_error", optional_json(r.last_error)},
      {"detail", r.verdict.detail}};
  if (r.scope) j["scope"] = *r.scope;
  return j;
}

}  // namespace

nlohmann::json status_json(const MigrationStatus& status) {
  auto list = nlohmann::json::array();
  for (const auto& r : status.repositories) list.push_back(row_json(r));
  auto scopes = nlohmann::json::array();
  for (const auto& r : status.scopes) scopes.push_back(row_json(r));
  nlohmann::json summary = {{"tracked", status.repositories.size()}};
  for (VerdictKind kind : kKindsInOrder) summary[json_key(kind)] = count_of(status, kind);
  summary["missing_prs"] = missing_prs(status);
  summary["all_complete"] = all_complete(status);
  summary["line"] = summary_line(status);
  nlohmann::json scope_summary = {{"scopes", status.scopes.size()}};
  for (VerdictKind kind : kKindsInOrder) {
    scope_summary[json_key(kind)] = count_of(status.scopes, kind);
  }
  summary["depth_scopes"] = scope_summary;
  return {{"checked_at", status.checked_at},
          {"stall_after_seconds", status.stall_after.count()},
          {"repositories", list},
          {"scopes", scopes},
          {"summary", summary}};
}

}  // namespace backfill::fleet
