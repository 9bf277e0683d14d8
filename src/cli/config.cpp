#include "backfill/cli/config.hpp"

#include <cstdlib>

#include "backfill/actions/run_context.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"
#include "backfill/core/redact.hpp"
#include "backfill/github/graphql_client.hpp"
#include "backfill/github/origin.hpp"
#include "backfill/store/store.hpp"

namespace backfill::cli {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

namespace {

std::string validated_api_url(std::string url) {
  const bool http = url.rfind("http://", 0) == 0, https = url.rfind("https://", 0) == 0;
  const std::size_t host_start = https ? 8 : 7;
  if ((!http && !https) || url.size() <= host_start || url[host_start] == '/') {
    throw UsageError("invalid API URL '" + url +
                     "': expected http(s)://HOST[/PATH], e.g. https://api.github.com");
  }
  // The token goes only to this origin (github/origin.hpp): it must be one.
  if (!github::parse_origin(url)) {
    throw UsageError(redact("invalid API URL '" + url +
                            "': expected http(s)://HOST[:PORT][/PATH], without user:password@"));
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

long in_range(const char* flag, long value, long low, long high) {
  if (value < low || value > high) {
    throw UsageError(std::string(flag) + " must be between " + std::to_string(low) + " and " +
                     std::to_string(high) + ", got " + std::to_string(value));
  }
  return value;
}

}  // namespace

EventLoader event_file_loader() {
  return [](const std::string& name, const std::string& path) {
    return actions::read_event_file(name, path);
  };
}

namespace {

std::optional<RepoName> repo_from(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::nullopt;
  try {
    return parse_repo_name(*text);
  } catch (const UsageError& e) {
    throw UsageError(std::string(what) + ": " + e.what());
  }
}

// Fills what the command line left unset from the triggering event.
void apply_event(Flags& flags, const actions::EventInputs& event) {
  if (event.repository) flags.repo = event.repository->full();
  if (!flags.chunk_size) flags.chunk_size = event.chunk_size;
  if (!flags.max_chunks) flags.max_chunks = event.max_chunks;
  if (!flags.time_budget) flags.time_budget = event.time_budget;
  if (!flags.restart) flags.restart = event.restart;
  if (!flags.with) flags.with = event.with;
}

ActionsContext actions_context(const Flags& flags, const EnvLookup& env, bool event_read) {
  ActionsContext a;
  a.active = env("GITHUB_ACTIONS") == std::optional<std::string>("true");
  if (event_read) a.event_name = flags.event_name ? flags.event_name : env("GITHUB_EVENT_NAME");
  a.trigger = a.active ? actions::trigger_for(env("GITHUB_EVENT_NAME")) : "terminal";
  if (a.active) a.run_url = actions::actions_run_url(env);
  a.workflow_repo = repo_from(env("GITHUB_REPOSITORY"), "GITHUB_REPOSITORY");
  a.issues_repo =
      flags.issues_repo ? repo_from(flags.issues_repo, "--issues-repo") : a.workflow_repo;
  a.report_issues = flags.report_issues.value_or(a.active);
  a.continue_via_dispatch = flags.continue_via_dispatch.value_or(a.active);
  if (a.report_issues && !a.issues_repo) {
    throw UsageError(
        "--report-issues needs a repository for the issues: --issues-repo OWNER/NAME "
        "or GITHUB_REPOSITORY");
  }
  if (a.continue_via_dispatch && !a.workflow_repo) {
    throw UsageError("--continue-via-dispatch needs GITHUB_REPOSITORY (the workflow's repository)");
  }
  if (a.active) {
    a.output_path = env("GITHUB_OUTPUT");
    a.summary_path = env("GITHUB_STEP_SUMMARY");
  }
  return a;
}

}  // namespace

Config resolve_config(const Flags& given, const EnvLookup& env, const EventLoader& load_event,
                      const KeyFileReader& read_key) {
  Config config;
  Flags flags = given;
  // The event is read when there is no --repo and either the run is an
  // Actions job or an event was named on the command line.
  const bool in_actions = env("GITHUB_ACTIONS") == std::optional<std::string>("true");
  const bool event_named = flags.event_name || flags.event_path;
  bool event_read = false;
  // Messages name a setting as the user gave it: the flag, or the event field.
  std::string time_budget_setting = "--time-budget";
  std::string with_setting = "--with";
  if (flags.event_supplies_run && !flags.repo && (in_actions || event_named)) {
    auto name = flags.event_name ? flags.event_name : env("GITHUB_EVENT_NAME");
    auto path = flags.event_path ? flags.event_path : env("GITHUB_EVENT_PATH");
    if (!name)
      throw UsageError("no event name: give --event-name (or GITHUB_EVENT_NAME) or --repo");
    if (!path)
      throw UsageError("no event payload: give --event-path (or GITHUB_EVENT_PATH) or --repo");
    const actions::EventInputs event = load_event(*name, *path);
    const std::string section = actions::settings_section(*name);
    const std::string field_prefix = section.empty() ? "" : section + ".";
    if (!event.repository) {
      // The user dispatched an event, not a command line: say what the event lacks.
      throw UsageError(*name + " event has no " + field_prefix + "repository" +
                       (event.has_settings || section.empty()
                            ? ": it names no repository to backfill"
                            : ": the payload has no " + section + " at all"));
    }
    if (!flags.time_budget && event.time_budget) time_budget_setting = field_prefix + "time_budget";
    if (!flags.with && event.with) with_setting = field_prefix + "with";
    apply_event(flags, event);
    event_read = true;
  }
  if (flags.repo) config.repo = parse_repo_name(*flags.repo);
  config.actions = actions_context(flags, env, event_read);
  config.time_budget_text = flags.time_budget;

  config.database_url =
      flags.database_url ? *flags.database_url : env("DATABASE_URL").value_or(kDefaultDatabaseUrl);
  if (config.database_url.empty()) throw UsageError("--database-url must not be empty");
  try {
    store::backend_for_url(config.database_url);  // refuses mistyped URLs and unknown schemes
  } catch (const UsageError& e) {
    throw UsageError(std::string(flags.database_url ? "--database-url" : "DATABASE_URL") + ": " +
                     e.what());
  }

  config.api_url = validated_api_url(
      flags.api_url ? *flags.api_url : env("GITHUB_API_URL").value_or(kDefaultApiUrl));
  config.token = env("GITHUB_TOKEN").value_or(env("GH_TOKEN").value_or(""));
  config.app = app_config_from(env, read_key);

  if (flags.chunk_size)
    config.chunk_size = static_cast<int>(in_range("--chunk-size", *flags.chunk_size, 1, 100));
  if (flags.max_chunks)
    config.max_chunks = in_range("--max-chunks", *flags.max_chunks, 1, 1'000'000'000);
  if (flags.time_budget) {
    config.time_budget = parse_setting_duration(time_budget_setting, *flags.time_budget);
  }
  if (flags.max_retries)
    config.max_retries = static_cast<int>(in_range("--max-retries", *flags.max_retries, 0, 100));
  if (flags.min_remaining)
    config.min_remaining = in_range("--min-remaining", *flags.min_remaining, 0, 1'000'000);
  if (flags.backoff_base_ms)
    config.backoff_base_ms = in_range("--backoff-base-ms", *flags.backoff_base_ms, 1, 60'000);
  config.restart = flags.restart;
  if (flags.with) config.with = parse_depth_scope(*flags.with, with_setting);
  try {
    config.graphql_url = flags.graphql_url ? validated_api_url(*flags.graphql_url)
                                           : github::graphql_url_for(config.api_url);
  } catch (const UsageError& e) {
    throw UsageError(std::string("--graphql-url: ") + e.what());
  }
  if (config.with.any() && config.token.empty() && !config.app) {
    throw UsageError(with_setting +
                     " uses GitHub's GraphQL API, which needs a token: set "
                     "GITHUB_TOKEN (or GH_TOKEN), or run as a GitHub App");
  }

  if (flags.verbose && flags.quiet) throw UsageError("--verbose and --quiet exclude each other");
  config.verbosity = flags.verbose ? Verbosity::kVerbose
                     : flags.quiet ? Verbosity::kQuiet
                                   : Verbosity::kNormal;
  if (flags.log_format) {
    if (*flags.log_format == "text") config.log_format = LogFormat::kText;
    else if (*flags.log_format == "json") config.log_format = LogFormat::kJson;
    else throw UsageError("--log-format must be 'text' or 'json', got '" + *flags.log_format + "'");
  }
  return config;
}

}  // namespace backfill::cli
