#pragma once
// Appending to the files the runner gives a step ($GITHUB_OUTPUT,
// $GITHUB_STEP_SUMMARY): other steps wrote there first, so never truncate.
#include <string>

namespace backfill::actions::detail {

// One append of `text`. Throws FatalError naming `what` (the variable) and
// the path when the file cannot be opened or fully written.
void append_to_file(const std::string& path, const std::string& text, const std::string& what);

}  // namespace backfill::actions::detail
