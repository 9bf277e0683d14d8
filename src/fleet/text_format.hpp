#pragma once
// Small text helpers of the fleet commands' output.
#include <chrono>
#include <cstdint>
#include <string>

namespace backfill::fleet {

// An elapsed time to the precision a person reads it at: "45s", "12m",
// "3h05m", "2d03h". Negative counts as 0.
std::string coarse_duration(std::chrono::seconds d);

}  // namespace backfill::fleet
