#pragma once
// A validator for the subset of OpenAPI 3.0 schema keywords that GitHub's
// description of our endpoints uses (tests/reference/github-rest-subset.json,
// fully dereferenced): type with nullable, required, properties,
// additionalProperties, items, enum, allOf/anyOf/oneOf, minLength/maxLength
// and, lightly, format date-time. Keywords it does not know are ignored
// except $ref, which is reported: the reference is meant to have none.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fake_github {

// Every violation, each as "<json pointer>: <what is wrong>"; empty when
// `value` conforms.
std::vector<std::string> validate_against_schema(const nlohmann::json& value,
                                                 const nlohmann::json& schema);

class OpenApiReference {
 public:
  explicit OpenApiReference(const std::string& path);
  // The application/json schema of the `status` response of `method` (lower
  // case) on `api_path`, e.g. ("/repos/{owner}/{repo}/pulls", "get", "200").
  // Throws nlohmann::json::out_of_range if the description has none.
  const nlohmann::json& response_schema(const std::string& api_path, const std::string& method,
                                        const std::string& status) const;

 private:
  nlohmann::json document_;
};

}  // namespace fake_github
