// The pulls listing behaves like GitHub's: defaults, sorting, paging, the
// Link header, and what mutations do to the pages.
#include <gtest/gtest.h>

#include <algorithm>

#include "fake_github/fake_github.hpp"
#include "fake_github/http_get.hpp"

namespace fake_github {
namespace {

using nlohmann::json;
using tiny_http::get;

std::vector<std::int64_t> numbers_of(const json& page) {
  std::vector<std::int64_t> numbers;
  for (const auto& pull : page) numbers.push_back(pull["number"]);
  return numbers;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> numbers;
  for (std::int64_t n = first; n <= last; ++n) numbers.push_back(n);
  return numbers;
}

class Listing : public ::testing::Test {
 protected:
  void SetUp() override {
    id = server.add_repository("octo/widgets", 250);
    base = server.start();
  }

  json list(const std::string& query) {
    const auto reply = get(base, "/repos/octo/widgets/pulls" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  // Every PR, whatever its state, oldest first.
  json everything() {
    json all = json::array();
    for (int page = 1; page <= 3; ++page) {
      for (auto& pull :
           list("?state=all&direction=asc&per_page=100&page=" + std::to_string(page))) {
        all.push_back(pull);
      }
    }
    return all;
  }

  FakeGitHub server;
  std::int64_t id = 0;
  std::string base;
};

TEST_F(Listing, StateDefaultsToOpen) {
  std::vector<std::int64_t> open;
  std::size_t closed = 0;
  for (const auto& pull : everything()) {
    if (pull["state"] == "open") {
      open.push_back(pull["number"]);
    } else {
      ++closed;
    }
  }
  ASSERT_FALSE(open.empty());
  ASSERT_GT(closed, 0u);

  std::vector<std::int64_t> listed;
  for (int page = 1; page <= 10; ++page) {
    for (auto n : numbers_of(list("?direction=asc&page=" + std::to_string(page))))
      listed.push_back(n);
  }
  EXPECT_EQ(listed, open);
  const auto closed_page = list("?state=closed&per_page=100");
  for (const auto& pull : closed_page) EXPECT_EQ(pull["state"], "closed");
}

TEST_F(Listing, StateAllListsEveryPullRequest) {
  EXPECT_EQ(numbers_of(everything()), range(1, 250));
  EXPECT_EQ(server.pull_numbers("octo/widgets"), range(1, 250));
}

TEST_F(Listing, CreatedSortDefaultsToNewestFirstAndUpdatedToOldestFirst) {
  const auto newest = numbers_of(list("?state=all&per_page=3"));
  EXPECT_EQ(newest, (std::vector<std::int64_t>{250, 249, 248}));
  EXPECT_EQ(numbers_of(list("?state=all&sort=created&per_page=3")), newest);
  EXPECT_EQ(numbers_of(list("?state=all&direction=asc&per_page=3")),
            (std::vector<std::int64_t>{1, 2, 3}));

  const json by_update = list("?state=all&sort=updated&per_page=100");
  ASSERT_EQ(by_update.size(), 100u);
  for (std::size_t i = 1; i < by_update.size(); ++i) {
    EXPECT_LE(by_update[i - 1]["updated_at"].get<std::string>(),
              by_update[i]["updated_at"].get<std::string>());
  }
  const json by_update_desc = list("?state=all&sort=updated&direction=desc&per_page=100");
  for (std::size_t i = 1; i < by_update_desc.size(); ++i) {
    EXPECT_GE(by_update_desc[i - 1]["updated_at"].get<std::string>(),
              by_update_desc[i]["updated_at"].get<std::string>());
  }
  // Sorting by update really reorders this history.
  EXPECT_NE(numbers_of(by_update), range(1, 100));
}

TEST_F(Listing, PerPageDefaultsTo30AndIsClampedTo100) {
  EXPECT_EQ(list("?state=all").size(), 30u);
  EXPECT_EQ(list("?state=all&per_page=7").size(), 7u);
  const auto reply = get(base, "/repos/octo/widgets/pulls?state=all&per_page=500");
  EXPECT_EQ(reply.json().size(), 100u);
  EXPECT_NE(reply.header("Link").find("page=3>; rel=\"last\""), std::string::npos)
      << reply.header("Link");
}

TEST_F(Listing, LinkHeaderMatchesGitHubsFormat) {
  const std::string query = "state=all&sort=created&direction=asc&per_page=100";
  const std::string prefix =
      base + "/repositories/" + std::to_string(id) + "/pulls?" + query + "&page=";

  const auto first = get(base, "/repos/octo/widgets/pulls?" + query);
  EXPECT_EQ(first.header("link"),
            "<" + prefix + "2>; rel=\"next\", <" + prefix + "3>; rel=\"last\"");

  const auto middle = get(base, "/repos/octo/widgets/pulls?" + query + "&page=2");
  EXPECT_EQ(middle.header("link"), "<" + prefix + "1>; rel=\"prev\", <" + prefix +
                                       "3>; rel=\"next\", <" + prefix + "3>; rel=\"last\", <" +
                                       prefix + "1>; rel=\"first\"");
}

TEST_F(Listing, NextLinksWalkTheRepositoriesEndpointToTheEnd) {
  std::string url = base + "/repositories/" + std::to_string(id) +
                    "/pulls?state=all&sort=created&direction=asc&per_page=100";
  std::vector<std::int64_t> seen;
  int pages = 0;
  while (!url.empty()) {
    ASSERT_LT(++pages, 10);
    const auto reply = get(base, url);
    ASSERT_EQ(reply.status, 200);
    for (auto n : numbers_of(reply.json())) seen.push_back(n);
    const std::string link = reply.header("link");
    const auto next = link.find(">; rel=\"next\"");
    url = next == std::string::npos
              ? ""
              : link.substr(link.rfind('<', next) + 1, next - link.rfind('<', next) - 1);
    if (pages == 3) {
      EXPECT_EQ(
          link,
          "<" + base + "/repositories/" + std::to_string(id) +
              "/pulls?state=all&sort=created&direction=asc&per_page=100&page=2>; rel=\"prev\", <" +
              base + "/repositories/" + std::to_string(id) +
              "/pulls?state=all&sort=created&direction=asc&per_page=100&page=1>; rel=\"first\"");
    }
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, range(1, 250));
}

TEST_F(Listing, PagePastTheEndIsEmptyWithOnlyBackwardLinks) {
  const auto reply = get(base, "/repos/octo/widgets/pulls?state=all&per_page=100&page=4");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "[]");
  const std::string link = reply.header("link");
  EXPECT_NE(link.find("page=3>; rel=\"prev\""), std::string::npos) << link;
  EXPECT_NE(link.find("page=1>; rel=\"first\""), std::string::npos) << link;
  EXPECT_EQ(link.find("rel=\"next\""), std::string::npos) << link;
  EXPECT_EQ(link.find("rel=\"last\""), std::string::npos) << link;
}

TEST_F(Listing, NoLinkHeaderWhenEverythingFitsOnOnePage) {
  server.add_repository("octo/tiny", 5);
  const auto reply = get(base, "/repos/octo/tiny/pulls?state=all");
  EXPECT_EQ(reply.json().size(), 5u);
  EXPECT_FALSE(reply.has_header("link"));
  EXPECT_EQ(get(base, "/repos/octo/tiny/pulls?state=all&per_page=5").has_header("Link"), false);
}

TEST_F(Listing, PerPageOneMakesTheLastLinkTheCount) {
  const auto reply = get(base, "/repos/octo/widgets/pulls?state=all&per_page=1");
  EXPECT_NE(reply.header("link").find("&page=250>; rel=\"last\""), std::string::npos);
}

TEST_F(Listing, DeletingAPullShiftsLaterItemsBackOnePlace) {
  const std::string query = "?state=all&direction=asc&per_page=10";
  EXPECT_EQ(numbers_of(list(query + "&page=2")), range(11, 20));
  server.delete_pull("octo/widgets", 3);

  EXPECT_EQ(numbers_of(list(query + "&page=1")),
            (std::vector<std::int64_t>{1, 2, 4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(numbers_of(list(query + "&page=2")), range(12, 21));
  const auto numbers = server.pull_numbers("octo/widgets");
  EXPECT_EQ(numbers.size(), 249u);
  EXPECT_EQ(std::count(numbers.begin(), numbers.end(), 3), 0);
  EXPECT_EQ(server.pull_ids("octo/widgets").size(), 249u);
  EXPECT_THROW(server.delete_pull("octo/widgets", 3), std::invalid_argument);
}

TEST_F(Listing, CreatedPullsAppendAfterEverythingElse) {
  const std::string last_created = list("?state=all&per_page=1")[0]["created_at"];
  server.create_pulls("octo/widgets", 5);

  const json newest = list("?state=all&per_page=5");
  EXPECT_EQ(numbers_of(newest), (std::vector<std::int64_t>{255, 254, 253, 252, 251}));
  for (const auto& pull : newest) {
    EXPECT_EQ(pull["state"], "open");
    EXPECT_GT(pull["created_at"].get<std::string>(), last_created);
  }
  EXPECT_EQ(numbers_of(list("?state=all&direction=asc&per_page=100&page=3")), range(201, 255));
  EXPECT_EQ(server.pull_numbers("octo/widgets").back(), 255);
}

TEST_F(Listing, NumbersAreNeverReusedAfterADelete) {
  server.delete_pull("octo/widgets", 250);
  server.create_pulls("octo/widgets", 1);
  EXPECT_EQ(server.pull_numbers("octo/widgets").back(), 251);
}

}  // namespace
}  // namespace fake_github
