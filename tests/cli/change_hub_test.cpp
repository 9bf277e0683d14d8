// The hub every live viewer waits on.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "cli/serve/change_hub.hpp"

namespace backfill::cli::serve {
namespace {

TEST(ChangeHub, AWaiterWakesOnAPublishedVersion) {
  ChangeHub hub(10);
  auto woken = std::async(std::launch::async, [&] { return hub.wait(0, std::chrono::hours(1)); });
  hub.publish(7);
  ASSERT_EQ(woken.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(woken.get(), 7u);
  // Nothing new: a wait times out with the version it knew.
  EXPECT_EQ(hub.wait(7, std::chrono::milliseconds(1)), 7u);
}

TEST(ChangeHub, StopWakesEveryWaiterForGood) {
  ChangeHub hub(10);
  std::vector<std::future<std::optional<std::uint64_t>>> waiters;
  for (int i = 0; i < 20; ++i) {
    waiters.push_back(
        std::async(std::launch::async, [&] { return hub.wait(0, std::chrono::hours(1)); }));
  }
  hub.stop();
  for (auto& w : waiters) {
    ASSERT_EQ(w.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_EQ(w.get(), std::nullopt);
  }
  EXPECT_EQ(hub.wait(0, std::chrono::hours(1)), std::nullopt);
  EXPECT_FALSE(hub.join());
}

TEST(ChangeHub, ViewersAreCapped) {
  ChangeHub hub(2);
  EXPECT_TRUE(hub.join());
  EXPECT_TRUE(hub.join());
  EXPECT_FALSE(hub.join());
  hub.leave();
  EXPECT_EQ(hub.viewers(), 1);
  EXPECT_TRUE(hub.join());
}

}  // namespace
}  // namespace backfill::cli::serve
