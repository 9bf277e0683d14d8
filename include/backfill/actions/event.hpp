#pragma once
// What a GitHub Actions event asks backfill to do. `backfill` (without
// --repo) inside Actions reads GITHUB_EVENT_NAME and the JSON payload at
// GITHUB_EVENT_PATH; command-line flags still beat what the event says.
//
//   workflow_dispatch     settings under `inputs` (values arrive as strings:
//                         "50", "true"; "" for an optional input left empty)
//   repository_dispatch   `action` must be "progressive-backfill"; settings
//                         under `client_payload` (free JSON: 50 or "50")
//   anything else         UsageError naming the event
//
// Every malformed payload is a UsageError whose message starts with the
// field, e.g. `client_payload.chunk_size: expected a whole number 1-100, got
// "fifty"`, so nothing runs on a half-understood request.
#include <optional>
#include <string>

#include "backfill/core/repo_name.hpp"

namespace backfill::actions {

// The event_type of a continuation and the repository_dispatch `action`.
inline constexpr const char* kDispatchEventType = "progressive-backfill";

struct EventInputs {
  std::optional<RepoName> repository;
  std::optional<long> chunk_size;          // 1-100
  std::optional<long> max_chunks;          // >= 1
  std::optional<std::string> time_budget;  // valid for parse_duration
  bool restart = false;
  std::optional<std::string> with;  // --with: a comma list (core/depth_scope.hpp), validated
  // Settings of the scheduler (routing between Actions and workers); read
  // here so that one parser knows every key our workflows send.
  std::optional<long> actions_threshold;     // >= 0
  std::optional<double> actions_percentage;  // 0-100
  std::optional<long> max_dispatch;          // >= 0
  // The payload had its settings object (inputs / client_payload), even an
  // empty one: tells "no inputs at all" from "no inputs.repository".
  bool has_settings = false;
};

// Where `event_name`'s settings are in its payload: "inputs"
// (workflow_dispatch) or "client_payload" (repository_dispatch); "" for
// any other event.
std::string settings_section(const std::string& event_name);

// Pure: parses `payload_json` (the file's contents) for `event_name`.
// Top-level keys other than inputs/client_payload/action (sender,
// repository, ...) are normal and ignored; unknown keys *inside* inputs or
// client_payload are rejected. null and "" count as absent.
EventInputs read_event(const std::string& event_name, const std::string& payload_json);

// Reads the payload file first; an unreadable file is a UsageError naming
// GITHUB_EVENT_PATH and the path.
EventInputs read_event_file(const std::string& event_name, const std::string& payload_path);

}  // namespace backfill::actions
