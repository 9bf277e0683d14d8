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
#include <chrono>
#include <functional>
#include <optional>
#include <string>

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
};

struct Config {
  std::optional<RepoName> repo;
  std::string database_url;
  std::string api_url;
  std::string token;  // never logged; registered with redact()
  int chunk_size = 50;
  std::optional<long> max_chunks;
  std::optional<std::chrono::seconds> time_budget;
  int max_retries = 5;
  long min_remaining = 100;
  long backoff_base_ms = 1000;  // first retry's backoff ceiling; doubles to 60 s
  bool restart = false;
  Verbosity verbosity = Verbosity::kNormal;
  LogFormat log_format = LogFormat::kText;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

inline constexpr const char* kDefaultDatabaseUrl = "sqlite:backfill.db";
inline constexpr const char* kDefaultApiUrl = "https://api.github.com";

// Pure: validates everything and throws UsageError naming the bad setting.
Config resolve_config(const Flags& flags, const EnvLookup& env);

}  // namespace backfill::cli
