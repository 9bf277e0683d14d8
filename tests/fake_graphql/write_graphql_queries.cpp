// Writes every GraphQL text the program can send into a directory, so that
// the query checker validates exactly those against GitHub's schema and
// rules (tests/fake_graphql/queries_test.sh): each query file with the
// shared fragments (github/graphql_texts.hpp), and the follow-up query for
// 1 slot and for the most (github/follow_up_query.hpp).
//   write_graphql_queries OUT_DIR [TEMPLATE_FILE]
// TEMPLATE_FILE replaces the embedded follow-up template (the suite's
// broken one); then only the follow-up queries are written.
// Prints each file's path; exit 0 written, 1 a broken template or an
// unwritable directory, 2 usage.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "backfill/github/follow_up_query.hpp"
#include "backfill/github/graphql_texts.hpp"

namespace {

constexpr const char* kTemplate = "pull_request_children";

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
  std::cout << path << "\n";
}

std::string read(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace backfill::github;
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: write_graphql_queries OUT_DIR [TEMPLATE_FILE]\n";
    return 2;
  }
  const std::string out_dir = argv[1];
  try {
    const std::string template_text = argc == 3 ? read(argv[2]) : std::string();
    if (argc == 2) {
      for (const auto& name : graphql_query_names()) {
        if (name != kTemplate) write(out_dir + "/" + name + ".graphql", graphql_query_text(name));
      }
    }
    for (const int slots : {1, kFollowUpSlots}) {
      write(out_dir + "/" + kTemplate + "." + std::to_string(slots) + "-slots.graphql",
            argc == 3 ? with_shared_fragments(follow_up_query_from(template_text, slots))
                      : follow_up_query(slots));
    }
  } catch (const std::exception& e) {
    std::cerr << "write_graphql_queries: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
