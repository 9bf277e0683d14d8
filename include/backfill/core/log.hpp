#pragma once
// Logs go to stderr (stdout carries machine-readable results), every line
// passing through redact() so a token can never reach a log.
namespace backfill {

enum class LogLevel { kDebug, kInfo, kWarn };
void setup_logging(LogLevel level, bool json);

}  // namespace backfill
