#include "backfill/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "backfill/cli/commands.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/log.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/github/client.hpp"

namespace backfill::cli {

namespace {

template <class T>
void optional_option(CLI::App& app, const std::string& name, std::optional<T>& target,
                     const std::string& help) {
  app.add_option_function<T>(name, [&target](const T& value) { target = value; }, help);
}

// Options of a backfill run; attached both to the top level (`backfill
// --repo X`) and to `backfill run`.
void add_run_options(CLI::App& app, Flags& flags) {
  optional_option(app, "--repo", flags.repo, "Repository to backfill, OWNER/NAME");
  optional_option(app, "--chunk-size", flags.chunk_size, "PRs committed per chunk (1-100, default 50)");
  optional_option(app, "--max-chunks", flags.max_chunks, "Stop after N committed chunks (resumable)");
  optional_option(app, "--time-budget", flags.time_budget,
                  "Stop at a chunk boundary before this much time passes (90s, 45m, 5h45m)");
  optional_option(app, "--max-retries", flags.max_retries, "Retries of a failing request (default 5)");
  optional_option(app, "--min-remaining", flags.min_remaining,
                  "Rate-limit calls left untouched for other users of the token (default 100)");
  optional_option(app, "--backoff-base-ms", flags.backoff_base_ms,
                  "Backoff before the first retry, doubling to 60 s, with full jitter (default 1000)");
  app.add_flag("--restart", flags.restart,
               "Forget the saved cursor and start from the first PR (stored rows stay)");
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

Config configure(const Flags& flags) {
  Config config = resolve_config(flags, process_environment());
  register_secret(config.token);
  setup_logging(config.verbosity == Verbosity::kVerbose ? LogLevel::kDebug
                : config.verbosity == Verbosity::kQuiet ? LogLevel::kWarn
                                                        : LogLevel::kInfo,
                config.log_format == LogFormat::kJson);
  return config;
}

int fail(int code, const std::string& message) {
  std::cerr << "backfill: error: " << redact(message) << "\n";
  return code;
}

}  // namespace

int run_app(int argc, char** argv) {
  CLI::App app{"Copies every pull request of a GitHub repository into PostgreSQL or SQLite,\n"
               "in small chunks, resuming exactly where the last run stopped.\n"
               "Token: GITHUB_TOKEN or GH_TOKEN. Exit codes: 0 completed, 75 stopped early\n"
               "(progress saved; run again to resume), 2 usage error, 1 failed.",
               "backfill"};
  app.set_version_flag("--version", std::string("backfill ") + BACKFILL_VERSION);
  app.fallthrough();
  app.require_subcommand(0, 1);

  Flags flags;
  StatusOptions status_options;
  add_global_options(app, flags);
  add_run_options(app, flags);

  auto* run = app.add_subcommand("run", "Run, or resume, the backfill of one repository");
  add_run_options(*run, flags);
  auto* status = app.add_subcommand("status", "Progress of backfills (the active_backfills view)");
  optional_option(*status, "--repo", flags.repo, "Only this repository, OWNER/NAME");
  status->add_flag("--json", status_options.json, "JSON instead of a table");
  status->add_flag("--all", status_options.all, "Completed backfills too");
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  bool rate_limit_json = false;
  auto* rate_limit = app.add_subcommand("rate-limit", "The token's current GitHub rate-limit budget");
  rate_limit->add_flag("--json", rate_limit_json, "JSON instead of a table");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    const Config config = configure(flags);
    if (status->parsed()) return command_status(config, status_options, std::cout);
    if (migrate->parsed()) return command_migrate(config, std::cout);
    if (rate_limit->parsed()) return command_rate_limit(config, rate_limit_json, std::cout);
    if (!config.repo) {
      return fail(kExitUsage, "--repo OWNER/NAME is required (see backfill --help)");
    }
    return command_run(config, std::cout);
  } catch (const UsageError& e) {
    return fail(kExitUsage, e.what());
  } catch (const RepositoryBusy& e) {
    return fail(kExitResumable, e.what());
  } catch (const github::GitHubError& e) {
    return fail(kExitFailed, e.what());
  } catch (const std::exception& e) {
    return fail(kExitFailed, e.what());
  }
}

}  // namespace backfill::cli
