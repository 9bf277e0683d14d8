#include "backfill/cli/config.hpp"

#include <cstdlib>

#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"
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

Config resolve_config(const Flags& flags, const EnvLookup& env) {
  Config config;
  if (flags.repo) config.repo = parse_repo_name(*flags.repo);

  config.database_url = flags.database_url ? *flags.database_url
                                           : env("DATABASE_URL").value_or(kDefaultDatabaseUrl);
  if (config.database_url.empty()) throw UsageError("--database-url must not be empty");
  store::backend_for_url(config.database_url);  // throws UsageError on an unknown scheme

  config.api_url = validated_api_url(flags.api_url ? *flags.api_url
                                                   : env("GITHUB_API_URL").value_or(kDefaultApiUrl));
  config.token = env("GITHUB_TOKEN").value_or(env("GH_TOKEN").value_or(""));

  if (flags.chunk_size) config.chunk_size = static_cast<int>(in_range("--chunk-size", *flags.chunk_size, 1, 100));
  if (flags.max_chunks) config.max_chunks = in_range("--max-chunks", *flags.max_chunks, 1, 1'000'000'000);
  if (flags.time_budget) config.time_budget = parse_duration(*flags.time_budget);
  if (flags.max_retries) config.max_retries = static_cast<int>(in_range("--max-retries", *flags.max_retries, 0, 100));
  if (flags.min_remaining) config.min_remaining = in_range("--min-remaining", *flags.min_remaining, 0, 1'000'000);
  if (flags.backoff_base_ms) config.backoff_base_ms = in_range("--backoff-base-ms", *flags.backoff_base_ms, 1, 60'000);
  config.restart = flags.restart;

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
