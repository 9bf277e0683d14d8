// scripts/check-layers.sh on small synthetic trees: each kind of upward
// dependency is reported as file:line and fails the check; a tree that only
// depends downward passes. (The real tree is checked by the LayerCheck test.)
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "support/process.hpp"
#include "support/scratch_tree.hpp"

namespace {

namespace fs = std::filesystem;
using backfill::testing::ProcessResult;
using backfill::testing::ScratchTree;

const fs::path kScript = fs::path(BACKFILL_SOURCE_DIR) / "scripts" / "check-layers.sh";

// A tree that respects every layer: downward includes, public and private,
// a nested directory, and CMake links to lower libraries only.
void write_clean_tree(const ScratchTree& tree) {
  tree.write("include/backfill/core/errors.hpp", "#pragma once\n#include <stdexcept>\n");
  tree.write("include/backfill/store/store.hpp",
             "#pragma once\n#include \"backfill/core/errors.hpp\"\n");
  tree.write("src/core/errors.cpp", "#include \"backfill/core/errors.hpp\"\n");
  tree.write("src/store/sqlite/sqlite_store.cpp",
             "#include \"backfill/store/store.hpp\"\n#include \"store/migrations.hpp\"\n");
  tree.write("src/store/migrations.hpp", "#pragma once\n#include <string>\n");
  tree.write("src/engine/backfill_run.cpp",
             "#include <vector>\n\n#include \"backfill/github/client.hpp\"\n"
             "#include \"backfill/store/store.hpp\"\n#include \"store/migrations.hpp\"\n");
  tree.write("src/fleet/router.cpp", "#include \"backfill/actions/event.hpp\"\n");
  tree.write("src/cli/app.cpp",
             "#include \"backfill/fleet/commands.hpp\"\n#include \"backfill/cli/config.hpp\"\n");
  tree.write("src/main.cpp", "#include \"backfill/cli/app.hpp\"\nint main() {}\n");
  tree.write("CMakeLists.txt",
             "target_link_libraries(backfill_core PUBLIC spdlog::spdlog)\n"
             "target_link_libraries(backfill_store PUBLIC backfill_core SQLite::SQLite3)\n"
             "target_link_libraries(backfill_engine PUBLIC backfill_github\n"
             "                                         backfill_store)\n"
             "target_link_libraries(backfill_cli PUBLIC backfill_actions backfill_fleet CLI11)\n"
             "target_link_libraries(backfill_all INTERFACE backfill_cli)\n"
             "target_link_libraries(backfill PRIVATE backfill_all)\n");
}

ProcessResult check(const ScratchTree& tree) {
  return backfill::testing::run_process("/bin/bash", {kScript.string(), tree.root().string()},
                                        {{"PATH", "/usr/bin:/bin"}});
}

class LayerCheckScript : public ::testing::Test {
 protected:
  void SetUp() override { write_clean_tree(tree_); }
  ScratchTree tree_;
};

}  // namespace

TEST_F(LayerCheckScript, ATreeThatOnlyDependsDownwardPasses) {
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(LayerCheckScript, AnUpwardPublicIncludeIsNamedByFileAndLine) {
  tree_.write("src/fleet/scheduler.cpp",
              "#include \"backfill/fleet/scheduler.hpp\"\n\n"
              "#include \"backfill/cli/config.hpp\"\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("src/fleet/scheduler.cpp:3: #include \"backfill/cli/config.hpp\""),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("scheduler.cpp:1:"), std::string::npos) << result.out;
}

TEST_F(LayerCheckScript, AnUpwardPrivateIncludeFails) {
  tree_.write("src/github/client.cpp", "#include \"store/migrations.hpp\"\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("src/github/client.cpp:1: #include \"store/migrations.hpp\""),
            std::string::npos)
      << result.out;
}

TEST_F(LayerCheckScript, APublicHeaderIncludingAHigherLayerFails) {
  tree_.write("include/backfill/core/log.hpp",
              "#pragma once\n#include <string>\n#include \"backfill/engine/backfill_run.hpp\"\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("include/backfill/core/log.hpp:3:"), std::string::npos) << result.out;
}

TEST_F(LayerCheckScript, NothingMayIncludeTheLayerAboveEvenOneStep) {
  tree_.write("src/actions/outputs.cpp", "#include \"backfill/fleet/router.hpp\"\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("src/actions/outputs.cpp:1:"), std::string::npos) << result.out;
}

TEST_F(LayerCheckScript, ALibraryLinkedToAHigherLayerFails) {
  tree_.write("CMakeLists.txt",
              "target_link_libraries(backfill_core PUBLIC spdlog::spdlog)\n"
              "target_link_libraries(backfill_store PUBLIC backfill_core\n"
              "                                        backfill_engine)\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("CMakeLists.txt:2: backfill_store links backfill_engine"),
            std::string::npos)
      << result.out;
}

TEST_F(LayerCheckScript, ALibraryLinkedToItsOwnLayerFails) {
  tree_.write("CMakeLists.txt", "target_link_libraries(backfill_fleet PUBLIC backfill_fleet)\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("CMakeLists.txt:1: backfill_fleet links backfill_fleet"),
            std::string::npos)
      << result.out;
}

TEST_F(LayerCheckScript, ASourceDirectoryOutsideEveryLayerFails) {
  tree_.write("src/plugins/extra.cpp", "#include \"backfill/core/errors.hpp\"\n");
  const auto result = check(tree_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("src/plugins/extra.cpp:1: belongs to no layer"), std::string::npos)
      << result.out;
}

TEST(LayerCheckScriptUsage, ARootWithoutSourcesIsAUsageError) {
  ScratchTree empty;
  const auto result = check(empty);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
}
