// GitHubClient over the real curl transport against a loopback server.
#include <gtest/gtest.h>

#include <mutex>

#include "backfill/github/client.hpp"
#include "github/local_servers.hpp"
#include "github/pull_page_generator.hpp"

namespace {

using namespace backfill::github;
using github_test::LocalHttpServer;

const std::string kToken = "ghp_clienttesttoken0123456789abcdefghijkl";

struct Seen {
  std::string path;
  std::multimap<std::string, std::string> params;
  httplib::Headers headers;
};

class GitHubClientTest : public ::testing::Test {
 protected:
  void TearDown() override {
    client_.reset();
    transport_.reset();  // closes the kept-alive connection the server waits on
    server_.stop();
  }

  // Records every request, then answers with `respond`.
  template <typename Respond>
  void route(const std::string& pattern, Respond respond) {
    server_.routes().Get(
        pattern, [this, respond](const httplib::Request& req, httplib::Response& res) {
          {
            std::lock_guard lock(mutex_);
            seen_.push_back({req.path, {req.params.begin(), req.params.end()}, req.headers});
          }
          respond(req, res);
        });
  }
  GitHubClient& client(std::string token = kToken) {
    transport_ = make_curl_transport(TransportOptions{}, cancel_);
    client_.emplace(ClientParams{server_.url(), std::move(token), "backfill-tests/1"}, *transport_);
    return *client_;
  }
  std::vector<Seen> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  static std::string header(const Seen& s, const std::string& name) {
    auto it = s.headers.find(name);
    return it == s.headers.end() ? "<absent>" : it->second;
  }
  static std::string param(const Seen& s, const std::string& name) {
    auto it = s.params.find(name);
    return it == s.params.end() ? "<absent>" : it->second;
  }

  LocalHttpServer server_;
  backfill::CancelToken cancel_;
  std::unique_ptr<HttpTransport> transport_;
  std::optional<GitHubClient> client_;
  std::mutex mutex_;
  std::vector<Seen> seen_;
};

void rate_headers(httplib::Response& res, const std::string& remaining) {
  res.set_header("X-RateLimit-Limit", "5000");
  res.set_header("X-RateLimit-Remaining", remaining);
  res.set_header("X-RateLimit-Used", std::to_string(5000 - std::stoi(remaining)));
  res.set_header("X-RateLimit-Reset", "1714567890");
  res.set_header("X-RateLimit-Resource", "core");
}

TEST_F(GitHubClientTest, SendsGitHubsHeadersOnEveryRequest) {
  route("/repos/octocat/Hello-World", [](auto&, httplib::Response& res) {
    res.set_content(R"({"id":1296269,"full_name":"octocat/Hello-World"})", "application/json");
  });
  route("/repos/octocat/Hello-World/pulls",
        [](auto&, httplib::Response& res) { res.set_content("[]", "application/json"); });
  server_.start();
  auto& github = client();
  github.get_repository({"octocat", "Hello-World"});
  github.list_pulls({"octocat", "Hello-World"}, 1);
  github.count_pulls({"octocat", "Hello-World"});
  auto requests = seen();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& request : requests) {
    EXPECT_EQ(header(request, "Accept"), "application/vnd.github+json");
    EXPECT_EQ(header(request, "X-GitHub-Api-Version"), "2022-11-28");
    EXPECT_EQ(header(request, "Authorization"), "Bearer " + kToken);
    EXPECT_EQ(header(request, "User-Agent"), "backfill-tests/1");
    EXPECT_NE(header(request, "Accept-Encoding").find("gzip"), std::string::npos);
  }
  EXPECT_EQ(github.requests_made(), 3);
}

TEST_F(GitHubClientTest, NoTokenMeansNoAuthorizationHeader) {
  route("/repos/o/r", [](auto&, httplib::Response& res) {
    res.set_content(R"({"id":1,"full_name":"o/r"})", "application/json");
  });
  server_.start();
  client("").get_repository({"o", "r"});
  ASSERT_EQ(seen().size(), 1u);
  EXPECT_EQ(header(seen()[0], "Authorization"), "<absent>");
}

TEST_F(GitHubClientTest, RenamedRepositoryIsFollowedToItsCanonicalName) {
  route("/repos/old-owner/old-name", [this](auto&, httplib::Response& res) {
    res.status = 301;
    res.set_header("Location", server_.url() + "/repositories/1296269");
    res.set_content(R"({"message":"Moved Permanently","url":"x"})", "application/json");
  });
  route("/repositories/1296269", [](auto&, httplib::Response& res) {
    res.set_content(R"({"id":1296269,"name":"Hello-World","full_name":"octocat/Hello-World"})",
                    "application/json");
  });
  server_.start();
  auto info = client().get_repository({"old-owner", "old-name"});
  EXPECT_EQ(info.github_id, 1296269);
  EXPECT_EQ(info.name, (backfill::RepoName{"octocat", "Hello-World"}));
  auto requests = seen();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(header(requests[1], "Authorization"), "Bearer " + kToken);  // same host
}

TEST_F(GitHubClientTest, TokenIsNotForwardedToAnotherHost) {
  route("/repos/o/r", [this](auto&, httplib::Response& res) {
    res.status = 301;  // "localhost" is another host name than "127.0.0.1"
    res.set_header("Location",
                   "http://localhost:" + std::to_string(server_.port()) + "/repositories/5");
  });
  route("/repositories/5", [](auto&, httplib::Response& res) {
    res.set_content(R"({"id":5,"full_name":"o/r"})", "application/json");
  });
  server_.start();
  client().get_repository({"o", "r"});
  auto requests = seen();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(header(requests[0], "Authorization"), "Bearer " + kToken);
  EXPECT_EQ(header(requests[1], "Authorization"), "<absent>");
}

TEST_F(GitHubClientTest, ListsAPageWithTheDocumentedQuery) {
  const std::string body = github_test::make_pull_page(3, 201, 5);
  route("/repos/o/r/pulls", [&](auto&, httplib::Response& res) {
    rate_headers(res, "4990");
    res.set_header("Link",
                   "<http://127.0.0.1:1/repositories/42/pulls?state=all&sort=created&direction=asc"
                   "&per_page=100&page=4>; rel=\"next\", <http://127.0.0.1:1/repositories/42/pulls"
                   "?state=all&sort=created&direction=asc&per_page=100&page=9>; rel=\"last\"");
    res.set_content(body, "application/json; charset=utf-8");
  });
  server_.start();
  auto& github = client();
  PullPage page = github.list_pulls({"o", "r"}, 3);
  auto request = seen().at(0);
  EXPECT_EQ(param(request, "state"), "all");
  EXPECT_EQ(param(request, "sort"), "created");
  EXPECT_EQ(param(request, "direction"), "asc");
  EXPECT_EQ(param(request, "per_page"), "100");
  EXPECT_EQ(param(request, "page"), "3");
  EXPECT_EQ(page.page, 3);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].number, 201);
  EXPECT_EQ(page.next_url,
            "http://127.0.0.1:1/repositories/42/pulls?state=all&sort=created"
            "&direction=asc&per_page=100&page=4");
  EXPECT_EQ(page.rate.remaining, 4990);
  EXPECT_EQ(github.last_rate_limit().remaining, 4990);
  EXPECT_EQ(github.last_rate_limit().resource, "core");
}

TEST_F(GitHubClientTest, FollowsTheNextUrlExactlyAsGiven) {
  route("/repositories/42/pulls", [](auto&, httplib::Response& res) {
    res.set_content(github_test::make_pull_page(2, 101, 9), "application/json");
  });
  server_.start();
  auto& github = client();
  std::string next = server_.url() +
                     "/repositories/42/pulls?state=all&sort=created&direction=asc"
                     "&per_page=100&page=2";
  PullPage page = github.fetch_pulls(next);
  EXPECT_EQ(page.page, 2);
  EXPECT_EQ(page.items.size(), 2u);
  EXPECT_FALSE(page.next_url.has_value());  // no Link: the last page
  auto request = seen().at(0);
  EXPECT_EQ(request.path, "/repositories/42/pulls");
  EXPECT_EQ(param(request, "page"), "2");
  EXPECT_EQ(param(request, "per_page"), "100");
}

TEST_F(GitHubClientTest, CountsPullsFromTheLastPageOfOnePerPage) {
  route("/repos/o/r/pulls", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Link",
                   "<https://api.github.com/repositories/42/pulls?state=all&per_page=1&page=2>;"
                   " rel=\"next\", <https://api.github.com/repositories/42/pulls?state=all"
                   "&per_page=1&page=1234>; rel=\"last\"");
    res.set_content(req.get_param_value("per_page") == "1" ? github_test::make_pull_page(1, 1) : "",
                    "application/json");
  });
  server_.start();
  EXPECT_EQ(client().count_pulls({"o", "r"}), 1234);
  auto request = seen().at(0);
  EXPECT_EQ(param(request, "per_page"), "1");
  EXPECT_EQ(param(request, "state"), "all");
}

TEST_F(GitHubClientTest, CountWithoutLastLinkIsTheItemsOnTheOnlyPage) {
  std::atomic<int> items{0};
  route("/repos/o/r/pulls", [&](auto&, httplib::Response& res) {
    res.set_content(github_test::make_pull_page(items.load(), 1), "application/json");
  });
  server_.start();
  auto& github = client();
  EXPECT_EQ(github.count_pulls({"o", "r"}), 0);
  items = 1;
  EXPECT_EQ(github.count_pulls({"o", "r"}), 1);
}

TEST_F(GitHubClientTest, DecodesGzippedPages) {
  // gzip of [{"id":7,"number":8,"title":"compressed"}], made once with Python.
  const std::string gzipped(
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x8b\xae\x56\xca\x4c\x51\xb2\x32\xd7\x51\xca\x2b"
      "\xcd\x4d\x4a\x2d\x52\xb2\xb2\xd0\x51\x2a\xc9\x2c\xc9\x49\x55\xb2\x52\x4a\xce\xcf\x2d\x28"
      "\x4a\x2d\x2e\x4e\x4d\x51\xaa\x8d\x05\x00\xa0\x95\xd9\xe5\x2a\x00\x00\x00",
      62);
  route("/repos/o/r/pulls", [&](auto&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    // GitHub's exact type, which cpp-httplib does not compress a second time.
    res.set_content(gzipped, "application/json; charset=utf-8");
  });
  server_.start();
  PullPage page = client().list_pulls({"o", "r"}, 1);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].title, "compressed");
}

TEST_F(GitHubClientTest, FailuresBecomeGitHubErrors) {
  route("/repos/o/bad-token", [](auto&, httplib::Response& res) {
    res.status = 401;
    res.set_content(
        R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})",
        "application/json");
  });
  route("/repos/o/limited/pulls", [](auto&, httplib::Response& res) {
    res.status = 403;
    rate_headers(res, "0");
    res.set_content(R"({"message":"API rate limit exceeded for user ID 1."})", "application/json");
  });
  route("/repos/o/html/pulls", [](auto&, httplib::Response& res) {
    res.set_content("<html><body>Service Unavailable</body></html>", "text/html");
  });
  server_.start();
  auto& github = client();
  auto kind_of = [](auto&& call) {
    try {
      call();
    } catch (const GitHubError& e) {
      EXPECT_EQ(std::string(e.what()).find(kToken), std::string::npos) << e.what();
      return e.kind();
    }
    ADD_FAILURE() << "no GitHubError thrown";
    return ErrorKind::kCancelled;
  };
  EXPECT_EQ(kind_of([&] { github.get_repository({"o", "bad-token"}); }), ErrorKind::kUnauthorized);
  EXPECT_EQ(kind_of([&] { github.get_repository({"o", "missing"}); }), ErrorKind::kNotFound);
  EXPECT_EQ(kind_of([&] { github.list_pulls({"o", "limited"}, 1); }), ErrorKind::kRateLimited);
  EXPECT_EQ(github.last_rate_limit().remaining, 0);  // taken from the error reply too
  EXPECT_EQ(kind_of([&] { github.list_pulls({"o", "html"}, 1); }), ErrorKind::kRetryable);
  EXPECT_EQ(kind_of([&] { github.count_pulls({"o", "html"}); }), ErrorKind::kRetryable);
  EXPECT_EQ(github.requests_made(), 5);
}

TEST_F(GitHubClientTest, UnreachableServerIsRetryable) {
  server_.start();
  std::string dead_url = server_.url();
  server_.stop();
  auto transport = make_curl_transport(TransportOptions{}, cancel_);
  GitHubClient github(ClientParams{dead_url, kToken, "t"}, *transport);
  try {
    github.get_repository({"o", "r"});
    ADD_FAILURE() << "no GitHubError thrown";
  } catch (const GitHubError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kRetryable);
  }
  EXPECT_EQ(github.requests_made(), 1);
}

}  // namespace
