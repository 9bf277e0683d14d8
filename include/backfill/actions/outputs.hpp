#pragma once
// Step outputs: lines appended to the file named by $GITHUB_OUTPUT.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace backfill::actions {

using OutputList = std::vector<std::pair<std::string, std::string>>;
// 64 random bits per call; the delimiter of a multi-line value is made of them.
using RandomBits = std::function<std::uint64_t()>;

// Pure: the text for one output. "name=value\n", or, when the value holds a
// line break, "name<<DELIM\nvalue\nDELIM\n" with a random DELIM that occurs
// nowhere in the value (drawn again until it does not). Throws
// std::invalid_argument for a name that is empty or holds '=', '<' or a line
// break: the runner could not read it back.
std::string format_output(const std::string& name, const std::string& value,
                          const RandomBits& random);

// Appends every output to `path` in one write. Throws FatalError naming the
// file when it cannot be opened or written. `random` defaults to
// std::random_device.
void append_outputs(const std::string& path, const OutputList& outputs, RandomBits random = {});

}  // namespace backfill::actions
