// The overlap of a chunk loop: the fetch of the next page runs while the
// chunk is written, on another thread, and errors come out in the
// sequential order (the write's first).
#include "engine/prefetch.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace backfill::engine {
namespace {

// Two events either side waits for; a wait gives up after a generous
// deadline (a sequential run would never see the other side) and says so.
class Rendezvous {
 public:
  void arrive(int side) {
    std::lock_guard lock(mutex_);
    arrived_[side] = true;
    changed_.notify_all();
  }
  bool wait_for_other(int side) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return arrived_[1 - side]; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool arrived_[2] = {false, false};
};

TEST(Prefetch, TheFetchRunsWhileTheWriteDoesOnAnotherThread) {
  Rendezvous both;
  bool write_saw_fetch = false;
  bool fetch_saw_write = false;
  std::thread::id write_thread;
  int written = 0;
  const int page = fetch_while_writing(
      [&] {
        write_thread = std::this_thread::get_id();
        both.arrive(0);
        write_saw_fetch = both.wait_for_other(0);
      },
      [&] { ++written; },
      [&] {
        both.arrive(1);
        fetch_saw_write = both.wait_for_other(1);
        return 2;
      });
  EXPECT_EQ(page, 2);
  EXPECT_TRUE(write_saw_fetch);
  EXPECT_TRUE(fetch_saw_write);
  EXPECT_NE(write_thread, std::this_thread::get_id());
  EXPECT_EQ(written, 1);
}

TEST(Prefetch, WrittenIsRecordedAfterTheWriteAndBeforeTheFetchResultComesOut) {
  std::string order;
  std::mutex mutex;
  const auto note = [&](char c) {
    std::lock_guard lock(mutex);
    order += c;
  };
  Rendezvous fetched;
  const std::string page = fetch_while_writing(
      [&] {
        fetched.wait_for_other(0);  // the fetch ends first: `written` still follows the write
        note('w');
      },
      [&] { note('r'); },
      [&] {
        note('f');
        fetched.arrive(1);
        return std::string("page");
      });
  EXPECT_EQ(page, "page");
  EXPECT_EQ(order, "fwr");
}

TEST(Prefetch, AFailedWriteWinsAndThePrefetchedPageIsDropped) {
  bool written = false;
  bool fetched = false;
  EXPECT_THROW(
      {
        try {
          fetch_while_writing([] { throw std::runtime_error("the write failed"); },
                              [&] { written = true; },
                              [&] {
                                fetched = true;
                                return 1;
                              });
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "the write failed");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_TRUE(fetched);
  EXPECT_FALSE(written);

  // The fetch failing too changes nothing: the write came first.
  try {
    fetch_while_writing([] { throw std::runtime_error("the write failed"); }, [] {},
                        []() -> int { throw std::logic_error("the fetch failed"); });
    ADD_FAILURE() << "nothing thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "the write failed");
  }
}

TEST(Prefetch, AFailedFetchComesOutAfterTheChunkIsRecorded) {
  bool written = false;
  try {
    fetch_while_writing([] {}, [&] { written = true; },
                        []() -> int { throw std::logic_error("the fetch failed"); });
    ADD_FAILURE() << "nothing thrown";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "the fetch failed");
  }
  EXPECT_TRUE(written);
}

}  // namespace
}  // namespace backfill::engine
