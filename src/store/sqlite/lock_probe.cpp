#include "store/sqlite/lock_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "backfill/core/errors.hpp"

namespace backfill::store::sqlite {

bool repository_lock_held(const std::string& lock_path, std::int64_t offset) {
  const int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    throw FatalError("cannot open lock file " + lock_path + ": " + std::strerror(errno));
  }
  struct flock query {};
  query.l_type = F_WRLCK;
  query.l_whence = SEEK_SET;
  query.l_start = static_cast<off_t>(offset);
  query.l_len = 1;
  const int rc = ::fcntl(fd, F_GETLK, &query);
  const int error = errno;
  ::close(fd);
  if (rc != 0) throw FatalError("cannot query lock in " + lock_path + ": " + std::strerror(error));
  return query.l_type != F_UNLCK;
}

}  // namespace backfill::store::sqlite
