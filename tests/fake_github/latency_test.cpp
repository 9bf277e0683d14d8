// The per-request latency (a distant server) and the recorded User-Agent
// that `backfill work`'s tests and benchmark rely on.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"

namespace fake_github {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST(Latency, RecordsTheUserAgentOfEachRequest) {
  FakeGitHub server;
  server.add_repository("o/r", 3);
  httplib::Client client(server.start());
  ASSERT_EQ(client.Get("/repos/o/r", {{"User-Agent", "backfill/0.1.0 (worker 2, pid 77)"}})->status,
            200);
  ASSERT_EQ(client.Get("/repos/o/r/pulls", {{"User-Agent", "someone else"}})->status, 200);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].user_agent, "backfill/0.1.0 (worker 2, pid 77)");
  EXPECT_EQ(requests[1].user_agent, "someone else");
}

TEST(Latency, DelaysEveryAnswerByTheLatency) {
  FakeGitHub server;
  server.add_repository("o/r", 3);
  const std::string base = server.start();
  server.set_latency(milliseconds(150));
  for (const char* path : {"/repos/o/r", "/repos/o/r/pulls", "/rate_limit", "/repos/o/missing"}) {
    const auto start = steady_clock::now();
    const auto reply = tiny_http::get(base, path);
    EXPECT_GE(steady_clock::now() - start, milliseconds(150)) << path;
    EXPECT_NE(reply.status, 0) << path;
  }
  server.set_latency(milliseconds(0));
  EXPECT_EQ(tiny_http::get(base, "/repos/o/r").status, 200);
}

TEST(Latency, StopCutsAPendingLatencyShort) {
  FakeGitHub server;
  server.add_repository("o/r", 3);
  const std::string base = server.start();
  server.set_latency(std::chrono::minutes(10));
  std::promise<void> arrived;
  server.on_request([&](std::size_t index, const RecordedRequest&) {
    if (index == 1) arrived.set_value();
  });
  auto pending = std::async(std::launch::async, [&] {
    httplib::Client client(base);
    client.set_read_timeout(std::chrono::minutes(11));
    return static_cast<bool>(client.Get("/repos/o/r"));
  });
  arrived.get_future().wait();
  const auto start = steady_clock::now();
  server.stop();
  // Answered or cut off, the client is released at once, not in 10 minutes.
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace fake_github
