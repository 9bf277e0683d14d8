#pragma once
// A bare socket GET for the faults httplib's client would paper over: it
// reports exactly what came down the wire (how many body bytes, whether the
// peer reset the connection) instead of only "the request failed".
#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace fake_github::raw_http {

struct Exchange {
  std::string received;  // every byte, head and body
  bool reset = false;    // the read ended with ECONNRESET rather than EOF
  std::string head() const {
    const auto end = received.find("\r\n\r\n");
    return end == std::string::npos ? received : received.substr(0, end + 2);
  }
  std::string body() const {
    const auto end = received.find("\r\n\r\n");
    return end == std::string::npos ? "" : received.substr(end + 4);
  }
  int status() const {  // 0 when no status line arrived
    return received.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(received.c_str() + 9) : 0;
  }
  // The named header's value (name in lowercase, as the fake sends them or
  // as httplib capitalises them: compared case-insensitively).
  std::optional<std::string> header(const std::string& name) const {
    const std::string all = head();
    std::size_t line = all.find("\r\n");
    while (line != std::string::npos && line + 2 < all.size()) {
      const std::size_t start = line + 2;
      const std::size_t end = all.find("\r\n", start);
      const std::string text = all.substr(start, end - start);
      const std::size_t colon = text.find(':');
      if (colon == name.size() && strncasecmp(text.c_str(), name.c_str(), colon) == 0) {
        return text.substr(text.find_first_not_of(' ', colon + 1));
      }
      line = end;
    }
    return std::nullopt;
  }
};

inline int port_of(const std::string& base_url) {
  return std::stoi(base_url.substr(base_url.rfind(':') + 1));
}

// Sends one GET with Connection: close and reads until the server closes.
inline Exchange get(const std::string& base_url, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  timeval ten_seconds{10, 0};  // a bound, so a broken fake fails the test instead of hanging it
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &ten_seconds, sizeof ten_seconds);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_of(base_url)));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    throw std::runtime_error("connect() failed");
  }
  const std::string request = "GET " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token raw\r\n"
                              "Connection: close\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    close(fd);
    throw std::runtime_error("send() failed");
  }
  Exchange exchange;
  char buffer[65536];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      exchange.received.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == ECONNRESET) exchange.reset = true;
    if (n < 0 && errno != ECONNRESET) {
      close(fd);
      throw std::runtime_error("recv() failed or timed out");
    }
    break;
  }
  close(fd);
  return exchange;
}

}  // namespace fake_github::raw_http
