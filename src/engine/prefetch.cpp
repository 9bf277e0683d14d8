#include "engine/prefetch.hpp"

#include <exception>
#include <future>
#include <system_error>

namespace backfill::engine {

void overlap_write_and_fetch(const std::function<void()>& write,
                             const std::function<void()>& written,
                             const std::function<void()>& fetch) {
  std::future<void> writing;
  try {
    writing = std::async(std::launch::async, write);
  } catch (const std::system_error&) {
    // No thread to spare (resource limits): the sequential order, same result.
    write();
    written();
    fetch();
    return;
  }
  std::exception_ptr fetch_error;
  try {
    fetch();
  } catch (...) {
    fetch_error = std::current_exception();
  }
  writing.get();  // the write's error first: it came first
  written();
  if (fetch_error) std::rethrow_exception(fetch_error);
}

}  // namespace backfill::engine
