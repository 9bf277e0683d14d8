// `backfill track` and `backfill untrack`: the registry of repositories.
#include <ostream>
#include <unordered_set>

#include "backfill/cli/fleet_commands.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/core/text.hpp"
#include "backfill/engine/github_session.hpp"
#include "backfill/store/store.hpp"
#include "cli/open_store.hpp"

namespace backfill::cli {

namespace {

// Every name is checked before anything is done, and each repository is
// handled once however it is spelled.
std::vector<RepoName> distinct_names(const std::vector<std::string>& texts) {
  if (texts.empty()) throw UsageError("name at least one repository, OWNER/NAME");
  std::vector<RepoName> names;
  std::unordered_set<std::string> seen;
  for (const auto& text : texts) {
    RepoName name = parse_repo_name(text);
    if (seen.insert(name.key()).second) names.push_back(std::move(name));
  }
  return names;
}

// A rejected token or a stop request would fail every other repository alike.
bool ends_the_command(const github::GitHubError& e) {
  return e.kind() == github::ErrorKind::kUnauthorized || e.kind() == github::ErrorKind::kCancelled;
}

std::string prs(std::int64_t n) { return group_thousands(n) + (n == 1 ? " PR" : " PRs"); }

}  // namespace

int command_track(const Config& config, const std::vector<std::string>& repos, std::ostream& out,
                  Clock& clock) {
  const auto names = distinct_names(repos);
  auto store = open_migrated_store(config);
  engine::GitHubSession github(session_settings_from(config), clock, process_cancel_token());
  int code = kExitCompleted;
  for (const auto& asked : names) {
    try {
      const auto info = github.repository(asked);
      const auto count = github.count_pulls(info.name);
      const auto tracked =
          store->track_repository(info.github_id, info.name, count, format_iso8601(clock.now()));
      const auto& stored = tracked.repository.name;
      // Remembered for the scheduler and workers: `track --with LIST`
      // schedules the depth scope; a plain `track` leaves what was set.
      if (config.with.any()) store->set_backfill_with(tracked.repository.id, config.with.key());
      const std::string renamed = stored.key() == asked.key() ? "" : ", asked as " + asked.full();
      if (tracked.newly_tracked) {
        out << "tracked " << stored.full() << " (GitHub id " << info.github_id << ", " << prs(count)
            << renamed << ")\n";
      } else {
        out << "already tracked: " << stored.full() << " (" << prs(count) << renamed << ")\n";
      }
    } catch (const github::GitHubError& e) {
      if (ends_the_command(e)) throw;
      out << "cannot track " << asked.full() << ": " << redact(e.what()) << "\n";
      code = kExitFailed;
    } catch (const FatalError& e) {
      out << "cannot track " << asked.full() << ": " << redact(e.what()) << "\n";
      code = kExitFailed;
    }
  }
  return code;
}

int command_track(const Config& config, const std::vector<std::string>& repos, std::ostream& out) {
  SystemClock clock;
  return command_track(config, repos, out, clock);
}

int command_untrack(const Config& config, const std::vector<std::string>& repos,
                    std::ostream& out) {
  const auto names = distinct_names(repos);
  auto store = open_migrated_store(config);
  int code = kExitCompleted;
  for (const auto& asked : names) {
    const auto stored = store->find_repository(asked);
    if (!stored) {
      out << "not stored: " << asked.full() << " (nothing to untrack)\n";
      code = kExitFailed;
    } else if (store->untrack_repository(stored->id)) {
      out << "untracked " << stored->name.full() << " (its stored data stays)\n";
    } else {
      out << "already untracked: " << stored->name.full() << "\n";
    }
  }
  return code;
}

}  // namespace backfill::cli
