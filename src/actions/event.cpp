#include "backfill/actions/event.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "backfill/core/depth_scope.hpp"
#include "backfill/core/duration.hpp"
#include "backfill/core/errors.hpp"

namespace backfill::actions {

namespace {

using nlohmann::json;

// The value as the sender wrote it, short enough for one message line.
std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr std::size_t kMax = 80;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

[[noreturn]] void reject(const std::string& field, const std::string& expected, const json& got) {
  throw UsageError(field + ": expected " + expected + ", got " + shown(got));
}

// A whole number as text ("50", "-3"); nullopt when it is something else.
// Out-of-range values come back clamped so that the range check reports them.
std::optional<long long> whole_number_in_text(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  long long value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    if (value < 1'000'000'000'000LL) value = value * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -value : value;
}

std::optional<long long> whole_number(const json& value) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<unsigned long long>() > 1'000'000'000'000ULL) {
      return 1'000'000'000'000LL;
    }
    return value.get<long long>();
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) return std::nullopt;
    return static_cast<long long>(std::clamp(d, -1e12, 1e12));
  }
  if (value.is_string()) return whole_number_in_text(value.get<std::string>());
  return std::nullopt;
}

long read_whole(const std::string& field, const json& value, long low, std::optional<long> high) {
  const std::string expected =
      high ? "a whole number " + std::to_string(low) + "-" + std::to_string(*high)
           : "a whole number of at least " + std::to_string(low);
  const auto number = whole_number(value);
  if (!number || *number < low || (high && *number > *high)) reject(field, expected, value);
  return static_cast<long>(*number);
}

double read_number(const std::string& field, const json& value, double low, double high,
                   const std::string& expected) {
  std::optional<double> number;
  if (value.is_number()) {
    number = value.get<double>();
  } else if (value.is_string()) {
    const std::string text = value.get<std::string>();
    char* end = nullptr;
    errno = 0;
    const double parsed = std::strtod(text.c_str(), &end);
    // strtod also takes "inf", "nan", hex and leading blanks: keep plain decimals.
    const bool plain = text.find_first_not_of("0123456789.+-eE") == std::string::npos;
    if (plain && errno == 0 && end == text.c_str() + text.size()) number = parsed;
  }
  if (!number || !std::isfinite(*number) || *number < low || *number > high)
    reject(field, expected, value);
  return *number;
}

bool read_bool(const std::string& field, const json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string() && value.get<std::string>() == "true") return true;
  if (value.is_string() && value.get<std::string>() == "false") return false;
  reject(field, "true or false", value);
}

std::string read_text(const std::string& field, const json& value, const std::string& expected) {
  if (!value.is_string()) reject(field, expected, value);
  return value.get<std::string>();
}

// Core validators throw UsageError with their own wording; the field goes first.
template <class F>
auto with_field(const std::string& field, F&& parse) {
  try {
    return parse();
  } catch (const UsageError& e) {
    throw UsageError(field + ": " + e.what());
  }
}

// A duration as text. A number is seconds, as on the command line, written
// out in full (never clamped) so that a huge one is refused as too long and
// shown as sent.
std::string duration_text(const std::string& field, const json& value) {
  const std::string expected = "a duration such as \"5h45m\"";
  if (value.is_number_integer()) {
    const bool below_one = value.is_number_unsigned() ? value.get<unsigned long long>() == 0
                                                      : value.get<long long>() < 1;
    if (below_one) reject(field, "a whole number of at least 1", value);
    return value.dump();
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) reject(field, expected, value);
    if (d < 1) reject(field, "a whole number of at least 1", value);
    char digits[400];  // the largest double has 309 digits
    std::snprintf(digits, sizeof digits, "%.0f", d);
    return digits;
  }
  return read_text(field, value, expected);
}

using Reader = std::function<void(EventInputs&, const std::string& field, const json& value)>;

const std::map<std::string, Reader>& readers() {
  static const std::map<std::string, Reader> table = {
      {"repository",
       [](EventInputs& in, const std::string& field, const json& value) {
         const std::string text = read_text(field, value, "OWNER/NAME as a string");
         in.repository = with_field(field, [&] { return parse_repo_name(text); });
       }},
      {"chunk_size", [](EventInputs& in, const std::string& field,
                        const json& value) { in.chunk_size = read_whole(field, value, 1, 100); }},
      {"max_chunks",
       [](EventInputs& in, const std::string& field, const json& value) {
         in.max_chunks = read_whole(field, value, 1, std::nullopt);
       }},
      {"time_budget",
       [](EventInputs& in, const std::string& field, const json& value) {
         const std::string text = duration_text(field, value);
         parse_setting_duration(field, text);  // bounded: refuses what is beyond the maximum
         in.time_budget = text;
       }},
      {"restart", [](EventInputs& in, const std::string& field,
                     const json& value) { in.restart = read_bool(field, value); }},
      {"with",
       [](EventInputs& in, const std::string& field, const json& value) {
         const std::string text =
             read_text(field, value, "a comma list of details, reviews, comments, all");
         parse_depth_scope(text, field);  // an unknown word is refused here, naming the field
         in.with = text;
       }},
      {"actions_threshold",
       [](EventInputs& in, const std::string& field, const json& value) {
         in.actions_threshold = read_whole(field, value, 0, std::nullopt);
       }},
      {"actions_percentage",
       [](EventInputs& in, const std::string& field, const json& value) {
         in.actions_percentage = read_number(field, value, 0, 100, "a number 0-100");
       }},
      {"max_dispatch",
       [](EventInputs& in, const std::string& field, const json& value) {
         in.max_dispatch = read_whole(field, value, 0, std::nullopt);
       }},
  };
  return table;
}

std::string known_keys() {
  std::string list;
  for (const auto& [key, reader] : readers()) list += (list.empty() ? "" : ", ") + key;
  return list;
}

EventInputs read_settings(const json& payload, const std::string& section) {
  EventInputs inputs;
  if (!payload.contains(section) || payload[section].is_null()) return inputs;
  const json& settings = payload[section];
  if (!settings.is_object()) reject(section, "an object", settings);
  inputs.has_settings = true;
  // Unknown keys first: a misspelt setting must not run with its default.
  for (const auto& [key, value] : settings.items()) {
    if (!readers().count(key)) {
      throw UsageError(section + "." + key + ": unknown setting (known: " + known_keys() + ")");
    }
  }
  for (const auto& [key, value] : settings.items()) {
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) continue;
    readers().at(key)(inputs, section + "." + key, value);
  }
  return inputs;
}

}  // namespace

std::string settings_section(const std::string& event_name) {
  if (event_name == "workflow_dispatch") return "inputs";
  if (event_name == "repository_dispatch") return "client_payload";
  return "";
}

EventInputs read_event(const std::string& event_name, const std::string& payload_json) {
  if (event_name != "workflow_dispatch" && event_name != "repository_dispatch") {
    throw UsageError("GITHUB_EVENT_NAME: backfill does not run on the \"" + event_name +
                     "\" event; use workflow_dispatch or repository_dispatch, or pass --repo");
  }
  json payload;
  try {
    payload = json::parse(payload_json);
  } catch (const json::parse_error& e) {
    throw UsageError(std::string("event payload: not valid JSON (") + e.what() + ")");
  }
  if (!payload.is_object()) reject("event payload", "a JSON object", payload);

  if (event_name == "workflow_dispatch") {
    return read_settings(payload, settings_section(event_name));
  }

  const json action = payload.contains("action") ? payload["action"] : json();
  if (!action.is_string() || action.get<std::string>() != kDispatchEventType) {
    reject("action", std::string("the event type \"") + kDispatchEventType + "\"", action);
  }
  return read_settings(payload, settings_section(event_name));
}

EventInputs read_event_file(const std::string& event_name, const std::string& payload_path) {
  std::ifstream file(payload_path, std::ios::binary);
  if (!file) {
    throw UsageError("GITHUB_EVENT_PATH: cannot read '" + payload_path +
                     "': " + std::strerror(errno));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return read_event(event_name, text.str());
}

}  // namespace backfill::actions
