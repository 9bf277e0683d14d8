#pragma once
// The overlap of a chunk loop: the next page is fetched while the chunk
// before it is written. Requests stay one at a time (GitHub's secondary
// limits and the governor expect sequential paging) and the store keeps one
// user at a time: the write runs on a thread of its own and touches only the
// store and the values handed to it; the fetch runs on the caller's thread,
// which uses neither the store nor the write's values until both ended.
//
// Exactness is the sequential order's: the write came first, so its error
// wins (the prefetched page, or the fetch's own error, is dropped and
// nothing is committed past the chunk before); once the write succeeded,
// `written` records it on the caller's thread, and only then does the
// fetch's result or error come out, so a fetch that fails after the chunk
// was committed leaves the run exactly where a sequential one would stop.
#include <functional>
#include <optional>
#include <utility>

namespace backfill::engine {

// Runs `write` on another thread and `fetch` on this one at the same time,
// waits for both, then calls `written` when the write succeeded. Throws the
// write's exception, else `written`'s, else the fetch's. When no thread can
// be started, runs write, written and fetch in that order.
void overlap_write_and_fetch(const std::function<void()>& write,
                             const std::function<void()>& written,
                             const std::function<void()>& fetch);

// overlap_write_and_fetch, returning what `fetch` returned.
template <class Fetch>
auto fetch_while_writing(const std::function<void()>& write, const std::function<void()>& written,
                         Fetch&& fetch) {
  std::optional<decltype(fetch())> fetched;
  overlap_write_and_fetch(write, written, [&] { fetched.emplace(fetch()); });
  return std::move(*fetched);
}

}  // namespace backfill::engine
