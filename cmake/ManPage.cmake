# Writes backfill.1.gz from the binary's own --help (help2man), with a section
# per subcommand (its --help) and the hand-written sections of
# packaging/backfill.h2m. Run at build time, after the binary is linked:
#   cmake -DBINARY=... -DHELP2MAN=... -DGZIP=... -DVERSION=... -DINCLUDE=...
#         -DWORK_DIR=... -DOUTPUT=.../backfill.1.gz -P cmake/ManPage.cmake
# help2man takes the page's date from SOURCE_DATE_EPOCH when it is set, and
# gzip -n leaves no timestamp: the page is reproducible.
foreach(var BINARY HELP2MAN GZIP VERSION INCLUDE WORK_DIR OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ManPage.cmake: -D${var}= is required")
  endif()
endforeach()

execute_process(COMMAND "${BINARY}" --help OUTPUT_VARIABLE help RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${BINARY} --help failed: ${failed}")
endif()

# The subcommands are the indented first words after "Subcommands:".
string(FIND "${help}" "\nSubcommands:\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "no 'Subcommands:' in ${BINARY} --help")
endif()
string(SUBSTRING "${help}" ${at} -1 listing)
string(REGEX MATCHALL "\n  [a-z][a-z-]*" words "${listing}")

set(page "[SUBCOMMANDS]\n")
foreach(word IN LISTS words)
  string(STRIP "${word}" name)
  execute_process(COMMAND "${BINARY}" ${name} --help OUTPUT_VARIABLE sub RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "${BINARY} ${name} --help failed: ${failed}")
  endif()
  # Verbatim in roff: backslashes doubled; a line must not start with . or '.
  string(REPLACE "\\" "\\e" sub "${sub}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" sub "${sub}")
  string(APPEND page ".SS \"backfill ${name}\"\n.nf\n${sub}.fi\n")
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/subcommands.h2m" "${page}")

execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --version-string "${VERSION}"
          --include "${WORK_DIR}/subcommands.h2m" --include "${INCLUDE}"
          --output "${WORK_DIR}/backfill.1" "${BINARY}"
  RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "help2man failed: ${failed}")
endif()
execute_process(COMMAND "${GZIP}" -9 -n -c "${WORK_DIR}/backfill.1"
                OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "gzip failed: ${failed}")
endif()
