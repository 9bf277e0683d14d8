#include "fake_github/schema_validator.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace fake_github {
namespace {

bool type_matches(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool is_date_time(const std::string& text) {
  static const std::regex kDateTime(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  return std::regex_match(text, kDateTime);
}

std::string escape_pointer_token(const std::string& token) {
  std::string escaped;
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

class Validator {
 public:
  std::vector<std::string> errors;

  void check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& at) {
    if (!schema.is_object()) return;
    if (schema.contains("$ref")) {
      fail(at, "schema uses $ref, which this validator does not resolve");
      return;
    }
    if (value.is_null() && schema.value("nullable", false)) return;
    if (schema.contains("type")) {
      const std::string type = schema["type"].get<std::string>();
      if (!type_matches(value, type)) {
        fail(at, "expected " + type + ", got " + std::string(value.type_name()) +
                     (value.is_primitive() && !value.is_null() ? " " + value.dump() : ""));
        return;
      }
    }
    if (const auto it = schema.find("enum"); it != schema.end()) {
      if (std::find(it->begin(), it->end(), value) == it->end()) {
        fail(at, value.dump() + " is not one of " + it->dump());
      }
    }
    if (value.is_string()) check_string(value.get_ref<const std::string&>(), schema, at);
    if (value.is_object()) check_object(value, schema, at);
    if (value.is_array()) {
      if (const auto items = schema.find("items"); items != schema.end()) {
        for (std::size_t i = 0; i < value.size(); ++i)
          check(value[i], *items, at + "/" + std::to_string(i));
      }
    }
    check_combinations(value, schema, at);
  }

 private:
  void fail(const std::string& at, const std::string& what) {
    errors.push_back((at.empty() ? "/" : at) + ": " + what);
  }

  void check_string(const std::string& text, const nlohmann::json& schema, const std::string& at) {
    if (schema.value("format", "") == "date-time" && !is_date_time(text)) {
      fail(at, "\"" + text + "\" is not an RFC 3339 date-time");
    }
    if (schema.contains("minLength") &&
        code_points(text) < schema["minLength"].get<std::size_t>()) {
      fail(at, "shorter than minLength");
    }
    if (schema.contains("maxLength") &&
        code_points(text) > schema["maxLength"].get<std::size_t>()) {
      fail(at, "longer than maxLength");
    }
  }

  void check_object(const nlohmann::json& value, const nlohmann::json& schema,
                    const std::string& at) {
    if (const auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        if (!value.contains(name.get<std::string>())) {
          fail(at, "missing required property \"" + name.get<std::string>() + "\"");
        }
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    for (const auto& [name, member] : value.items()) {
      const std::string member_at = at + "/" + escape_pointer_token(name);
      if (properties != schema.end() && properties->contains(name)) {
        check(member, (*properties)[name], member_at);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          fail(member_at, "property not allowed");
        } else if (additional->is_object()) {
          check(member, *additional, member_at);
        }
      }
    }
  }

  // Errors of `value` against `schema` alone, without recording them.
  std::vector<std::string> trial(const nlohmann::json& value, const nlohmann::json& schema,
                                 const std::string& at) {
    Validator inner;
    inner.check(value, schema, at);
    return inner.errors;
  }

  void check_combinations(const nlohmann::json& value, const nlohmann::json& schema,
                          const std::string& at) {
    if (const auto all = schema.find("allOf"); all != schema.end()) {
      for (const auto& sub : *all) check(value, sub, at);
    }
    if (const auto any = schema.find("anyOf"); any != schema.end()) {
      std::vector<std::string> reasons;
      bool matched = false;
      for (const auto& sub : *any) {
        const auto sub_errors = trial(value, sub, at);
        if (sub_errors.empty()) {
          matched = true;
          break;
        }
        reasons.push_back(sub_errors.front());
      }
      if (!matched) fail(at, "matches none of anyOf (first reasons: " + join(reasons) + ")");
    }
    if (const auto one = schema.find("oneOf"); one != schema.end()) {
      std::size_t matches = 0;
      std::vector<std::string> reasons;
      for (const auto& sub : *one) {
        const auto sub_errors = trial(value, sub, at);
        if (sub_errors.empty()) {
          ++matches;
        } else {
          reasons.push_back(sub_errors.front());
        }
      }
      if (matches != 1) {
        fail(at, "matches " + std::to_string(matches) + " of oneOf, not exactly one" +
                     (matches == 0 ? " (" + join(reasons) + ")" : ""));
      }
    }
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
    return text;
  }
};

}  // namespace

std::vector<std::string> validate_against_schema(const nlohmann::json& value,
                                                 const nlohmann::json& schema) {
  Validator validator;
  validator.check(value, schema, "");
  return validator.errors;
}

OpenApiReference::OpenApiReference(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  document_ = nlohmann::json::parse(in);
}

const nlohmann::json& OpenApiReference::response_schema(const std::string& api_path,
                                                        const std::string& method,
                                                        const std::string& status) const {
  return document_.at("paths")
      .at(api_path)
      .at(method)
      .at("responses")
      .at(status)
      .at("content")
      .at("application/json")
      .at("schema");
}

}  // namespace fake_github
