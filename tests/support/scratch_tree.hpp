#pragma once
// A throwaway directory tree for tests of the repository's scripts: files
// written by relative path, the whole tree removed afterwards.
#include <filesystem>
#include <string>

namespace backfill::testing {

class ScratchTree {
 public:
  ScratchTree();  // a new directory under /tmp; throws std::runtime_error
  ~ScratchTree();
  ScratchTree(const ScratchTree&) = delete;
  ScratchTree& operator=(const ScratchTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  // Writes `text` to root/relative, creating the directories on the way.
  void write(const std::string& relative, const std::string& text) const;
  // Copies `from` (a real file) to root/relative, keeping its permissions.
  void copy(const std::filesystem::path& from, const std::string& relative) const;
  std::string read(const std::string& relative) const;

 private:
  std::filesystem::path root_;
};

}  // namespace backfill::testing
