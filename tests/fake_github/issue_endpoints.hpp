#pragma once
// The issues endpoints under a repository:
//   GET   /issues                 list (pull requests included, as on GitHub)
//   POST  /issues                 create
//   GET   /issues/{n}             one issue
//   PATCH /issues/{n}             update (close, reopen, retitle, relabel)
//   GET   /issues/{n}/comments    list comments
//   POST  /issues/{n}/comments    comment
// Reading is open to anyone; writing needs a token that may write.
// Limitation: a pull request's number is only listed, never answered as a
// single issue or commented on (404).
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "fake_github/issue_tracker.hpp"
#include "fake_github/repository_model.hpp"
#include "fake_github/write_request.hpp"

namespace fake_github {

struct EndpointRequest {
  std::string method;  // HEAD is answered like GET
  const std::multimap<std::string, std::string>& params;
  const std::string& raw_query;
  const std::string& body;
  WriteAccess access;
  std::int64_t now = 0;
  std::string base_url;
};

class IssueEndpoints {
 public:
  IssueEndpoints(RepositoryStore& store, IssueTracker& tracker);

  // The answer for `rest`, the path after the repository ("/issues/3"), or
  // nullopt when it is not an issues route for that method.
  std::optional<EndpointReply> answer(std::int64_t repository_id, const std::string& rest,
                                      const EndpointRequest& request);
  // The documentation URL of GitHub's 404 for `rest` on an unknown
  // repository; nullptr when `rest` is not an issues or dispatches route.
  static const char* documentation_for(const std::string& rest, const std::string& method);

 private:
  EndpointReply list(std::int64_t repository_id, const EndpointRequest& request) const;
  EndpointReply show(std::int64_t repository_id, std::int64_t number,
                     const EndpointRequest& request) const;
  EndpointReply create(std::int64_t repository_id, const EndpointRequest& request);
  EndpointReply update(std::int64_t repository_id, std::int64_t number,
                       const EndpointRequest& request);
  EndpointReply list_comments(std::int64_t repository_id, std::int64_t number,
                              const EndpointRequest& request) const;
  EndpointReply create_comment(std::int64_t repository_id, std::int64_t number,
                               const EndpointRequest& request);
  // Renders one issue (create, update, show) of the repository.
  std::string single_issue_json(std::int64_t repository_id, const IssueRecord& issue,
                                const std::string& base_url) const;

  RepositoryStore& store_;
  IssueTracker& tracker_;
};

}  // namespace fake_github
