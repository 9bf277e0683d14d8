#pragma once
// What the write endpoints (issues, comments, dispatches) share: who may
// write, reading the JSON body, and the wording of GitHub's request-schema
// check. GitHub checks a body against the endpoint's JSON schema before any
// model validation, with the Ruby json_schema gem's messages: "\"title\"
// wasn't supplied.", "For 'properties/labels', nil is not an array.", "No
// more than 10 properties are allowed; 14 were supplied.".
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace fake_github {

struct EndpointReply {
  int status = 200;
  std::string body;
  std::string link;
  std::string location;
};

struct WriteAccess {
  bool authenticated = false;  // a token was sent (and accepted)
  bool read_only = false;      // set_read_only_token's token
};

// 401 "Requires authentication" or 403 "Resource not accessible by
// integration" when `access` may not write; nullopt when it may.
std::optional<EndpointReply> refuse_write(WriteAccess access, const char* documentation_url);

// The body as a JSON object, or GitHub's answer when it is not one: 400
// "Problems parsing JSON", or 422 for JSON that is not an object. An empty
// body counts as an object without members.
struct ParsedBody {
  nlohmann::ordered_json value;
  std::optional<EndpointReply> refusal;
};
ParsedBody parse_object_body(const std::string& body, const char* documentation_url);

// A value as Ruby's #inspect shows it in those messages: nil, "text", 5,
// ["a", "b"].
std::string ruby_inspect(const nlohmann::ordered_json& value);

// The schema check's messages.
std::string not_supplied(const std::string& property);
// `type` with its article, e.g. "a string", "an array", "an object".
std::string not_of_type(const std::string& property, const nlohmann::ordered_json& value,
                        const std::string& type);
std::string no_one_of_matched();

// 422 with "Invalid request.\n\n" + `detail`.
EndpointReply invalid_request(const std::string& detail, const char* documentation_url);

}  // namespace fake_github
