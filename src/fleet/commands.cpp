#include "backfill/fleet/commands.hpp"

#include <ostream>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "backfill/actions/step_summary.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/fleet/migration_status.hpp"
#include "backfill/store/store.hpp"
#include "backfill/core/text.hpp"
#include "fleet/github_session.hpp"
#include "fleet/text_format.hpp"

namespace backfill::fleet {

namespace {

std::unique_ptr<store::Store> open_migrated_store(const cli::Config& config) {
  auto store = store::open_store(config.database_url);
  store->migrate();
  return store;
}

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

int command_track(const cli::Config& config, const std::vector<std::string>& repos,
                  std::ostream& out, Clock& clock) {
  const auto names = distinct_names(repos);
  auto store = open_migrated_store(config);
  GitHubSession github(config, clock, process_cancel_token());
  int code = kExitCompleted;
  for (const auto& asked : names) {
    try {
      const auto info = github.repository(asked);
      const auto count = github.count_pulls(info.name);
      const auto tracked =
          store->track_repository(info.github_id, info.name, count, format_iso8601(clock.now()));
      const auto& stored = tracked.repository.name;
      const std::string renamed = stored.key() == asked.key() ? "" : ", asked as " + asked.full();
      if (tracked.newly_tracked) {
        out << "tracked " << stored.full() << " (GitHub id " << info.github_id << ", "
            << prs(count) << renamed << ")\n";
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

int command_track(const cli::Config& config, const std::vector<std::string>& repos,
                  std::ostream& out) {
  SystemClock clock;
  return command_track(config, repos, out, clock);
}

int command_untrack(const cli::Config& config, const std::vector<std::string>& repos,
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

int command_route(const cli::Config& config, const RouteOptions& options, std::ostream& out) {
  SystemClock clock;
  GitHubSession github(config, clock, process_cancel_token());
  const auto count = github.count_pulls(options.repo);
  const auto decision = route(options.repo, count, options.settings);
  if (!options.json) {
    out << describe(decision) << "\n";
    return kExitCompleted;
  }
  const nlohmann::json result = {{"repository", options.repo.full()},
                                 {"target", to_string(decision.target)},
                                 {"rule", to_string(decision.rule)},
                                 {"reason", decision.reason},
                                 {"pull_count", decision.pull_count},
                                 {"bucket", decision.bucket},
                                 {"actions_threshold", options.settings.actions_threshold},
                                 {"actions_percentage", options.settings.actions_percentage}};
  out << result.dump(2) << "\n";
  return kExitCompleted;
}

int command_check_migration_status(const cli::Config& config, const CheckOptions& options,
                                   std::ostream& out, Clock& clock) {
  auto store = open_migrated_store(config);
  GitHubSession github(config, clock, process_cancel_token());
  const auto status = collect_migration_status(
      *store, [&](const RepoName& repo) { return github.count_pulls(repo); }, clock.now(),
      options.stall_after);
  std::vector<ScheduledItem> scheduled;
  if (options.schedule) {
    ScheduleOptions schedule = *options.schedule;
    schedule.settings.stall_after = options.stall_after;
    scheduled = run_schedule(config, schedule, status, clock);
    if (config.actions.summary_path) {
      try {
        actions::append_summary(*config.actions.summary_path, schedule_markdown(scheduled));
      } catch (const std::exception& e) {
        spdlog::error("could not write the step summary: {}", redact(e.what()));
      }
    }
  }
  if (options.json) {
    auto doc = status_json(status);
    if (options.schedule) doc["schedule"] = schedule_json(scheduled);
    out << doc.dump(2) << "\n";
  } else {
    out << status_table(status);
    if (options.schedule) out << schedule_table(scheduled);
  }
  if (options.fail_on_incomplete && !all_complete(status)) return kExitFailed;
  for (const auto& item : scheduled) {
    if (!item.ok) return kExitFailed;
  }
  return kExitCompleted;
}

int command_check_migration_status(const cli::Config& config, const CheckOptions& options,
                                   std::ostream& out) {
  // --schedule runs backfills inline: a cancelled job must pause them
  // cleanly, as `backfill run` does.
  install_stop_signal_handlers();
  SystemClock clock;
  return command_check_migration_status(config, options, out, clock);
}

}  // namespace backfill::fleet
