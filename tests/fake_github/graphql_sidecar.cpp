#include "fake_github/graphql_sidecar.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace fake_github {
namespace {

// Reads the sidecar's first stdout line ("listening PORT"); "" on timeout or EOF.
std::string read_first_line(int fd, std::chrono::seconds timeout) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return "";
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
    char c = 0;
    if (read(fd, &c, 1) != 1) return "";
    if (c == '\n') return line;
    line += c;
  }
}

}  // namespace

std::string GraphqlSidecar::default_script() { return FAKE_GRAPHQL_SERVER; }

std::string GraphqlSidecar::default_modules() {
  if (const char* tools = std::getenv("BACKFILL_TOOLS_DIR"); tools != nullptr && *tools != '\0') {
    return std::string(tools) + "/node_modules";
  }
  return FAKE_GRAPHQL_MODULES;
}

GraphqlSidecar::GraphqlSidecar(std::string script, std::string modules)
    : script_(std::move(script)), modules_(std::move(modules)) {}

GraphqlSidecar::~GraphqlSidecar() { stop(); }

void GraphqlSidecar::start(const std::string& data_url, const std::string& secret) {
  if (running()) return;
  if (!std::filesystem::exists(modules_ + "/graphql/package.json") ||
      !std::filesystem::exists(modules_ + "/@octokit/graphql-schema/schema.graphql")) {
    throw std::runtime_error(
        "fake GitHub GraphQL: graphql and @octokit/graphql-schema are not installed in " +
        modules_ + ": run scripts/graphql-tools.sh --install (scripts/test.sh does)");
  }
  int to_child[2];
  int from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) {
    throw std::runtime_error("fake GitHub GraphQL: pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  // Nothing else of ours: an inherited listening socket would keep a
  // stopped server's port answering (connections hanging, not refused).
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<std::string> args = {"node", script_, modules_, data_url};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text = {"FAKE_GRAPHQL_SECRET=" + secret};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("FAKE_GRAPHQL_SECRET=", 0) != 0) env_text.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, "node", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  if (spawned != 0) {
    close(to_child[1]);
    close(from_child[0]);
    throw std::runtime_error("fake GitHub GraphQL: cannot run node (install nodejs)");
  }
  pid_ = pid;
  stdin_fd_ = to_child[1];
  const std::string line = read_first_line(from_child[0], std::chrono::seconds(60));
  close(from_child[0]);
  const std::string prefix = "listening ";
  if (line.rfind(prefix, 0) != 0) {
    stop();
    throw std::runtime_error("fake GitHub GraphQL: the sidecar did not start (see its stderr)");
  }
  port_ = std::stoi(line.substr(prefix.size()));
}

void GraphqlSidecar::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
  port_ = 0;
}

SidecarReply GraphqlSidecar::post(const std::string& path, const std::string& json_body) const {
  const int port = port_;
  if (port == 0) return {};
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(std::chrono::seconds(300));
  const auto result = client.Post(path, json_body, "application/json");
  if (!result) return {};
  return {result->status, result->body};
}

}  // namespace fake_github
