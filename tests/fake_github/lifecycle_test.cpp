// Starting and stopping: in-process, and the standalone executable the
// benchmark runs.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "fake_github/executable_child.hpp"
#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"

namespace fake_github {
namespace {

TEST(Lifecycle, StartIsIdempotentAndStopRightAfterStartReturns) {
  FakeGitHub server;
  const std::string base = server.start();
  EXPECT_EQ(server.start(), base);
  EXPECT_EQ(server.base_url(), base);
  EXPECT_EQ(base.rfind("http://127.0.0.1:", 0), 0u);
  server.stop();
  server.stop();
}

TEST(Lifecycle, StopDoesNotWaitOutAnIdleKeepAliveConnection) {
  FakeGitHub server;
  server.add_repository("o/r", 3);
  httplib::Client client(server.start());
  client.set_keep_alive(true);
  ASSERT_EQ(client.Get("/repos/o/r/pulls")->status, 200);
  // httplib alone would hold the idle connection for its 5 s keep-alive
  // timeout; the bound is generous so a loaded machine does not fail it.
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_FALSE(client.Get("/repos/o/r/pulls"));
}

using testing_child::Child;

TEST(Lifecycle, ExecutableServesUntilSigterm) {
  Child child({"--repo", "octo/one:3", "--repo", "octo/two:250", "--awkward-every", "5"});
  ASSERT_GT(child.pid, 0);
  if (!child.base.empty()) {
    EXPECT_EQ(child.base.rfind("http://127.0.0.1:", 0), 0u) << child.base;
    EXPECT_EQ(tiny_http::get(child.base, "/repos/octo/one/pulls?state=all").json().size(), 3u);
    const auto page = tiny_http::get(child.base, "/repos/octo/two/pulls?state=all&per_page=100");
    EXPECT_EQ(page.json().size(), 100u);
    EXPECT_NE(page.header("link").find("page=3>; rel=\"last\""), std::string::npos);
  }
  const int status = child.stop();
  ASSERT_FALSE(child.base.empty()) << "the executable printed no base URL";
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Lifecycle, ExecutableInjectsTheFaultsItIsGivenExceptOnRateLimit) {
  Child child(
      {"--repo", "octo/one:3", "--fault-share", "1", "--faults", "502,503", "--fault-seed", "4"});
  ASSERT_GT(child.pid, 0);
  if (!child.base.empty()) {
    for (int i = 0; i < 6; ++i) {
      const int status = tiny_http::get(child.base, "/repos/octo/one/pulls").status;
      EXPECT_TRUE(status == 502 || status == 503) << status;
    }
    EXPECT_EQ(tiny_http::get(child.base, "/rate_limit").status, 200);
  }
  const int status = child.stop();
  ASSERT_FALSE(child.base.empty()) << "the executable printed no base URL";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Lifecycle, ExecutableRefusesAnUnknownFaultOrShare) {
  for (const auto& arguments : std::vector<std::vector<std::string>>{
           {"--repo", "octo/one:3", "--fault-share", "0.5", "--faults", "500,teapot"},
           {"--repo", "octo/one:3", "--fault-share", "1.5"}}) {
    Child child(arguments);
    ASSERT_GT(child.pid, 0);
    EXPECT_TRUE(child.base.empty());
    const int status = child.wait();
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
  }
}

}  // namespace
}  // namespace fake_github
