#include "fake_github/connection_shutdown.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace fake_github {
namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  if (address.ss_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  return -1;
}

int local_port(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
  return port_of(address);
}

// -1 when `fd` is not a connected socket.
int peer_port(int fd) {
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) return -1;
  return port_of(peer);
}

bool connected(int fd) { return peer_port(fd) >= 0; }

std::vector<int> open_descriptors() {
  std::vector<int> descriptors;
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return descriptors;
  while (const dirent* entry = readdir(directory)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end != entry->d_name && *end == '\0' && fd != dirfd(directory))
      descriptors.push_back(static_cast<int>(fd));
  }
  closedir(directory);
  return descriptors;
}

}  // namespace

void shut_down_accepted_connections(int port) {
  for (const int fd : open_descriptors()) {
    if (local_port(fd) == port && connected(fd)) shutdown(fd, SHUT_RDWR);
  }
}

bool abort_connection(int local, int peer) {
  for (const int fd : open_descriptors()) {
    if (local_port(fd) != local || peer_port(fd) != peer) continue;
    // A zero linger turns the close into an abortive one: RST, no FIN.
    const linger abortive{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    const int placeholder = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (placeholder < 0) {
      shutdown(fd, SHUT_RDWR);  // still no response, just a FIN instead of a reset
      return true;
    }
    dup2(placeholder, fd);  // closes the socket, atomically reusing its number
    close(placeholder);
    return true;
  }
  return false;
}

}  // namespace fake_github
