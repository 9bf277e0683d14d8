#include "fake_github/dispatch_endpoint.hpp"

#include <optional>

#include "fake_github/github_errors.hpp"

namespace fake_github {
namespace {

std::string were(std::size_t count) { return count == 1 ? " was" : " were"; }

// The first schema violation, in the order GitHub's check visits them:
// each property's own schema, then the required list.
std::optional<std::string> schema_violation(const nlohmann::ordered_json& request) {
  if (request.contains("event_type")) {
    const nlohmann::ordered_json& event_type = request["event_type"];
    if (!event_type.is_string()) return not_of_type("event_type", event_type, "a string");
    const std::size_t length = character_count(event_type.get<std::string>());
    if (length > kMaxEventTypeCharacters) {
      return "Only " + std::to_string(kMaxEventTypeCharacters) + " characters are allowed; " +
             std::to_string(length) + were(length) + " supplied.";
    }
    if (length == 0) return "At least 1 character is required; only 0 were supplied.";
  }
  if (request.contains("client_payload")) {
    const nlohmann::ordered_json& payload = request["client_payload"];
    if (!payload.is_object()) return not_of_type("client_payload", payload, "an object");
    if (payload.size() > kMaxClientPayloadProperties) {
      return "No more than " + std::to_string(kMaxClientPayloadProperties) +
             " properties are allowed; " + std::to_string(payload.size()) + were(payload.size()) +
             " supplied.";
    }
  }
  if (!request.contains("event_type")) return not_supplied("event_type");
  return std::nullopt;
}

}  // namespace

EndpointReply create_dispatch(IssueTracker& tracker, std::int64_t repository_id,
                              const std::string& body, WriteAccess access, std::int64_t now) {
  if (auto refusal = refuse_write(access, kRepositoryDispatchDocs)) return *refusal;
  ParsedBody parsed = parse_object_body(body, kRepositoryDispatchDocs);
  if (parsed.refusal) return *parsed.refusal;
  if (const auto violation = schema_violation(parsed.value)) {
    return invalid_request(*violation, kRepositoryDispatchDocs);
  }
  FakeDispatch dispatch;
  dispatch.event_type = parsed.value["event_type"].get<std::string>();
  if (parsed.value.contains("client_payload")) {
    dispatch.client_payload_json = parsed.value["client_payload"].dump();
    if (dispatch.client_payload_json.size() >= kMaxClientPayloadBytes) {
      return EndpointReply{
          422, unprocessable_body("client_payload is too large.", kRepositoryDispatchDocs), "", ""};
    }
  }
  dispatch.epoch = now;
  tracker.record_dispatch(repository_id, std::move(dispatch));
  return EndpointReply{204, "", "", ""};
}

}  // namespace fake_github
