#pragma once
// The fake_github executable run by a test: started with its arguments, its
// printed base URL read back, stopped with SIGTERM.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace fake_github::testing_child {

// The executable started with `arguments`, its printed base URL read back.
struct Child {
  pid_t pid = -1;
  std::string base;  // "" if it printed nothing

  explicit Child(std::vector<std::string> arguments) {
    int out[2];
    if (pipe(out) != 0) return;
    arguments.insert(arguments.begin(), FAKE_GITHUB_BINARY);
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid = fork();
    if (pid == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execv(FAKE_GITHUB_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    FILE* stdout_of_child = fdopen(out[0], "r");
    char line[128] = {};
    if (std::fgets(line, sizeof line, stdout_of_child) != nullptr) base = line;
    std::fclose(stdout_of_child);
    if (!base.empty() && base.back() == '\n') base.pop_back();
  }
  // SIGTERM (unless it already exited) and the wait status.
  int stop() {
    kill(pid, SIGTERM);
    return wait();
  }
  int wait() {
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
  }
};

}  // namespace fake_github::testing_child
