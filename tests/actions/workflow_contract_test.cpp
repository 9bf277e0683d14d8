// The workflows and the event parser agree: every input a workflow declares
// is a setting read_event knows, and the dispatch type is the one it accepts.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backfill/actions/event.hpp"

namespace {

const std::filesystem::path kWorkflows =
    std::filesystem::path(BACKFILL_SOURCE_DIR) / ".github" / "workflows";

std::vector<std::string> lines_of(const std::string& file) {
  std::ifstream in(kWorkflows / file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t indent(const std::string& line) { return line.find_first_not_of(' '); }

bool is_key(const std::string& line, const std::string& key) {
  const auto at = indent(line);
  return at != std::string::npos && line.compare(at, key.size() + 1, key + ":") == 0;
}

// The names under `workflow_dispatch: inputs:` (block-style YAML, as ours is).
std::vector<std::string> dispatch_inputs(const std::string& file) {
  const auto lines = lines_of(file);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_key(lines[i], "workflow_dispatch")) continue;
    const std::size_t base = indent(lines[i]);
    std::size_t j = i + 1;
    while (j < lines.size() && indent(lines[j]) > base && !is_key(lines[j], "inputs")) ++j;
    if (j == lines.size() || indent(lines[j]) <= base) return names;
    const std::size_t inputs_indent = indent(lines[j]);
    std::size_t name_indent = std::string::npos;
    for (++j; j < lines.size(); ++j) {
      const std::size_t at = indent(lines[j]);
      if (at == std::string::npos || lines[j][at] == '#') continue;
      if (at <= inputs_indent) break;
      if (name_indent == std::string::npos) name_indent = at;
      if (at == name_indent) names.push_back(lines[j].substr(at, lines[j].find(':') - at));
    }
  }
  return names;
}

}  // namespace

TEST(WorkflowContract, ProgressiveBackfillInputsAreKnownSettings) {
  const auto names = dispatch_inputs("progressive-backfill.yml");
  EXPECT_EQ(names, (std::vector<std::string>{"repository", "chunk_size", "max_chunks",
                                             "time_budget", "restart", "with"}));
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& name : names) inputs[name] = "";
  EXPECT_NO_THROW(backfill::actions::read_event("workflow_dispatch",
                                                nlohmann::json{{"inputs", inputs}}.dump()));
}

TEST(WorkflowContract, SchedulerInputsAreKnownSettings) {
  const auto names = dispatch_inputs("backfill-scheduler.yml");
  EXPECT_EQ(names,
            (std::vector<std::string>{"actions_threshold", "actions_percentage", "max_dispatch"}));
  nlohmann::json inputs = nlohmann::json::object();
  for (const auto& name : names) inputs[name] = "1";
  EXPECT_NO_THROW(backfill::actions::read_event("workflow_dispatch",
                                                nlohmann::json{{"inputs", inputs}}.dump()));
}

TEST(WorkflowContract, ProgressiveBackfillListensForTheDispatchType) {
  std::ifstream in(kWorkflows / "progressive-backfill.yml");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(std::string("types: [") + backfill::actions::kDispatchEventType + "]"),
            std::string::npos);
}
