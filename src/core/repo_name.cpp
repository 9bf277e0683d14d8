#include "backfill/core/repo_name.hpp"

#include <algorithm>
#include <cctype>

#include "backfill/core/errors.hpp"

namespace backfill {

std::string RepoName::key() const {
  std::string k = full();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return k;
}

namespace {

bool valid_owner(const std::string& s) {
  if (s.empty() || s.size() > 39 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

bool valid_name(const std::string& s) {
  if (s.empty() || s.size() > 100 || s == "." || s == "..") return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

RepoName parse_repo_name(const std::string& text) {
  std::string s = text;
  for (const char* prefix : {"https://github.com/", "http://github.com/", "github.com/"}) {
    if (s.rfind(prefix, 0) == 0) {
      s = s.substr(std::char_traits<char>::length(prefix));
      break;
    }
  }
  if (!s.empty() && s.back() == '/') s.pop_back();
  if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.resize(s.size() - 4);
  auto slash = s.find('/');
  if (slash == std::string::npos || s.find('/', slash + 1) != std::string::npos) {
    throw UsageError("invalid repository '" + text +
                     "': expected OWNER/NAME, e.g. octocat/Hello-World");
  }
  RepoName repo{s.substr(0, slash), s.substr(slash + 1)};
  if (!valid_owner(repo.owner)) {
    throw UsageError(
        "invalid repository '" + text + "': owner '" + repo.owner +
        "' must be 1-39 letters, digits or hyphens, not starting or ending with a hyphen");
  }
  if (!valid_name(repo.name)) {
    throw UsageError("invalid repository '" + text + "': name '" + repo.name +
                     "' must be 1-100 letters, digits, '.', '-' or '_'");
  }
  return repo;
}

}  // namespace backfill
