#include "backfill/actions/workflow_commands.hpp"

namespace backfill::actions {

namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string annotation(std::string_view command, std::string_view message,
                       std::optional<std::string_view> title) {
  std::string line = "::" + std::string(command);
  if (title) line += " title=" + escape_property(*title);
  return line + "::" + escape_data(message) + "\n";
}

}  // namespace

std::string escape_data(std::string_view text) { return escape(text, false); }
std::string escape_property(std::string_view text) { return escape(text, true); }

std::string add_mask(std::string_view value) {
  if (value.empty()) return "";
  std::string lines = "::add-mask::" + escape_data(value) + "\n";
  if (value.find_first_of("\r\n") == std::string_view::npos) return lines;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find('\n', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view line = value.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines += "::add-mask::" + escape_data(line) + "\n";
    start = end + 1;
  }
  return lines;
}

std::string group(std::string_view title) { return "::group::" + escape_data(title) + "\n"; }
std::string endgroup() { return "::endgroup::\n"; }

std::string warning(std::string_view message, std::optional<std::string_view> title) {
  return annotation("warning", message, title);
}

std::string error(std::string_view message, std::optional<std::string_view> title) {
  return annotation("error", message, title);
}

}  // namespace backfill::actions
