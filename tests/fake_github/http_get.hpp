#pragma once
// The tests' own tiny HTTP client (cpp-httplib), independent of the
// project's libcurl transport, so the fake is tested on its own.
#include <httplib.h>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace fake_github::tiny_http {

struct Reply {
  int status = 0;
  httplib::Headers headers;
  std::string body;

  std::string header(const std::string& name) const {
    // httplib::Headers compares names case-insensitively.
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  bool has_header(const std::string& name) const { return headers.find(name) != headers.end(); }
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// GET `path_and_query` (or an absolute URL under `base_url`) from `base_url`.
inline Reply get(const std::string& base_url, std::string path_and_query,
                 const std::string& authorization = "") {
  if (path_and_query.rfind(base_url, 0) == 0) path_and_query.erase(0, base_url.size());
  httplib::Client client(base_url);
  httplib::Headers headers;
  if (!authorization.empty()) headers.emplace("Authorization", authorization);
  const httplib::Result result = client.Get(path_and_query.c_str(), headers);
  if (!result) {
    throw std::runtime_error("GET " + path_and_query +
                             " failed: " + httplib::to_string(result.error()));
  }
  return Reply{result->status, result->headers, result->body};
}

}  // namespace fake_github::tiny_http
