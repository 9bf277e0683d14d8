#pragma once
// The frame around every page (page_frame.cpp) and the cells the pages share.
#include <cstdint>
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/store/dashboard_view.hpp"

namespace backfill::cli::serve {

// <!doctype html> ... with the embedded style sheet and script; `body` is HTML.
std::string page_frame(const std::string& title, const std::string& body, const std::string& page);

// "12s ago", "3m ago"; "-" when unknown.
std::string age_text(const std::optional<std::string>& at, SystemTime now);
// A progress bar (processed of expected).
std::string progress_cell(std::int64_t processed, const std::optional<std::int64_t>& expected);
// The run's trigger, a link to its Actions run when there is one, its exit.
std::string run_cell(const std::optional<store::RunRow>& run);

}  // namespace backfill::cli::serve
