// The issues and repository_dispatch endpoints the Actions integration
// uses: GitHub's shapes, numbering, validation wording and permissions.
#include <gtest/gtest.h>

#include <atomic>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"
#include "fake_github/schema_validator.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;
using tiny_http::Reply;

const OpenApiReference& reference() {
  static const OpenApiReference document(BACKFILL_GITHUB_REFERENCE_JSON);
  return document;
}

constexpr const char* kWriter = "Bearer writer";
constexpr const char* kReadOnly = "Bearer read-only";
constexpr const char* kIssues = "/repos/octo/workflows/issues";

Reply send(const std::string& base, const std::string& method, const std::string& path,
           const std::string& body, const std::string& authorization = kWriter) {
  httplib::Client client(base);
  httplib::Headers headers;
  if (!authorization.empty()) headers.emplace("Authorization", authorization);
  const httplib::Result result = method == "PATCH"
                                     ? client.Patch(path.c_str(), headers, body, "application/json")
                                     : client.Post(path.c_str(), headers, body, "application/json");
  if (!result) throw std::runtime_error(method + " " + path + " failed");
  return Reply{result->status, result->headers, result->body};
}

Reply post(const std::string& base, const std::string& path, const json& body,
           const std::string& authorization = kWriter) {
  return send(base, "POST", path, body.dump(), authorization);
}

std::vector<std::int64_t> numbers(const json& items) {
  std::vector<std::int64_t> out;
  for (const auto& item : items) out.push_back(item["number"]);
  return out;
}

std::vector<std::string> violations(const json& value, const char* path, const char* method,
                                    const char* status) {
  return validate_against_schema(value, reference().response_schema(path, method, status));
}

class IssuesAndDispatches : public ::testing::Test {
 protected:
  void SetUp() override {
    workflows_id = server.add_repository("octo/workflows", 0);
    server.set_read_only_token("read-only");
    server.set_clock([this] { return now.load(); });
    base = server.start();
  }
  std::atomic<std::int64_t> now{1'700'000'000};
  FakeGitHub server;
  std::int64_t workflows_id = 0;
  std::string base;
};

TEST_F(IssuesAndDispatches, ListingFiltersByEveryLabelAndStateNewestFirst) {
  server.add_issue("octo/workflows", "one", {"backfill-failure"});
  now += 60;
  server.add_issue("octo/workflows", "two", {"backfill-failure", "urgent"});
  server.add_issue("octo/workflows", "three", {"backfill-failure"},
                   "closed");  // same second as two
  server.add_issue("octo/workflows", "four", {"other"});

  const Reply open = get(base, std::string(kIssues) + "?labels=backfill-failure");
  ASSERT_EQ(open.status, 200);
  EXPECT_EQ(numbers(open.json()), (std::vector<std::int64_t>{2, 1}));
  EXPECT_FALSE(open.json()[0].contains("pull_request"));
  EXPECT_EQ(numbers(get(base, std::string(kIssues) + "?labels=BACKFILL-FAILURE").json()),
            (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(
      numbers(get(base, std::string(kIssues) + "?labels=backfill-failure,urgent&state=all").json()),
      (std::vector<std::int64_t>{2}));
  EXPECT_EQ(
      numbers(get(base, std::string(kIssues) + "?labels=backfill-failure&state=closed").json()),
      (std::vector<std::int64_t>{3}));
  EXPECT_EQ(numbers(get(base, std::string(kIssues) + "?state=all").json()),
            (std::vector<std::int64_t>{4, 3, 2, 1}));
  EXPECT_EQ(numbers(get(base, std::string(kIssues) + "?state=all&direction=asc").json()),
            (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST_F(IssuesAndDispatches, PullRequestsAreListedAsIssuesAndShareTheNumbers) {
  server.add_repository("octo/app", 3);
  server.add_issue("octo/app", "an issue", {});
  const Reply reply = get(base, "/repos/octo/app/issues?state=all");
  ASSERT_EQ(reply.status, 200);
  const json items = reply.json();
  EXPECT_EQ(numbers(items), (std::vector<std::int64_t>{4, 3, 2, 1}));
  EXPECT_FALSE(items[0].contains("pull_request"));
  EXPECT_EQ(items[1]["pull_request"]["url"], base + "/repos/octo/app/pulls/3");
  const auto errors = violations(items, "/repos/{owner}/{repo}/issues", "get", "200");
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);

  server.create_pulls("octo/app", 1);  // #5
  server.delete_pull("octo/app", 5);
  const Reply created = post(base, "/repos/octo/app/issues", {{"title", "after"}});
  EXPECT_EQ(created.json()["number"], 6);  // GitHub never reuses a number
}

TEST_F(IssuesAndDispatches, ListingPagesWithGitHubsLinkHeader) {
  for (int i = 0; i < 5; ++i) server.add_issue("octo/workflows", "issue", {});
  const Reply first = get(base, std::string(kIssues) + "?per_page=2");
  EXPECT_EQ(numbers(first.json()), (std::vector<std::int64_t>{5, 4}));
  const std::string prefix = base + "/repositories/" + std::to_string(workflows_id);
  EXPECT_EQ(first.header("link"), "<" + prefix + "/issues?per_page=2&page=2>; rel=\"next\", <" +
                                      prefix + "/issues?per_page=2&page=3>; rel=\"last\"");
  EXPECT_EQ(numbers(get(base, std::string(kIssues) + "?per_page=2&page=3").json()),
            (std::vector<std::int64_t>{1}));
  EXPECT_FALSE(get(base, kIssues).has_header("link"));
}

TEST_F(IssuesAndDispatches, CreateAnswers201WithTheSchemasIssue) {
  const Reply reply = post(base, kIssues,
                           {{"title", "Backfill failed: o/r"},
                            {"body", "details"},
                            {"labels", {"backfill-failure", "Bug", "backfill-failure"}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json issue = reply.json();
  const auto errors = violations(issue, "/repos/{owner}/{repo}/issues", "post", "201");
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(reply.header("location"), base + "/repos/octo/workflows/issues/1");
  EXPECT_EQ(issue["number"], 1);
  EXPECT_EQ(issue["state"], "open");
  EXPECT_EQ(issue["comments"], 0);
  EXPECT_TRUE(issue["closed_at"].is_null());
  EXPECT_EQ(issue["created_at"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(issue["user"]["login"], "github-actions[bot]");
  ASSERT_EQ(issue["labels"].size(), 2u);
  EXPECT_EQ(issue["labels"][0]["name"], "backfill-failure");  // created on the fly
  EXPECT_EQ(issue["labels"][0]["color"], "ededed");
  EXPECT_EQ(issue["labels"][1]["name"], "bug");  // the repository's own, its spelling
  EXPECT_EQ(issue["labels"][1]["default"], true);

  const auto issues = server.issues("octo/workflows");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].title, "Backfill failed: o/r");
  EXPECT_EQ(issues[0].body, "details");
  EXPECT_EQ(issues[0].labels, (std::vector<std::string>{"backfill-failure", "bug"}));
}

TEST_F(IssuesAndDispatches, CreateRefusesWhatGitHubRefuses) {
  const auto expect_422 = [&](const json& body, const std::string& message) {
    const Reply reply = post(base, kIssues, body);
    EXPECT_EQ(reply.status, 422) << body;
    EXPECT_EQ(reply.json()["message"], message) << body;
    EXPECT_EQ(reply.json()["documentation_url"],
              "https://docs.github.com/rest/issues/issues#create-an-issue");
    EXPECT_TRUE(violations(reply.json(), "/repos/{owner}/{repo}/issues", "post", "422").empty());
    return reply.json();
  };
  expect_422({{"body", "no title"}}, "Invalid request.\n\n\"title\" wasn't supplied.");
  expect_422({{"title", "t"}, {"labels", nullptr}},
             "Invalid request.\n\nFor 'properties/labels', nil is not an array.");
  const json blank = expect_422({{"title", ""}}, "Validation Failed");
  EXPECT_EQ(blank["errors"],
            json::parse(R"([{"resource":"Issue","code":"missing_field","field":"title"}])"));
  const json too_long =
      expect_422({{"title", "t"}, {"body", std::string(65'537, 'x')}}, "Validation Failed");
  EXPECT_EQ(too_long["errors"][0]["message"], "body is too long (maximum is 65536 characters)");
  const Reply not_json = send(base, "POST", kIssues, "{title:");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.json()["message"], "Problems parsing JSON");
  EXPECT_TRUE(server.issues("octo/workflows").empty());

  // The limit counts characters, not bytes.
  std::string accents;
  for (int i = 0; i < 65'536; ++i) accents += "é";
  EXPECT_EQ(post(base, kIssues, {{"title", "t"}, {"body", accents}}).status, 201);
  EXPECT_EQ(post(base, kIssues, {{"title", 42}}).json()["title"], "42");
}

TEST_F(IssuesAndDispatches, CommentsAreAddedCountedAndListed) {
  const std::int64_t number = server.add_issue("octo/workflows", "failing", {"backfill-failure"});
  const std::string path = std::string(kIssues) + "/" + std::to_string(number) + "/comments";
  const Reply reply = post(base, path, {{"body", "failed again"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  const auto errors = violations(
      reply.json(), "/repos/{owner}/{repo}/issues/{issue_number}/comments", "post", "201");
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(reply.json()["body"], "failed again");
  EXPECT_EQ(reply.json()["issue_url"], base + "/repos/octo/workflows/issues/1");

  EXPECT_EQ(get(base, std::string(kIssues) + "?labels=backfill-failure").json()[0]["comments"], 1);
  const json listed = get(base, path).json();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], reply.json()["id"]);
  EXPECT_EQ(server.issues("octo/workflows")[0].comments,
            (std::vector<std::string>{"failed again"}));

  EXPECT_EQ(post(base, std::string(kIssues) + "/99/comments", {{"body", "x"}}).status, 404);
  EXPECT_EQ(post(base, path, json::object()).json()["message"],
            "Invalid request.\n\n\"body\" wasn't supplied.");
  EXPECT_EQ(post(base, path, {{"body", std::string(65'537, 'x')}}).json()["errors"][0]["resource"],
            "IssueComment");
}

TEST_F(IssuesAndDispatches, PatchClosesReopensAndRelabels) {
  const std::int64_t number = server.add_issue("octo/workflows", "failing", {"backfill-failure"});
  const std::string path = std::string(kIssues) + "/" + std::to_string(number);
  now += 3600;
  const Reply closed = send(base, "PATCH", path, R"({"state":"closed"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto errors =
      violations(closed.json(), "/repos/{owner}/{repo}/issues/{issue_number}", "patch", "200");
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(closed.json()["state"], "closed");
  EXPECT_EQ(closed.json()["state_reason"], "completed");
  EXPECT_EQ(closed.json()["closed_at"], "2023-11-14T23:13:20Z");
  EXPECT_EQ(server.issues("octo/workflows")[0].state, "closed");
  EXPECT_TRUE(get(base, std::string(kIssues) + "?labels=backfill-failure").json().empty());

  const Reply reopened =
      send(base, "PATCH", path, R"({"state":"open","labels":["triage"],"title":"again"})");
  EXPECT_EQ(reopened.json()["state"], "open");
  EXPECT_EQ(reopened.json()["state_reason"], "reopened");
  EXPECT_TRUE(reopened.json()["closed_at"].is_null());
  EXPECT_EQ(server.issues("octo/workflows")[0].labels, (std::vector<std::string>{"triage"}));
  EXPECT_EQ(server.issues("octo/workflows")[0].title, "again");

  const Reply bad = send(base, "PATCH", path, R"({"state":"shut"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["message"],
            "Invalid request.\n\nshut is not a member of [\"open\", \"closed\"].");
  EXPECT_EQ(send(base, "PATCH", std::string(kIssues) + "/77", R"({"state":"closed"})").status, 404);
}

TEST_F(IssuesAndDispatches, WritingNeedsATokenThatMayWrite) {
  server.set_valid_token("writer");
  const std::int64_t number = server.add_issue("octo/workflows", "failing", {});
  const std::string issue = std::string(kIssues) + "/" + std::to_string(number);
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"POST", kIssues},
      {"PATCH", issue},
      {"POST", issue + "/comments"},
      {"POST", "/repos/octo/workflows/dispatches"}};
  const std::string body = R"({"title":"t","body":"b","state":"closed","event_type":"e"})";
  for (const auto& [method, path] : writes) {
    SCOPED_TRACE(method + " " + path);
    const Reply anonymous = send(base, method, path, body, "");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.json()["message"], "Requires authentication");
    const Reply read_only = send(base, method, path, body, kReadOnly);
    EXPECT_EQ(read_only.status, 403);
    EXPECT_EQ(read_only.json()["message"], "Resource not accessible by integration");
    EXPECT_EQ(send(base, method, path, body, "Bearer stolen").json()["message"], "Bad credentials");
  }
  const auto issues = server.issues("octo/workflows");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].state, "open");
  EXPECT_TRUE(issues[0].comments.empty());
  EXPECT_TRUE(server.dispatches("octo/workflows").empty());
  // Reading needs no write access.
  EXPECT_EQ(get(base, kIssues, kReadOnly).status, 200);
  EXPECT_EQ(get(base, issue + "/comments").status, 200);
}

TEST_F(IssuesAndDispatches, DispatchAnswers204AndIsRecorded) {
  const json payload = {{"repository", "o/r"}, {"chunk_size", 50}};
  const Reply reply = post(base, "/repos/octo/workflows/dispatches",
                           {{"event_type", "progressive-backfill"}, {"client_payload", payload}});
  EXPECT_EQ(reply.status, 204);
  EXPECT_TRUE(reply.body.empty());
  EXPECT_FALSE(reply.has_header("content-type"));
  EXPECT_EQ(post(base, "/repos/octo/workflows/dispatches", {{"event_type", "bare"}}).status, 204);

  const auto dispatches = server.dispatches("octo/workflows");
  ASSERT_EQ(dispatches.size(), 2u);
  EXPECT_EQ(dispatches[0].event_type, "progressive-backfill");
  EXPECT_EQ(json::parse(dispatches[0].client_payload_json), payload);
  EXPECT_EQ(dispatches[0].epoch, now.load());
  EXPECT_EQ(dispatches[1].client_payload_json, "");
}

TEST_F(IssuesAndDispatches, DispatchRefusesWhatGitHubRefuses) {
  const auto message = [&](const json& body) {
    const Reply reply = post(base, "/repos/octo/workflows/dispatches", body);
    EXPECT_EQ(reply.status, 422) << body;
    EXPECT_TRUE(
        violations(reply.json(), "/repos/{owner}/{repo}/dispatches", "post", "422").empty());
    return reply.json()["message"].get<std::string>();
  };
  json eleven = json::object();
  for (int i = 0; i < 11; ++i) eleven["k" + std::to_string(i)] = i;
  EXPECT_EQ(message({{"client_payload", json::object()}}),
            "Invalid request.\n\n\"event_type\" wasn't supplied.");
  EXPECT_EQ(message({{"event_type", ""}}),
            "Invalid request.\n\nAt least 1 character is required; only 0 were supplied.");
  EXPECT_EQ(message({{"event_type", std::string(101, 'e')}}),
            "Invalid request.\n\nOnly 100 characters are allowed; 101 were supplied.");
  EXPECT_EQ(message({{"event_type", "e"}, {"client_payload", eleven}}),
            "Invalid request.\n\nNo more than 10 properties are allowed; 11 were supplied.");
  EXPECT_EQ(message({{"event_type", "e"}, {"client_payload", "x"}}),
            "Invalid request.\n\nFor 'properties/client_payload', \"x\" is not an object.");
  EXPECT_TRUE(server.dispatches("octo/workflows").empty());

  eleven.erase("k0");
  EXPECT_EQ(post(base, "/repos/octo/workflows/dispatches",
                 {{"event_type", std::string(100, 'e')}, {"client_payload", eleven}})
                .status,
            204);
}

TEST_F(IssuesAndDispatches, WritesSpendTheBudgetAndAreLoggedWithTheirBodies) {
  server.set_rate_limit(5000, 3, 1'800'000'000);
  const std::string create = R"({"title":"t"})";
  EXPECT_EQ(send(base, "POST", kIssues, create).header("x-ratelimit-remaining"), "2");
  EXPECT_EQ(send(base, "POST", "/repos/octo/workflows/dispatches", R"({"event_type":"e"})")
                .header("x-ratelimit-remaining"),
            "1");
  EXPECT_EQ(send(base, "POST", std::string(kIssues) + "/1/comments", R"({"body":"c"})").status,
            201);
  const Reply refused = send(base, "POST", kIssues, create);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
  EXPECT_EQ(server.issues("octo/workflows").size(), 1u);

  const auto log = server.requests();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].method, "POST");
  EXPECT_EQ(log[0].body, create);
  EXPECT_EQ(log[1].body, R"({"event_type":"e"})");
  EXPECT_EQ(log[2].path, "/repos/octo/workflows/issues/1/comments");
  EXPECT_EQ(log[2].status, 201);
}

TEST_F(IssuesAndDispatches, RenamedAndUnknownRepositories) {
  const std::int64_t id = server.add_repository("octo/old", 0);
  server.rename_repository("octo/old", "octo/new");
  const Reply moved = post(base, "/repos/octo/old/issues", {{"title", "t"}});
  EXPECT_EQ(moved.status, 307);  // a write keeps its method through the redirect
  const std::string location = base + "/repositories/" + std::to_string(id) + "/issues";
  EXPECT_EQ(moved.header("location"), location);
  EXPECT_EQ(get(base, "/repos/octo/old/issues").status, 301);
  EXPECT_EQ(post(base, location.substr(base.size()), {{"title", "t"}}).status, 201);
  EXPECT_EQ(server.issues("octo/new").size(), 1u);

  const Reply missing = post(base, "/repos/octo/nothing/issues", {{"title", "t"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["documentation_url"],
            "https://docs.github.com/rest/issues/issues#create-an-issue");
  EXPECT_THROW(server.add_issue("octo/nothing", "t", {}), std::invalid_argument);
}

}  // namespace
}  // namespace fake_github
