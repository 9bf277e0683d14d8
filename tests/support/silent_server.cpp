#include "support/silent_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace backfill::testing {

SilentServer::SilentServer() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listener_);
    throw std::runtime_error("cannot listen on a loopback port");
  }
  port_ = ntohs(address.sin_port);
}

SilentServer::~SilentServer() {
  for (int fd : accepted_) ::close(fd);
  ::close(listener_);
}

std::string SilentServer::postgres_url(const std::string& query) const {
  return "postgresql://backfill:s3cretPassw0rd@127.0.0.1:" + std::to_string(port_) + "/nowhere" +
         query;
}

bool SilentServer::wait_for_connection(std::chrono::milliseconds limit) {
  pollfd ready{listener_, POLLIN, 0};
  if (::poll(&ready, 1, static_cast<int>(limit.count())) != 1) return false;
  const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return false;
  accepted_.push_back(fd);
  return true;
}

}  // namespace backfill::testing
