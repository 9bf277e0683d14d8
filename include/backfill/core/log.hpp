#pragma once
// Logs go to stderr (stdout carries machine-readable results), every line
// passing through redact() so a token can never reach a log.
#include <functional>
#include <optional>
#include <string>

namespace backfill {

enum class LogLevel { kDebug, kInfo, kWarn };
enum class LineLevel { kDebug, kInfo, kWarn, kError };

// Optionally rewrites a text log line (already redacted), e.g. into a GitHub
// Actions workflow command; nullopt keeps the usual form.
using LineDecorator = std::function<std::optional<std::string>(LineLevel, const std::string&)>;

void setup_logging(LogLevel level, bool json, LineDecorator decorate = {});

}  // namespace backfill
