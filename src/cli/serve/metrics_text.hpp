#pragma once
// /metrics in Prometheus' text exposition format (version 0.0.4): pure, the
// rows the store read and the time in, text out. Base units (seconds),
// `_total` for counters, one HELP and TYPE per family.
#include <optional>
#include <string>

#include "backfill/core/clock.hpp"
#include "backfill/store/dashboard_view.hpp"
#include "backfill/store/status_view.hpp"

namespace backfill::cli::serve {

// A label value with \ " and newlines escaped as the format requires.
std::string escape_label_value(const std::string& value);

// `snapshot` nullopt: the database could not be read (backfill_database_up 0
// and nothing else that would pretend to know).
std::string render_metrics(const std::optional<store::DashboardSnapshot>& snapshot, SystemTime now);

}  // namespace backfill::cli::serve
