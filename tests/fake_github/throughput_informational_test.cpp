// Informational, not a benchmark gate: how long the fake takes to serve all
// 1,000 pages of a 100,000-PR repository, printed so a slow fake is noticed
// before it skews the project's benchmark. It asserts only that every page
// arrived and the Link chain ended where it should.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"

namespace fake_github {
namespace {

std::string resident_memory() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return line.substr(6);
  }
  return "?";
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

TEST(ThroughputInformational, PrintsTimeToServeAll1000PagesOfA100kPullRepository) {
  constexpr int kPulls = 100'000;
  const auto setup_start = std::chrono::steady_clock::now();
  FakeGitHub server;
  const std::int64_t id = server.add_repository("big/monorepo", kPulls);
  const std::string base = server.start();
  const auto setup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count();

  httplib::Client client(base);
  client.set_keep_alive(true);
  const std::string path = "/repositories/" + std::to_string(id) +
                           "/pulls?state=all&sort=created&direction=asc&per_page=100&page=";
  std::size_t items = 0;
  std::size_t bytes = 0;
  bool last_page_has_next = true;
  const auto start = std::chrono::steady_clock::now();
  for (int page = 1; page <= kPulls / 100; ++page) {
    // A token: the unauthenticated budget is only 60 requests.
    const auto result =
        client.Get((path + std::to_string(page)).c_str(), {{"Authorization", "Bearer bench"}});
    ASSERT_TRUE(result) << "page " << page;
    ASSERT_EQ(result->status, 200) << "page " << page;
    // One "_links" member per pull request: counting them is far cheaper
    // than parsing 1.7 GB of JSON.
    items += count(result->body, "\"_links\":{");
    bytes += result->body.size();
    if (page == kPulls / 100) {
      last_page_has_next =
          result->get_header_value("link").find("rel=\"next\"") != std::string::npos;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  EXPECT_EQ(items, static_cast<std::size_t>(kPulls));
  EXPECT_FALSE(last_page_has_next);
  std::printf(
      "[ info ] generated %d PRs in %.2f s; served %d pages (%.0f MB) in %.2f s "
      "(%.1f ms/page, %.0f MB/s); test process RSS %s\n",
      kPulls, setup_seconds, kPulls / 100, bytes / 1e6, seconds, seconds * 1000 / (kPulls / 100),
      bytes / 1e6 / seconds, resident_memory().c_str());
}

}  // namespace
}  // namespace fake_github
