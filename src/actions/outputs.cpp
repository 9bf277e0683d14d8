#include "backfill/actions/outputs.hpp"

#include <memory>
#include <random>
#include <stdexcept>

#include "actions/append_file.hpp"

namespace backfill::actions {

namespace {

std::string random_delimiter(const RandomBits& random) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string delimiter = "ghadelimiter_";
  for (int word = 0; word < 2; ++word) {
    std::uint64_t bits = random();
    for (int i = 0; i < 16; ++i, bits >>= 4) delimiter += kHex[bits & 0xF];
  }
  return delimiter;
}

}  // namespace

std::string format_output(const std::string& name, const std::string& value,
                          const RandomBits& random) {
  if (name.empty() || name.find_first_of("=<\r\n") != std::string::npos) {
    throw std::invalid_argument("invalid output name '" + name + "'");
  }
  if (value.find_first_of("\r\n") == std::string::npos) return name + "=" + value + "\n";
  // The runner ends the value at the first line equal to the delimiter.
  std::string delimiter = random_delimiter(random);
  while (value.find(delimiter) != std::string::npos) delimiter = random_delimiter(random);
  return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
}

void append_outputs(const std::string& path, const OutputList& outputs, RandomBits random) {
  if (!random) {
    random = [device = std::make_shared<std::random_device>()] {
      return (static_cast<std::uint64_t>((*device)()) << 32) ^ (*device)();
    };
  }
  std::string text;
  for (const auto& [name, value] : outputs) text += format_output(name, value, random);
  detail::append_to_file(path, text, "GITHUB_OUTPUT");
}

}  // namespace backfill::actions
