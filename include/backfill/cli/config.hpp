#pragma once
// Configuration is resolved in one place, with one precedence for every
// setting: command-line flag, then environment variable, then default.
//
//   setting        flag              environment                default
//   database       --database-url    DATABASE_URL               sqlite:backfill.db
//   GitHub API     --api-url         GITHUB_API_URL             https://api.github.com
//   token          (none: never on   GITHUB_TOKEN, else         unauthenticated
//                   the command line) GH_TOKEN
//   chunk size     --chunk-size      -                          50 (1-100)
//   log format     --log-format      -                          text
//   depth          --with            (event input `with`)       none: REST list only
//   GraphQL URL    --graphql-url     -                          from the API URL
//
// Under GitHub Actions (GITHUB_ACTIONS=true) a run without --repo takes the
// repository and settings from the triggering event (GITHUB_EVENT_NAME and
// the payload at GITHUB_EVENT_PATH, or --event-name/--event-path anywhere);
// flags still beat the event:
//   repository, chunk size, max chunks, time budget, restart:
//                  flag, then event input, then default
//   issues repo    --issues-repo     GITHUB_REPOSITORY
//   report issues  --[no-]report-issues        on under Actions
//   continuation   --[no-]continue-via-dispatch on under Actions
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "backfill/actions/event.hpp"
#include "backfill/core/depth_scope.hpp"
#include "backfill/core/repo_name.hpp"

namespace backfill::cli {

enum class LogFormat { kText, kJson };
enum class Verbosity { kQuiet, kNormal, kVerbose };

// What the command line said; unset means "not given".
struct Flags {
  std::optional<std::string> repo;
  std::optional<std::string> database_url;
  std::optional<std::string> api_url;
  std::optional<long> chunk_size;
  std::optional<long> max_chunks;
  std::optional<std::string> time_budget;
  std::optional<long> max_retries;
  std::optional<long> min_remaining;
  std::optional<long> backoff_base_ms;
  bool restart = false;
  bool verbose = false;
  bool quiet = false;
  std::optional<std::string> log_format;
  std::optional<std::string> event_name;
  std::optional<std::string> event_path;
  std::optional<std::string> issues_repo;
  std::optional<bool> report_issues;
  std::optional<bool> continue_via_dispatch;
  std::optional<std::string> with;         // --with LIST
  std::optional<std::string> graphql_url;  // --graphql-url
  // Only a backfill run takes its repository from the event; other commands
  // (status, check-migration-status, ...) run under any event.
  bool event_supplies_run = true;
};

// What a GitHub Actions job step needs besides the run settings.
struct ActionsContext {
  bool active = false;                    // GITHUB_ACTIONS=true
  std::optional<std::string> event_name;  // the event read, if any
  std::string trigger = "terminal";       // backfill_runs.trigger
  std::optional<std::string> run_url;
  std::optional<RepoName> workflow_repo;  // GITHUB_REPOSITORY: where dispatches go
  std::optional<RepoName> issues_repo;    // where failure issues go
  bool report_issues = false;
  bool continue_via_dispatch = false;
  std::optional<std::string> output_path;   // GITHUB_OUTPUT
  std::optional<std::string> summary_path;  // GITHUB_STEP_SUMMARY
};

// A GitHub App (GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY or
// GITHUB_APP_PRIVATE_KEY_PATH, environment only): used instead of the token.
struct AppConfig {
  std::string id;
  std::string private_key;  // the PEM text, read from the path when given one; a secret
  std::string key_source;   // GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH
  std::optional<std::int64_t> installation_id;  // GITHUB_APP_INSTALLATION_ID
};

struct Config {
  std::optional<RepoName> repo;
  std::string database_url;
  std::string api_url;
  std::string token;  // never logged; registered with redact()
  std::optional<AppConfig> app;
  int chunk_size = 50;
  std::optional<long> max_chunks;
  std::optional<std::chrono::seconds> time_budget;
  int max_retries = 5;
  long min_remaining = 100;
  long backoff_base_ms = 1000;  // first retry's backoff ceiling; doubles to 60 s
  bool restart = false;
  // --with (flag, then the event's `with`): details/reviews/comments through
  // GraphQL at graphql_url (--graphql-url, else derived from api_url).
  DepthScope with;
  std::string graphql_url;
  Verbosity verbosity = Verbosity::kNormal;
  LogFormat log_format = LogFormat::kText;
  std::optional<std::string> time_budget_text;  // as given, for resume commands
  ActionsContext actions;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

inline constexpr const char* kDefaultDatabaseUrl = "sqlite:backfill.db";
inline constexpr const char* kDefaultApiUrl = "https://api.github.com";

// Reads an event payload file (actions::read_event_file); a parameter so that
// resolve_config stays pure.
using EventLoader =
    std::function<actions::EventInputs(const std::string& event_name, const std::string& path)>;
EventLoader event_file_loader();

// Reads the App's key file (GITHUB_APP_PRIVATE_KEY_PATH); a parameter so
// that resolve_config stays pure. Throws UsageError naming the setting.
using KeyFileReader = std::function<std::string(const std::string& path)>;
KeyFileReader key_file_reader();

// The App's settings from the environment, validated (the id's form, the key
// an unencrypted RSA PEM key) and the key registered as a secret; nullopt
// when no GITHUB_APP_* variable is set. Throws UsageError naming the one at
// fault.
std::optional<AppConfig> app_config_from(const EnvLookup& env, const KeyFileReader& read_key);

// Pure but for `load_event`: validates everything and throws UsageError
// naming the bad setting (or the event field).
Config resolve_config(const Flags& given, const EnvLookup& env,
                      const EventLoader& load_event = event_file_loader(),
                      const KeyFileReader& read_key = key_file_reader());

}  // namespace backfill::cli
