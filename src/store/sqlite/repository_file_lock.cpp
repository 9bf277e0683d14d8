#include "store/sqlite/repository_file_lock.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "backfill/core/errors.hpp"

namespace backfill::store::sqlite {

namespace {

// Offsets are GitHub ids, 64-bit: off_t must hold them all.
static_assert(sizeof(off_t) >= sizeof(std::int64_t), "64-bit file offsets required");

using FileId = std::pair<dev_t, ino_t>;

struct LockFile {
  // Normally one descriptor; more only if the path was swapped between our
  // stat() and open(). They are closed together, never one by one.
  std::vector<int> descriptors;
  int references = 0;            // held locks + acquisitions in flight
  std::set<off_t> held_offsets;  // bytes this process holds
};

std::mutex registry_mutex;
std::map<FileId, LockFile> registry;  // guarded by registry_mutex

// A forked child holds none of its parent's fcntl locks, so it must not
// inherit the parent's bookkeeping either (it would refuse locks it does not
// hold). The mutex is held across fork() so the child never inherits it
// locked by a thread that does not exist there.
void before_fork() { registry_mutex.lock(); }
void after_fork_in_parent() { registry_mutex.unlock(); }
void after_fork_in_child() {
  for (auto& [id, file] : registry) {
    for (int fd : file.descriptors) ::close(fd);
  }
  registry.clear();
  registry_mutex.unlock();
}

// Requires registry_mutex.
void register_fork_handlers_once() {
  static const bool registered =
      ::pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child) == 0;
  (void)registered;
}

// Requires registry_mutex. Closing is the dangerous part: it releases every
// lock the process has on the file, so it only happens with none held.
void release_reference(const FileId& id) {
  auto found = registry.find(id);
  if (found == registry.end() || --found->second.references > 0) return;
  for (int fd : found->second.descriptors) ::close(fd);
  registry.erase(found);
}

// Requires registry_mutex. Returns the file's id with one more reference.
FileId acquire_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    auto found = registry.find({st.st_dev, st.st_ino});
    if (found != registry.end()) {
      ++found->second.references;
      return found->first;
    }
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw FatalError("cannot open lock file " + path + ": " + std::strerror(errno));
  }
  if (::fstat(fd, &st) != 0) {
    int error = errno;
    ::close(fd);  // a file we have not registered holds none of our locks
    throw FatalError("cannot stat lock file " + path + ": " + std::strerror(error));
  }
  FileId id{st.st_dev, st.st_ino};
  LockFile& file = registry[id];
  file.descriptors.push_back(fd);
  ++file.references;
  return id;
}

bool set_lock(int fd, short type, off_t offset) {
  struct flock request {};
  request.l_type = type;
  request.l_whence = SEEK_SET;
  request.l_start = offset;
  request.l_len = 1;
  return ::fcntl(fd, F_SETLK, &request) == 0;
}

class FileRepositoryLock final : public RepositoryLock {
 public:
  FileRepositoryLock(FileId file, off_t offset) : file_(file), offset_(offset) {}

  ~FileRepositoryLock() override {
    std::lock_guard guard(registry_mutex);
    auto found = registry.find(file_);
    if (found == registry.end()) return;  // inherited across fork(): nothing held here
    set_lock(found->second.descriptors.front(), F_UNLCK, offset_);
    found->second.held_offsets.erase(offset_);
    release_reference(file_);
  }

 private:
  FileId file_;
  off_t offset_;
};

}  // namespace

std::unique_ptr<RepositoryLock> try_lock_repository_file(const std::string& lock_path,
                                                         std::int64_t offset_in_file) {
  const auto offset = static_cast<off_t>(offset_in_file);
  std::lock_guard guard(registry_mutex);
  register_fork_handlers_once();
  const FileId id = acquire_file(lock_path);
  LockFile& file = registry.at(id);
  if (file.held_offsets.count(offset) > 0) {
    release_reference(id);
    return nullptr;
  }
  if (!set_lock(file.descriptors.front(), F_WRLCK, offset)) {
    int error = errno;
    release_reference(id);
    if (error == EAGAIN || error == EACCES) return nullptr;
    throw FatalError("cannot lock " + lock_path + ": " + std::strerror(error));
  }
  file.held_offsets.insert(offset);
  return std::make_unique<FileRepositoryLock>(id, offset);
}

}  // namespace backfill::store::sqlite
