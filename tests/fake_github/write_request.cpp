#include "fake_github/write_request.hpp"

#include "fake_github/github_errors.hpp"

namespace fake_github {

std::optional<EndpointReply> refuse_write(WriteAccess access, const char* documentation_url) {
  if (!access.authenticated)
    return EndpointReply{401, requires_authentication_body(documentation_url), "", ""};
  if (access.read_only) {
    return EndpointReply{403, not_accessible_by_integration_body(documentation_url), "", ""};
  }
  return std::nullopt;
}

ParsedBody parse_object_body(const std::string& body, const char* documentation_url) {
  ParsedBody parsed;
  if (body.empty()) {
    parsed.value = nlohmann::ordered_json::object();
    return parsed;
  }
  try {
    parsed.value = nlohmann::ordered_json::parse(body);
  } catch (const nlohmann::ordered_json::parse_error&) {
    parsed.refusal = EndpointReply{400, problems_parsing_json_body(documentation_url), "", ""};
    return parsed;
  }
  if (!parsed.value.is_object()) {
    // The schema's root is where this fails; GitHub names it by its link.
    parsed.refusal = invalid_request(not_of_type("links/0/schema", parsed.value, "an object"),
                                     documentation_url);
  }
  return parsed;
}

std::string ruby_inspect(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "nil";
  if (value.is_array()) {
    std::string text = "[";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i != 0) text += ", ";
      text += ruby_inspect(value[i]);
    }
    return text + "]";
  }
  if (value.is_object()) {
    std::string text = "{";
    bool first = true;
    for (const auto& [key, member] : value.items()) {
      if (!first) text += ", ";
      first = false;
      text += nlohmann::ordered_json(key).dump() + "=>" + ruby_inspect(member);
    }
    return text + "}";
  }
  return value.dump();
}

std::string not_supplied(const std::string& property) {
  return "\"" + property + "\" wasn't supplied.";
}

std::string not_of_type(const std::string& property, const nlohmann::ordered_json& value,
                        const std::string& type) {
  const std::string pointer =
      property.find('/') == std::string::npos ? "properties/" + property : property;
  return "For '" + pointer + "', " + ruby_inspect(value) + " is not " + type + ".";
}

std::string no_one_of_matched() { return "No subschema in \"oneOf\" matched."; }

EndpointReply invalid_request(const std::string& detail, const char* documentation_url) {
  return EndpointReply{422, invalid_request_body(detail, documentation_url), "", ""};
}

}  // namespace fake_github
