#pragma once
// POST /repos/{owner}/{repo}/dispatches: a repository_dispatch event.
// 204 with no body when accepted; GitHub's request-schema check otherwise
// (event_type required, 1-100 characters; client_payload an object of at
// most 10 top-level properties, under 64 KB in all).
#include <cstdint>
#include <string>

#include "fake_github/issue_tracker.hpp"
#include "fake_github/write_request.hpp"

namespace fake_github {

inline constexpr std::size_t kMaxEventTypeCharacters = 100;
inline constexpr std::size_t kMaxClientPayloadProperties = 10;
inline constexpr std::size_t kMaxClientPayloadBytes = 64 * 1024;

EndpointReply create_dispatch(IssueTracker& tracker, std::int64_t repository_id,
                              const std::string& body, WriteAccess access, std::int64_t now);

}  // namespace fake_github
