// Writes the follow-up queries the program can send, for 1 slot and for the
// most slots (github/follow_up_query.hpp), into a directory, so that the
// query checker validates the generated texts against GitHub's schema and
// rules like the .graphql files (tests/fake_graphql/queries_test.sh).
//   write_follow_up_queries OUT_DIR [TEMPLATE_FILE]
// TEMPLATE_FILE replaces the embedded template (the suite's broken one).
// Exit 0 written, 1 a broken template or an unwritable directory, 2 usage.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "backfill/github/follow_up_query.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: write_follow_up_queries OUT_DIR [TEMPLATE_FILE]\n";
    return 2;
  }
  const std::string out_dir = argv[1];
  try {
    std::string template_text;
    if (argc == 3) {
      std::ifstream in(argv[2]);
      if (!in) throw std::runtime_error(std::string("cannot read ") + argv[2]);
      std::ostringstream text;
      text << in.rdbuf();
      template_text = text.str();
    }
    for (const int slots : {1, backfill::github::kFollowUpSlots}) {
      const std::string path =
          out_dir + "/pull_request_children." + std::to_string(slots) + "-slots.graphql";
      std::ofstream out(path);
      out << (argc == 3 ? backfill::github::follow_up_query_from(template_text, slots)
                        : backfill::github::follow_up_query(slots));
      if (!out.flush()) throw std::runtime_error("cannot write " + path);
      std::cout << path << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "write_follow_up_queries: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
