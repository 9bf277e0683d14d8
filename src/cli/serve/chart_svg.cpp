#include "cli/serve/chart_svg.hpp"

#include <algorithm>
#include <cstdio>

#include "backfill/core/clock.hpp"
#include "backfill/core/text.hpp"
#include "cli/serve/html_escape.hpp"

namespace backfill::cli::serve {

namespace {

constexpr double kWidth = 720, kHeight = 240;
constexpr double kLeft = 70, kRight = 10, kTop = 10, kBottom = 30;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

double seconds_of(const std::string& at) {
  try {
    return std::chrono::duration<double>(parse_iso8601(at).time_since_epoch()).count();
  } catch (const std::exception&) {
    return 0;
  }
}

std::string text_at(double x, double y, const char* anchor, const std::string& text) {
  return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">" +
         escape_html(text) + "</text>";
}

}  // namespace

std::string stored_chart_svg(const std::vector<StoredPoint>& points,
                             const std::optional<std::int64_t>& expected) {
  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    number(kWidth) + " " + number(kHeight) +
                    "\" role=\"img\" aria-label=\"stored pull requests over time\">";
  if (points.empty()) {
    return svg + text_at(kWidth / 2, kHeight / 2, "middle", "no chunk committed yet") + "</svg>";
  }
  const double t0 = seconds_of(points.front().at);
  const double t1 = std::max(seconds_of(points.back().at), t0 + 1);
  std::int64_t top = expected.value_or(0);
  for (const auto& p : points) top = std::max(top, p.stored);
  top = std::max<std::int64_t>(top, 1);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](double t) { return kLeft + (t - t0) / (t1 - t0) * plot_w; };
  auto y_of = [&](double v) { return kTop + plot_h - v / static_cast<double>(top) * plot_h; };

  svg += "<rect class=\"plot\" x=\"" + number(kLeft) + "\" y=\"" + number(kTop) + "\" width=\"" +
         number(plot_w) + "\" height=\"" + number(plot_h) + "\"/>";
  if (expected) {
    const double y = y_of(static_cast<double>(*expected));
    svg += "<line class=\"expected\" x1=\"" + number(kLeft) + "\" x2=\"" + number(kLeft + plot_w) +
           "\" y1=\"" + number(y) + "\" y2=\"" + number(y) + "\"/>";
  }
  std::string line;
  for (const auto& p : points) {
    line +=
        number(x_of(seconds_of(p.at))) + "," + number(y_of(static_cast<double>(p.stored))) + " ";
  }
  if (points.size() == 1)
    line += number(kLeft + plot_w) + "," + number(y_of(static_cast<double>(points[0].stored)));
  svg += "<polyline class=\"stored\" fill=\"none\" points=\"" + line + "\"/>";
  svg += text_at(kLeft - 6, kTop + 10, "end", group_thousands(top));
  svg += text_at(kLeft - 6, kTop + plot_h, "end", "0");
  svg += text_at(kLeft, kHeight - 8, "start", points.front().at);
  svg += text_at(kLeft + plot_w, kHeight - 8, "end", points.back().at);
  return svg + "</svg>";
}

}  // namespace backfill::cli::serve
