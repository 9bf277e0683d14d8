#pragma once
// `--listen ADDR:PORT`: where `backfill serve` accepts connections.
#include <string>

namespace backfill::cli::serve {

struct ListenAddress {
  std::string host;  // as given, without brackets ("::1" for "[::1]:8080")
  int port = 0;      // 0: any free port (the server prints the one it got)
};

// "127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080", "localhost:9000". Throws
// UsageError naming --listen and what is wrong.
ListenAddress parse_listen_address(const std::string& text);

// Whether only this machine can reach the address (127.0.0.0/8, ::1,
// localhost); anything else makes the page readable over the network.
bool is_loopback(const std::string& host);

}  // namespace backfill::cli::serve
