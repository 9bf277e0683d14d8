// Starting and stopping: in-process, and the standalone executable the
// benchmark runs.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

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

TEST(Lifecycle, ExecutableServesUntilSigterm) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(FAKE_GITHUB_BINARY, FAKE_GITHUB_BINARY, "--repo", "octo/one:3", "--repo", "octo/two:250",
          "--awkward-every", "5", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* stdout_of_child = fdopen(out[0], "r");
  char line[128] = {};
  const bool got_line = std::fgets(line, sizeof line, stdout_of_child) != nullptr;
  std::fclose(stdout_of_child);
  std::string base = got_line ? line : "";
  if (!base.empty() && base.back() == '\n') base.pop_back();

  if (got_line) {
    EXPECT_EQ(base.rfind("http://127.0.0.1:", 0), 0u) << base;
    EXPECT_EQ(tiny_http::get(base, "/repos/octo/one/pulls?state=all").json().size(), 3u);
    const auto page = tiny_http::get(base, "/repos/octo/two/pulls?state=all&per_page=100");
    EXPECT_EQ(page.json().size(), 100u);
    EXPECT_NE(page.header("link").find("page=3>; rel=\"last\""), std::string::npos);
  }
  kill(child, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(got_line) << "the executable printed no base URL";
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace fake_github
