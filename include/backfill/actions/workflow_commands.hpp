#pragma once
// GitHub Actions workflow commands ("::name key=value::data"), escaped the
// way the runner unescapes them (actions/toolkit's command.ts). Each function
// returns the complete line, newline included, for the caller to write to
// stdout: the runner only reads commands there.
#include <optional>
#include <string>
#include <string_view>

namespace backfill::actions {

// Command data: % -> %25, \r -> %0D, \n -> %0A.
std::string escape_data(std::string_view text);
// Property values: as data, plus : -> %3A and , -> %2C.
std::string escape_property(std::string_view text);

// "::add-mask::VALUE\n". The runner masks log output line by line, so a
// multi-line value is masked one line per command (each line also as part of
// the whole). An empty value returns "" (there is nothing to mask, and the
// runner warns about an empty mask).
std::string add_mask(std::string_view value);

// "::group::TITLE\n" ... "::endgroup::\n" folds the lines between them.
std::string group(std::string_view title);
std::string endgroup();

// "::warning title=T::MESSAGE\n" / "::error ...": an annotation on the run.
std::string warning(std::string_view message, std::optional<std::string_view> title = std::nullopt);
std::string error(std::string_view message, std::optional<std::string_view> title = std::nullopt);

}  // namespace backfill::actions
