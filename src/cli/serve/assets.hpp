#pragma once
// The dashboard's static files (src/cli/serve/assets/), compiled into the
// binary by cmake/EmbedAssets.cmake.
#include <optional>
#include <string_view>

namespace backfill::cli::serve {

// The file's text by its name under assets/ ("dashboard.js"), or nullopt.
std::optional<std::string_view> embedded_asset(std::string_view name);

}  // namespace backfill::cli::serve
