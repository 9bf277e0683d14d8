#include "actions/append_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include "backfill/core/errors.hpp"

namespace backfill::actions::detail {

void append_to_file(const std::string& path, const std::string& text, const std::string& what) {
  auto failure = [&](const char* doing) {
    return FatalError(what + ": cannot " + doing + " '" + path + "': " + std::strerror(errno));
  };
  // O_APPEND: each write lands at the end even when another process appends too.
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw failure("open");
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      throw failure("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw failure("close");
}

}  // namespace backfill::actions::detail
