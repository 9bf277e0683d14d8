#include "support/scratch_tree.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace backfill::testing {

namespace fs = std::filesystem;

ScratchTree::ScratchTree() {
  char pattern[] = "/tmp/backfill-scratch.XXXXXX";
  if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed for a scratch tree");
  root_ = pattern;
}

ScratchTree::~ScratchTree() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void ScratchTree::write(const std::string& relative, const std::string& text) const {
  const fs::path path = root_ / relative;
  fs::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
}

void ScratchTree::copy(const fs::path& from, const std::string& relative) const {
  const fs::path to = root_ / relative;
  fs::create_directories(to.parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::string ScratchTree::read(const std::string& relative) const {
  std::ifstream file(root_ / relative, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + (root_ / relative).string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace backfill::testing
