// The fake GitHub server as a process, for the benchmark and manual runs:
//   fake_github --repo owner/name:COUNT [--repo ...] [--port-file FILE]
//               [--awkward-every K] [--seed N]
//               [--fault-share X [--faults 500,502,503,reset,truncated,secondary,html]
//                [--fault-seed N] [--slow-reply-ms N]] [--latency-ms N]
//               [--heavy-share X] [--heavy-children N]
//               [--pull-children owner/name#NUMBER=COMMENTS,REVIEWS,REVIEW_COMMENTS ...]
//               [--graphql [--graphql-modules DIR] [--graphql-secondary-limit POINTS]
//                [--graphql-heavy-first N [--graphql-heavy-status 502|504]]
//                [--graphql-fault-share X [--graphql-faults LIST] [--graphql-fault-seed N]]]
// --heavy-share gives that share of PRs --heavy-children (default 150) or a
// few more comments, reviews and review comments each; --pull-children sets
// one PR's counts exactly. --graphql serves POST /graphql (a Node sidecar;
// scripts/graphql-tools.sh --install first). --graphql-heavy-first answers
// queries with a first/last above N with 502 (or 504); --graphql-fault-share
// faults that share of GraphQL requests with faults from LIST
// (rate-limited,not-found,resource-limits,node-limit,partial,502,504,secondary).
// Serves on 127.0.0.1 until SIGTERM or SIGINT. With --fault-share, that
// share (0..1) of API requests (never /rate_limit) gets a fault drawn from
// --faults (default: the list shown; "slow", "503", "429",
// "secondary-no-retry-after" may be added). --latency-ms makes every API
// answer leave that long after its request arrived, the fake's own work
// included (a distant server). Each SIGUSR1 applies every
// --on-usr1 change (CHANGE: merge, close, reopen, retitle, ready, draft,
// label; open:COUNT opens new PRs), at the moment it arrives, so a
// benchmark can change repositories between runs. Writes the port number to
// FILE (atomically: written to FILE.tmp, then renamed) or, without
// --port-file, prints the base URL on stdout.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fake_github/fake_github.hpp"
#include "fake_github/fault_policies.hpp"
#include "fake_github/graphql_faults.hpp"

namespace {

struct RepoSpec {
  std::string full_name;
  int pull_count = 0;
};

struct ChildrenSpec {
  std::string full_name;
  std::int64_t number = 0;
  fake_github::ChildCounts counts;
};

// One --on-usr1 change: PR `number` gets `change`, or with `open` > 0 that
// many new PRs are opened.
struct ChangeSpec {
  std::string full_name;
  std::int64_t number = 0;
  std::string change;
  int open = 0;
};

struct Options {
  std::vector<RepoSpec> repos;
  std::vector<ChildrenSpec> children;
  bool graphql = false;
  std::string graphql_modules;
  long long graphql_secondary_limit = -1;
  long long graphql_heavy_first = -1;
  fake_github::GraphqlFault graphql_heavy_fault = fake_github::GraphqlFault::kBadGateway502;
  double graphql_fault_share = 0.0;
  std::vector<fake_github::GraphqlFault> graphql_faults;
  std::uint64_t graphql_fault_seed = 1;
  std::vector<ChangeSpec> on_usr1;
  std::string port_file;
  fake_github::GenerateOptions generate;
  double fault_share = 0.0;
  std::vector<fake_github::Fault> faults;
  std::uint64_t fault_seed = 1;
  long long slow_reply_ms = -1;  // < 0: the server's default
  long long latency_ms = 0;
};

constexpr const char* kDefaultFaults = "500,502,503,reset,truncated,secondary,html";

[[noreturn]] void usage(const std::string& problem) {
  std::cerr
      << "fake_github: " << problem << "\n"
      << "usage: fake_github --repo owner/name:COUNT [--repo ...] [--port-file FILE]"
         " [--awkward-every K] [--seed N]\n"
         "       [--fault-share X [--faults LIST] [--fault-seed N] [--slow-reply-ms N]]\n"
         "       [--latency-ms N] [--heavy-share X] [--heavy-children N]\n"
         "       [--pull-children owner/name#NUMBER=COMMENTS,REVIEWS,REVIEW_COMMENTS]\n"
         "       [--graphql [--graphql-modules DIR] [--graphql-secondary-limit POINTS]\n"
         "        [--graphql-heavy-first N [--graphql-heavy-status 502|504]]\n"
         "        [--graphql-fault-share X [--graphql-faults LIST] [--graphql-fault-seed N]]]\n"
         "       [--latency-ms N] [--on-usr1 owner/name:NUMBER:CHANGE|owner/name:open:COUNT]\n"
         "       LIST: comma-separated of 500,502,503,reset,truncated,slow,secondary,\n"
         "             secondary-no-retry-after,429,html (default "
      << kDefaultFaults << ")\n";
  std::exit(2);
}

long long number(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size() || value < 0) throw std::invalid_argument(text);
    return value;
  } catch (const std::exception&) {
    usage("not a non-negative number for " + what + ": " + text);
  }
}

double share(const std::string& text, const std::string& what) {
  double value = 0.0;
  try {
    std::size_t used = 0;
    value = std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    usage("not a number for " + what + ": " + text);
  }
  if (!(value >= 0.0 && value <= 1.0)) usage(what + " must be between 0 and 1, got " + text);
  return value;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--repo") {
      const std::string spec = value();
      const auto colon = spec.rfind(':');
      if (colon == std::string::npos) usage("--repo wants owner/name:COUNT, got " + spec);
      options.repos.push_back(
          {spec.substr(0, colon), static_cast<int>(number(spec.substr(colon + 1), "--repo"))});
    } else if (arg == "--port-file") {
      options.port_file = value();
    } else if (arg == "--awkward-every") {
      options.generate.awkward_every = static_cast<int>(number(value(), arg));
    } else if (arg == "--seed") {
      options.generate.seed = static_cast<std::uint64_t>(number(value(), arg));
    } else if (arg == "--fault-share") {
      options.fault_share = share(value(), arg);
    } else if (arg == "--faults") {
      const std::string list = value();
      try {
        options.faults = fake_github::parse_fault_list(list);
      } catch (const std::invalid_argument& error) {
        usage(std::string("--faults: ") + error.what());
      }
    } else if (arg == "--fault-seed") {
      options.fault_seed = static_cast<std::uint64_t>(number(value(), arg));
    } else if (arg == "--slow-reply-ms") {
      options.slow_reply_ms = number(value(), arg);
    } else if (arg == "--latency-ms") {
      options.latency_ms = number(value(), arg);
    } else if (arg == "--heavy-share") {
      options.generate.heavy_share = share(value(), arg);
    } else if (arg == "--heavy-children") {
      options.generate.heavy_children = number(value(), arg);
    } else if (arg == "--pull-children") {
      const std::string spec = value();
      const auto hash = spec.find('#');
      const auto equals = spec.find('=', hash == std::string::npos ? 0 : hash);
      const auto comma1 = spec.find(',', equals == std::string::npos ? 0 : equals);
      const auto comma2 = comma1 == std::string::npos ? comma1 : spec.find(',', comma1 + 1);
      if (hash == std::string::npos || equals == std::string::npos || comma2 == std::string::npos) {
        usage("--pull-children wants owner/name#NUMBER=COMMENTS,REVIEWS,REVIEW_COMMENTS, got " +
              spec);
      }
      ChildrenSpec children{
          spec.substr(0, hash), number(spec.substr(hash + 1, equals - hash - 1), arg), {}};
      children.counts.comments = number(spec.substr(equals + 1, comma1 - equals - 1), arg);
      children.counts.reviews = number(spec.substr(comma1 + 1, comma2 - comma1 - 1), arg);
      children.counts.review_comments = number(spec.substr(comma2 + 1), arg);
      options.children.push_back(children);
    } else if (arg == "--graphql") {
      options.graphql = true;
    } else if (arg == "--graphql-modules") {
      options.graphql_modules = value();
    } else if (arg == "--graphql-secondary-limit") {
      options.graphql_secondary_limit = number(value(), arg);
    } else if (arg == "--graphql-heavy-first") {
      options.graphql_heavy_first = number(value(), arg);
    } else if (arg == "--graphql-heavy-status") {
      const std::string status = value();
      if (status != "502" && status != "504")
        usage("--graphql-heavy-status is 502 or 504, got " + status);
      options.graphql_heavy_fault = *fake_github::graphql_fault_from_name(status);
    } else if (arg == "--graphql-fault-share") {
      options.graphql_fault_share = share(value(), arg);
    } else if (arg == "--graphql-faults") {
      try {
        options.graphql_faults = fake_github::parse_graphql_fault_list(value());
      } catch (const std::invalid_argument& error) {
        usage(std::string("--graphql-faults: ") + error.what());
      }
    } else if (arg == "--graphql-fault-seed") {
      options.graphql_fault_seed = static_cast<std::uint64_t>(number(value(), arg));
    } else if (arg == "--on-usr1") {
      const std::string spec = value();
      const auto last = spec.rfind(':');
      const auto middle =
          last == std::string::npos || last == 0 ? std::string::npos : spec.rfind(':', last - 1);
      if (middle == std::string::npos)
        usage("--on-usr1 wants owner/name:NUMBER:CHANGE, got " + spec);
      ChangeSpec change;
      change.full_name = spec.substr(0, middle);
      const std::string what = spec.substr(middle + 1, last - middle - 1);
      const std::string tail = spec.substr(last + 1);
      if (what == "open") {
        change.open = static_cast<int>(number(tail, arg));
      } else {
        change.number = number(what, arg);
        change.change = tail;
      }
      options.on_usr1.push_back(change);
    } else {
      usage("unknown argument " + arg);
    }
  }
  if (options.repos.empty()) usage("at least one --repo is required");
  if (options.faults.empty()) options.faults = fake_github::parse_fault_list(kDefaultFaults);
  if (options.graphql_faults.empty()) {
    options.graphql_faults = fake_github::parse_graphql_fault_list(
        "rate-limited,not-found,resource-limits,node-limit,partial,502,504,secondary");
  }
  return options;
}

void write_port_file(const std::string& path, const std::string& base_url) {
  const std::string port = base_url.substr(base_url.rfind(':') + 1);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + temporary + " to " + path);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  // Block the stop signals before any server thread exists, so every thread
  // inherits the mask and sigwait below is the only place they land.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    fake_github::FakeGitHub server;
    for (const RepoSpec& repo : options.repos) {
      server.add_repository(repo.full_name, repo.pull_count, options.generate);
    }
    if (options.fault_share > 0.0) {
      fake_github::RandomFaults::Options faults;
      faults.seed = options.fault_seed;
      faults.share = options.fault_share;
      faults.faults = options.faults;
      server.set_fault_policy(std::make_shared<fake_github::RandomFaults>(faults));
    }
    if (options.slow_reply_ms >= 0) {
      server.set_slow_reply_hold(std::chrono::milliseconds(options.slow_reply_ms));
    }
    server.set_latency(std::chrono::milliseconds(options.latency_ms));
    for (const ChildrenSpec& children : options.children) {
      server.set_pull_children(children.full_name, children.number, children.counts);
    }
    if (options.graphql) {
      server.enable_graphql(options.graphql_modules);
      if (options.graphql_secondary_limit >= 0) {
        server.set_graphql_secondary_limit(options.graphql_secondary_limit);
      }
      if (options.graphql_fault_share > 0.0) {
        server.set_graphql_fault_policy(std::make_shared<fake_github::RandomGraphqlFaults>(
            options.graphql_fault_seed, options.graphql_fault_share, options.graphql_faults));
      } else if (options.graphql_heavy_first >= 0) {
        server.set_graphql_fault_policy(std::make_shared<fake_github::HeavyQueryFaults>(
            options.graphql_heavy_first, options.graphql_heavy_fault));
      }
    }
    const std::string base_url = server.start();
    if (options.port_file.empty()) {
      std::cout << base_url << std::endl;
    } else {
      write_port_file(options.port_file, base_url);
    }
    int received = 0;
    while (sigwait(&stop_signals, &received) == 0 && received == SIGUSR1) {
      for (const ChangeSpec& change : options.on_usr1) {
        if (change.open > 0) {
          server.open_pulls(change.full_name, change.open);
        } else {
          server.change_pull(change.full_name, change.number, change.change);
        }
      }
    }
    server.stop();
  } catch (const std::exception& error) {
    std::cerr << "fake_github: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
