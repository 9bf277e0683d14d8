// The validator the shape tests rely on must reject what GitHub's schema
// forbids; otherwise a shape test passing would prove nothing.
#include "fake_github/schema_validator.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fake_github {
namespace {

using nlohmann::json;

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

const json& pulls_schema() {
  static const OpenApiReference reference(BACKFILL_GITHUB_REFERENCE_JSON);
  return reference.response_schema("/repos/{owner}/{repo}/pulls", "get", "200");
}

TEST(SchemaValidator, RejectsAPullWithoutNumberAndWithAStringId) {
  const json item = {{"id", "1"}, {"title", "no number"}};
  const auto errors = validate_against_schema(json::array({item}), pulls_schema());
  EXPECT_TRUE(mentions(errors, "/0: missing required property \"number\""))
      << testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "/0/id: expected integer, got string"))
      << testing::PrintToString(errors);
}

TEST(SchemaValidator, RejectsAPageThatIsNotAnArray) {
  const auto errors = validate_against_schema(json::object(), pulls_schema());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "/: expected array, got object");
}

TEST(SchemaValidator, NullIsAcceptedOnlyWhereNullable) {
  const json schema = {
      {"type", "object"},
      {"required", {"a", "b"}},
      {"properties",
       {{"a", {{"type", "string"}, {"nullable", true}}}, {"b", {{"type", "string"}}}}}};
  EXPECT_TRUE(validate_against_schema({{"a", nullptr}, {"b", "x"}}, schema).empty());
  const auto errors = validate_against_schema({{"a", "x"}, {"b", nullptr}}, schema);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "/b: expected string, got null");
}

TEST(SchemaValidator, ChecksEnumsFormatsAndLengths) {
  const json schema = {{"type", "object"},
                       {"properties",
                        {{"state", {{"type", "string"}, {"enum", {"open", "closed"}}}},
                         {"at", {{"type", "string"}, {"format", "date-time"}}},
                         {"short", {{"type", "string"}, {"maxLength", 3}}}}}};
  EXPECT_TRUE(validate_against_schema(
                  {{"state", "open"}, {"at", "2015-01-01T00:37:00Z"}, {"short", "ñ中😀"}}, schema)
                  .empty());
  const auto errors = validate_against_schema(
      {{"state", "merged"}, {"at", "2015-01-01 00:37"}, {"short", "long"}}, schema);
  EXPECT_EQ(errors.size(), 3u) << testing::PrintToString(errors);
  EXPECT_TRUE(mentions(errors, "/state: \"merged\" is not one of"));
  EXPECT_TRUE(mentions(errors, "/at: \"2015-01-01 00:37\" is not an RFC 3339 date-time"));
  EXPECT_TRUE(mentions(errors, "/short: longer than maxLength"));
}

TEST(SchemaValidator, AppliesAllOfAnyOfOneOf) {
  const json integer = {{"type", "integer"}};
  const json string = {{"type", "string"}};
  const json any = {{"anyOf", {integer, string}}};
  EXPECT_TRUE(validate_against_schema(1, any).empty());
  EXPECT_TRUE(validate_against_schema("x", any).empty());
  EXPECT_FALSE(validate_against_schema(true, any).empty());

  const json one = {{"oneOf", {integer, {{"type", "number"}}}}};
  EXPECT_TRUE(validate_against_schema(1.5, one).empty());
  EXPECT_TRUE(mentions(validate_against_schema(1, one), "matches 2 of oneOf"));

  const json all = {{"allOf", {{{"required", {"a"}}}, {{"required", {"b"}}}}}};
  EXPECT_TRUE(validate_against_schema({{"a", 1}, {"b", 2}}, all).empty());
  EXPECT_TRUE(
      mentions(validate_against_schema({{"a", 1}}, all), "missing required property \"b\""));
}

TEST(SchemaValidator, AdditionalPropertiesFalseRejectsExtras) {
  const json schema = {{"type", "object"},
                       {"properties", {{"a", {{"type", "integer"}}}}},
                       {"additionalProperties", false}};
  EXPECT_TRUE(validate_against_schema({{"a", 1}}, schema).empty());
  EXPECT_TRUE(
      mentions(validate_against_schema({{"a", 1}, {"b", 2}}, schema), "/b: property not allowed"));
}

TEST(SchemaValidator, ReportsUnresolvedReferencesInsteadOfPassing) {
  const json schema = {{"$ref", "#/components/schemas/simple-user"}};
  EXPECT_FALSE(validate_against_schema(json::object(), schema).empty());
}

}  // namespace
}  // namespace fake_github
