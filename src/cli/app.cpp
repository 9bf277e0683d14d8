#include "backfill/cli/app.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "backfill/actions/workflow_commands.hpp"
#include "backfill/build_info.hpp"
#include "backfill/cli/actions_step.hpp"
#include "backfill/cli/commands.hpp"
#include "backfill/cli/fleet_commands.hpp"
#include "backfill/cli/refresh_command.hpp"
#include "backfill/cli/run_exit_line.hpp"
#include "backfill/cli/serve_command.hpp"
#include "backfill/cli/settings.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/log.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/engine/request_runner.hpp"
#include "backfill/fleet/router.hpp"
#include "backfill/github/client.hpp"
#include "backfill/store/url_secrets.hpp"

namespace backfill::cli {

namespace {

template <class T>
CLI::Option* optional_option(CLI::App& app, const std::string& name, std::optional<T>& target,
                             const std::string& help) {
  return app.add_option_function<T>(
      name, [&target](const T& value) { target = value; }, help);
}

// How a backfill spends chunks, retries and the rate limit: for `run` and
// for `work`.
void add_tuning_options(CLI::App& app, Flags& flags) {
  optional_option(app, "--chunk-size", flags.chunk_size,
                  "PRs committed per chunk (1-100, default 50)");
  optional_option(app, "--max-retries", flags.max_retries,
                  "Retries of a failing request (default 5)");
  optional_option(app, "--min-remaining", flags.min_remaining,
                  "Rate-limit calls left untouched for other users of the token (default 100)");
  optional_option(
      app, "--backoff-base-ms", flags.backoff_base_ms,
      "Backoff before the first retry, doubling to 60 s, with full jitter (default 1000)");
  optional_option(app, "--with", flags.with,
                  "Also copy details, reviews, comments (comma list, or all) through GraphQL; "
                  "needs a token");
  optional_option(app, "--graphql-url", flags.graphql_url,
                  "GitHub's GraphQL endpoint (default: from --api-url, e.g. "
                  "https://api.github.com/graphql)");
}

// Options of a backfill run; attached both to the top level (`backfill
// --repo X`) and to `backfill run`.
void add_run_options(CLI::App& app, Flags& flags) {
  optional_option(app, "--repo", flags.repo, "Repository to backfill, OWNER/NAME");
  add_tuning_options(app, flags);
  optional_option(app, "--max-chunks", flags.max_chunks,
                  "Stop after N committed chunks (resumable)");
  optional_option(app, "--time-budget", flags.time_budget,
                  "Stop at a chunk boundary before this much time passes (90s, 45m, 5h45m)");
  app.add_flag("--restart", flags.restart,
               "Forget the saved cursor and start from the first PR (stored rows stay)");
}

void add_actions_options(CLI::App& app, Flags& flags) {
  optional_option(
      app, "--event-name", flags.event_name,
      "Read the repository and settings from this GitHub event (env GITHUB_EVENT_NAME)");
  optional_option(app, "--event-path", flags.event_path,
                  "The event's JSON payload (env GITHUB_EVENT_PATH)");
  optional_option(app, "--issues-repo", flags.issues_repo,
                  "Where failure issues go, OWNER/NAME (default GITHUB_REPOSITORY)");
  app.add_flag_function(
      "--report-issues,!--no-report-issues",
      [&flags](std::int64_t n) { flags.report_issues = n > 0; },
      "Open/comment/close a GitHub issue on failure/completion (on under Actions)");
  app.add_flag_function(
      "--continue-via-dispatch,!--no-continue-via-dispatch",
      [&flags](std::int64_t n) { flags.continue_via_dispatch = n > 0; },
      "When the time budget runs out, dispatch the next job (on under Actions)");
}

void add_global_options(CLI::App& app, Flags& flags) {
  optional_option(app, "--database-url", flags.database_url,
                  "postgres://... or sqlite:PATH (env DATABASE_URL; default sqlite:backfill.db)");
  optional_option(app, "--api-url", flags.api_url,
                  "GitHub API base URL (env GITHUB_API_URL; default https://api.github.com)");
  app.add_flag("-v,--verbose", flags.verbose, "Log every chunk");
  app.add_flag("-q,--quiet", flags.quiet, "Log warnings and errors only");
  optional_option(app, "--log-format", flags.log_format, "text or json (logs go to stderr)");
}

// A multi-line secret cannot be masked whole: each line of the key is.
void mask_app_key(const std::string& pem) {
  std::size_t start = 0;
  while (start < pem.size()) {
    auto end = pem.find('\n', start);
    if (end == std::string::npos) end = pem.size();
    std::string line = pem.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.size() >= 16 && line.rfind("-----", 0) != 0) mask_in_actions_log(line);
    start = end + 1;
  }
}

Config configure(const Flags& flags) {
  Config config = resolve_config(flags, process_environment());
  register_secret(config.token);
  if (config.app && config.actions.active) mask_app_key(config.app->private_key);
  setup_logging(config.verbosity == Verbosity::kVerbose ? LogLevel::kDebug
                : config.verbosity == Verbosity::kQuiet ? LogLevel::kWarn
                                                        : LogLevel::kInfo,
                config.log_format == LogFormat::kJson,
                config.actions.active ? actions_log_decorator() : LineDecorator{});
  if (config.app && !config.token.empty()) {
    spdlog::info(
        "GITHUB_APP_ID is set: authenticating as the GitHub App {}; GITHUB_TOKEN/GH_TOKEN "
        "is not used",
        config.app->id);
  }
  return config;
}

// Under Actions the token is masked before anything else is printed, so
// that no later line (ours or a library's) can show it in the job log.
void mask_token_for_actions() {
  auto env = process_environment();
  if (env("GITHUB_ACTIONS") != std::optional<std::string>("true")) return;
  for (const char* name : {"GITHUB_TOKEN", "GH_TOKEN"}) {
    if (auto token = env(name)) {
      std::fputs(actions::add_mask(*token).c_str(), stdout);
    }
  }
  std::fflush(stdout);
}

bool in_actions() {
  return process_environment()("GITHUB_ACTIONS") == std::optional<std::string>("true");
}

// The database password is a secret from the start, like the token: every
// message, log line or result line after this hides it, in any form the URL
// carries it, even when the URL is then refused as invalid.
void protect_database_password(const Flags& flags) {
  const auto url = flags.database_url ? flags.database_url : process_environment()("DATABASE_URL");
  if (!url) return;
  store::register_database_secrets(*url);
  if (!in_actions()) return;
  for (const auto& password : store::database_passwords(*url)) {
    if (password.size() >= 4) std::fputs(actions::add_mask(password).c_str(), stdout);
  }
  std::fflush(stdout);
}

// --log-format as asked for, even when the command line did not parse far
// enough to set it: the error saying so must already have the right form.
bool json_logs_requested(const Flags& flags, int argc, char** argv) {
  if (flags.log_format) return *flags.log_format == "json";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--log-format=json" ||
        (arg == "--log-format" && i + 1 < argc && std::string(argv[i + 1]) == "json")) {
      return true;
    }
  }
  return false;
}

// Until configure() sets the real one: errors found on the way there are
// logged in the requested format (JSON, or a workflow command under Actions).
void setup_startup_logging(bool json) {
  setup_logging(LogLevel::kInfo, json, in_actions() ? actions_log_decorator() : LineDecorator{});
}

// How a command that throws ends: the error on stderr as a log line and,
// for a backfill run, its one JSON result line on stdout.
struct Ending {
  bool run = false;              // the command is a backfill run
  std::optional<RepoName> repo;  // for the result line, once known

  int operator()(EarlyExit why, const std::string& message) const {
    spdlog::error("{}", message);
    if (run) {
      std::cout << early_exit_json(why, repo, message)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << std::endl;
    }
    return exit_code_for(why);
  }
};

std::optional<RepoName> repo_if_valid(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  try {
    return parse_repo_name(*text);
  } catch (const UsageError&) {
    return std::nullopt;
  }
}

}  // namespace

int run_app(int argc, char** argv) {
  mask_token_for_actions();
  CLI::App app{
      "Copies every pull request of a GitHub repository into PostgreSQL or SQLite,\n"
      "in small chunks, resuming exactly where the last run stopped.\n"
      "Token: GITHUB_TOKEN or GH_TOKEN. Exit codes: 0 completed, 75 stopped early\n"
      "(progress saved; run again to resume), 2 usage error, 1 failed.",
      "backfill"};
  app.set_version_flag("--version", BACKFILL_VERSION_LINE);  // backfill/build_info.hpp
  app.fallthrough();
  app.require_subcommand(0, 1);

  Flags flags;
  StatusOptions status_options;
  add_global_options(app, flags);
  add_run_options(app, flags);
  add_actions_options(app, flags);

  auto* run = app.add_subcommand("run", "Run, or resume, the backfill of one repository");
  add_run_options(*run, flags);
  add_actions_options(*run, flags);
  auto* status = app.add_subcommand("status", "Progress of backfills (the active_backfills view)");
  optional_option(*status, "--repo", flags.repo, "Only this repository, OWNER/NAME");
  status->add_flag("--json", status_options.json, "JSON instead of a table");
  status->add_flag("--all", status_options.all, "Completed backfills too");
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");

  std::vector<std::string> track_names, untrack_names;
  auto* track = app.add_subcommand(
      "track", "Add repositories to the registry (resolves their GitHub id and PR count)");
  track->add_option("repositories", track_names, "OWNER/NAME ...")->required();
  optional_option(*track, "--with", flags.with,
                  "Schedule them with --with LIST (details, reviews, comments, all)");
  auto* untrack =
      app.add_subcommand("untrack", "Stop scheduling repositories (their stored data stays)");
  untrack->add_option("repositories", untrack_names, "OWNER/NAME ...")->required();

  fleet::RouteSettingSources route_sources;
  bool route_json = false;
  auto* route = app.add_subcommand(
      "route", "Where a repository's backfill runs (actions or inline), and why");
  optional_option(*route, "--repo", flags.repo, "Repository, OWNER/NAME")->required();
  optional_option(
      *route, "--actions-threshold", route_sources.threshold_flag,
      "More PRs than this go to GitHub Actions (env BACKFILL_ACTIONS_THRESHOLD; default 1000)");
  optional_option(*route, "--actions-percentage", route_sources.percentage_flag,
                  "Share 0-100 of the rest sent to Actions by rollout bucket "
                  "(env BACKFILL_ACTIONS_PERCENTAGE; default 25)");
  route->add_flag("--json", route_json, "JSON instead of text");

  fleet::WorkOptions work_options;
  std::optional<std::string> work_budget;
  auto* work = app.add_subcommand(
      "work", "Backfill every tracked repository that needs it, N at once (PostgreSQL for N > 1)");
  work->add_option("--workers", work_options.workers, "Repositories worked on at once (default 1)")
      ->check(CLI::Range(1, 64));
  work->add_flag("--until-empty", work_options.until_empty, "Exit when nothing is left to do");
  add_tuning_options(*work, flags);
  optional_option(*work, "--time-budget", work_budget,
                  "Stop every worker at a chunk boundary before this much time passes");
  std::optional<std::string> refresh_every;
  optional_option(*work, "--refresh-every", refresh_every,
                  "With nothing to backfill, refresh completed repositories not refreshed for "
                  "this long (default 6h)");

  CheckOptions check_options;
  std::optional<std::string> stall_after;
  auto* check = app.add_subcommand(
      "check-migration-status", "Every tracked repository against GitHub's count, with a verdict");
  optional_option(*check, "--stall-after", stall_after,
                  "An in-progress backfill without progress for this long is stalled (default 2h)");
  std::optional<std::string> stale_after;
  optional_option(*check, "--stale-after", stale_after,
                  "A completed backfill not refreshed for this long is stale (default 24h)");
  optional_option(*check, "--refresh-every", refresh_every,
                  "With --schedule, refresh completed repositories not refreshed for this long "
                  "(default 6h)");
  check->add_flag("--json", check_options.json, "JSON instead of a table");
  check->add_flag("--fail-on-incomplete", check_options.fail_on_incomplete,
                  "Exit 1 when any tracked repository is not complete (default: exit 0)");
  bool schedule = false;
  std::optional<long> max_dispatch;
  std::optional<std::string> dispatch_repo, inline_budget;
  fleet::RouteSettingSources schedule_route;
  check->add_flag("--schedule", schedule,
                  "Then dispatch or backfill inline every repository that is not complete");
  optional_option(
      *check, "--max-dispatch", max_dispatch,
      "Dispatch at most this many Actions runs per pass (env BACKFILL_MAX_DISPATCH; default 20)");
  optional_option(*check, "--dispatch-repo", dispatch_repo,
                  "The workflow's repository, OWNER/NAME (default GITHUB_REPOSITORY)");
  optional_option(*check, "--inline-budget", inline_budget,
                  "Time each inline backfill may take before it is left paused (default 2m)");
  optional_option(
      *check, "--actions-threshold", schedule_route.threshold_flag,
      "More PRs than this go to GitHub Actions (env BACKFILL_ACTIONS_THRESHOLD; default 1000)");
  optional_option(
      *check, "--actions-percentage", schedule_route.percentage_flag,
      "Share 0-100 of the rest sent to Actions (env BACKFILL_ACTIONS_PERCENTAGE; default 25)");
  RefreshOptions refresh_options;
  auto* refresh = app.add_subcommand(
      "refresh", "Bring completed backfills up to date: only PRs changed since the last refresh");
  optional_option(*refresh, "--repo", flags.repo, "Repository to refresh, OWNER/NAME");
  refresh->add_flag("--all", refresh_options.all, "Every tracked repository");
  add_tuning_options(*refresh, flags);
  optional_option(*refresh, "--time-budget", flags.time_budget,
                  "Stop between chunks before this much time passes (90s, 45m, 5h45m)");

  ServeOptions serve_options;
  auto* serve = app.add_subcommand(
      "serve", "A live dashboard of every backfill, JSON and Prometheus metrics, read-only");
  serve->add_option("--listen", serve_options.listen,
                    "ADDR:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
  optional_option(*serve, "--read-only-token", serve_options.token,
                  "Require this token (Authorization: Bearer) for all but /healthz "
                  "(env BACKFILL_SERVE_TOKEN)");
  bool rate_limit_json = false;
  auto* rate_limit =
      app.add_subcommand("rate-limit", "The token's current GitHub rate-limit budget");
  rate_limit->add_flag("--json", rate_limit_json, "JSON instead of a table");

  Ending end;
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // No other command was recognised: the top level is a run.
    end.run = run->parsed() || app.get_subcommands().empty() ||
              (refresh->parsed() && !refresh_options.all);
    end.repo = repo_if_valid(flags.repo);
    if (!json_logs_requested(flags, argc, argv) && !end.run) {
      app.exit(e);
      return kExitUsage;
    }
    protect_database_password(flags);
    setup_startup_logging(json_logs_requested(flags, argc, argv));
    return end(EarlyExit::kUsage, std::string(e.what()) + " (see backfill --help)");
  }

  end.run =
      run->parsed() || app.get_subcommands().empty() || (refresh->parsed() && !refresh_options.all);
  end.repo = repo_if_valid(flags.repo);
  protect_database_password(flags);
  setup_startup_logging(json_logs_requested(flags, argc, argv));
  try {
    if (!app.got_subcommand("run") && !app.get_subcommands().empty())
      flags.event_supplies_run = false;
    const Config config = configure(flags);
    if (config.repo) end.repo = config.repo;
    if (track->parsed()) return command_track(config, track_names, std::cout);
    if (untrack->parsed()) return command_untrack(config, untrack_names, std::cout);
    if (route->parsed()) {
      RouteOptions options{*config.repo,
                           fleet::resolve_route_settings(route_sources, process_environment()),
                           route_json};
      return command_route(config, options, std::cout);
    }
    if (work->parsed()) {
      if (work_budget) {
        work_options.time_budget = parse_setting_duration("--time-budget", *work_budget);
      }
      if (refresh_every) {
        work_options.refresh_every = parse_setting_duration("--refresh-every", *refresh_every);
      }
      return command_work(config, work_options, std::cout);
    }
    if (check->parsed()) {
      if (stall_after) {
        check_options.stall_after = parse_setting_duration("--stall-after", *stall_after);
      }
      if (stale_after) {
        check_options.stale_after = parse_setting_duration("--stale-after", *stale_after);
      }
      if (schedule) {
        fleet::ScheduleOptions options;
        options.settings.route =
            fleet::resolve_route_settings(schedule_route, process_environment());
        options.settings.max_dispatch =
            fleet::resolve_max_dispatch(max_dispatch, process_environment());
        options.dispatch_repo = dispatch_repo ? std::optional(parse_repo_name(*dispatch_repo))
                                              : config.actions.workflow_repo;
        if (inline_budget) {
          options.inline_budget = parse_setting_duration("--inline-budget", *inline_budget);
        }
        if (refresh_every) {
          options.refresh_every = parse_setting_duration("--refresh-every", *refresh_every);
        }
        check_options.schedule = options;
      }
      return command_check_migration_status(config, check_options, std::cout);
    }
    if (refresh->parsed()) return command_refresh(config, refresh_options, std::cout);
    if (status->parsed()) return command_status(config, status_options, std::cout);
    if (migrate->parsed()) return command_migrate(config, std::cout);
    if (rate_limit->parsed()) return command_rate_limit(config, rate_limit_json, std::cout);
    if (serve->parsed())
      return command_serve(config, serve_options, process_environment(), std::cout);
    if (!config.repo) {
      return end(EarlyExit::kUsage, "--repo OWNER/NAME is required (see backfill --help)");
    }
    return command_run(config, std::cout);
  } catch (const UsageError& e) {
    return end(EarlyExit::kUsage, e.what());
  } catch (const RepositoryBusy& e) {
    return end(EarlyExit::kBusy, e.what());
  } catch (const Cancelled&) {
    return end(EarlyExit::kPaused, "stopped by a signal; everything committed is kept");
  } catch (const engine::PauseRequired& e) {
    // A command outside a backfill run (track, route, check-migration-status)
    // that meets an exhausted rate limit stopped early with nothing lost:
    // running it again after the reset succeeds, which is what 75 says.
    return end(EarlyExit::kPaused, e.what());
  } catch (const std::exception& e) {
    return end(EarlyExit::kFailed, e.what());
  }
}

}  // namespace backfill::cli
