#pragma once
// POST /graphql for the fake's own tests (cpp-httplib, like http_get.hpp).
#include <httplib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "fake_github/http_get.hpp"

namespace fake_github::tiny_http {

inline Reply post_graphql(const std::string& base_url, const std::string& token,
                          const std::string& query,
                          const nlohmann::json& variables = nlohmann::json::object()) {
  httplib::Client client(base_url);
  client.set_read_timeout(std::chrono::seconds(120));
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "bearer " + token);
  const nlohmann::json body{{"query", query}, {"variables", variables}};
  const httplib::Result result = client.Post("/graphql", headers, body.dump(), "application/json");
  if (!result)
    throw std::runtime_error("POST /graphql failed: " + httplib::to_string(result.error()));
  return Reply{result->status, result->headers, result->body};
}

// A query from tests/fake_graphql/fixtures.
inline std::string graphql_fixture(const std::string& name) {
  std::ifstream in(std::string(BACKFILL_SOURCE_DIR) + "/tests/fake_graphql/fixtures/" + name);
  if (!in) throw std::runtime_error("no fixture " + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace fake_github::tiny_http
