#pragma once
#include <atomic>
// Loopback servers for the transport and client tests: cpp-httplib for
// ordinary replies, a raw socket for replies httplib refuses to produce
// (a body shorter than its Content-Length), and a Gate to hold a handler
// open until the test says so (instead of sleeping).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace github_test {

class LocalHttpServer {
 public:
  ~LocalHttpServer() { stop(); }
  httplib::Server& routes() { return server_; }  // register before start()

  void start() {
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      listener_finished_ = true;
    });
  }
  void stop() {
    if (!thread_.joinable()) return;
    // stop() is a no-op until the listen loop runs; wait for it to run (or
    // to have given up, so a failed listen never hangs the test).
    while (!server_.is_running() && !listener_finished_) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::atomic<bool> listener_finished_{false};
  std::thread thread_;
  int port_ = 0;
};

// A handler blocks in pass() until the test opens the gate; the test can
// wait until a handler has arrived there.
class Gate {
 public:
  void pass() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  bool wait_for_arrival() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return arrived_ > 0; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  bool open_ = false;
};

// Answers one connection with `raw_reply` verbatim, then closes it.
class RawReplyServer {
 public:
  explicit RawReplyServer(std::string raw_reply) : reply_(std::move(raw_reply)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot listen on loopback");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve_one(); });
  }
  ~RawReplyServer() {
    ::shutdown(listener_, SHUT_RDWR);  // unblocks accept() if nobody came
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void serve_one() {
    int connection = ::accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    ::send(connection, reply_.data(), reply_.size(), MSG_NOSIGNAL);
    ::close(connection);
  }

  std::string reply_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace github_test
