# The version of a build, from git tags (vX.Y.Z), computed at configure time.
#
#   include(cmake/Version.cmake)  (in CMakeLists.txt, after project())
#     BACKFILL_VERSION        X.Y.Z of the nearest release tag, else the project() version.
#                             Stable between releases: it is a compile definition of every
#                             library (the User-Agent), so a new commit must not change it.
#     BACKFILL_FULL_VERSION   X.Y.Z on a release tag; X.Y.Z+N.gHASH N commits after it
#                             (sorts after X.Y.Z for dpkg and SemVer); the project() version
#                             when there is no tag or no git.
#     BACKFILL_COMMIT         abbreviated commit (7 hex digits), or "unknown"
#     BACKFILL_BUILD_DATE     YYYY-MM-DD, UTC; from SOURCE_DATE_EPOCH when it is set
#
#   cmake -DSOURCE_DIR=DIR -DFALLBACK_VERSION=0.1.0 -P cmake/Version.cmake
#     prints those four as NAME=VALUE lines (tests/packaging/version_test.sh).
#
# Without a .git (a source tarball, a Docker build context), the environment
# variables BACKFILL_GIT_DESCRIBE (what `git describe --tags` would print, e.g.
# v1.2.3) and BACKFILL_GIT_COMMIT stand in for git.

function(backfill_version_from_git source_dir fallback_version)
  set(describe "")
  set(commit "")
  find_package(Git QUIET)
  if(GIT_FOUND AND EXISTS "${source_dir}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${source_dir}" describe --tags --long
                            --match "v[0-9]*.[0-9]*.[0-9]*"
                    OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE describe_failed ERROR_QUIET)
    if(describe_failed)
      set(describe "")
    endif()
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${source_dir}" rev-parse --short=7 HEAD
                    OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE commit_failed ERROR_QUIET)
    if(commit_failed)
      set(commit "")
    endif()
  else()
    set(describe "$ENV{BACKFILL_GIT_DESCRIBE}")
    set(commit "$ENV{BACKFILL_GIT_COMMIT}")
  endif()

  set(base "${fallback_version}")
  set(full "${fallback_version}")
  # --long always prints vX.Y.Z-N-gHASH; a hand-given describe may be short.
  if(describe MATCHES "^v([0-9]+\\.[0-9]+\\.[0-9]+)(-([0-9]+)-g([0-9a-f]+))?$")
    set(base "${CMAKE_MATCH_1}")
    set(full "${CMAKE_MATCH_1}")
    if(CMAKE_MATCH_3 AND NOT CMAKE_MATCH_3 STREQUAL "0")
      string(SUBSTRING "${CMAKE_MATCH_4}" 0 7 hash)
      set(full "${CMAKE_MATCH_1}+${CMAKE_MATCH_3}.g${hash}")
    endif()
  elseif(NOT describe STREQUAL "")
    message(WARNING "ignoring version '${describe}': not vX.Y.Z[-N-gHASH]")
  endif()
  if(NOT commit MATCHES "^[0-9a-f]+$")
    set(commit "unknown")
  else()
    string(SUBSTRING "${commit}" 0 7 commit)
  endif()
  # string(TIMESTAMP) uses SOURCE_DATE_EPOCH when it is set.
  string(TIMESTAMP date "%Y-%m-%d" UTC)

  set(BACKFILL_VERSION "${base}" PARENT_SCOPE)
  set(BACKFILL_FULL_VERSION "${full}" PARENT_SCOPE)
  set(BACKFILL_COMMIT "${commit}" PARENT_SCOPE)
  set(BACKFILL_BUILD_DATE "${date}" PARENT_SCOPE)
endfunction()

# A commit or a new tag changes the version: configure again when HEAD or the
# refs move (only the generated build_info.hpp changes then, so only the
# source printing --version recompiles).
function(backfill_reconfigure_on_git_changes source_dir)
  find_package(Git QUIET)
  if(NOT GIT_FOUND OR NOT EXISTS "${source_dir}/.git")
    return()
  endif()
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${source_dir}" symbolic-ref -q HEAD
                  OUTPUT_VARIABLE head_ref OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(paths HEAD packed-refs refs/tags)
  if(head_ref)
    list(APPEND paths "${head_ref}")
  endif()
  foreach(path IN LISTS paths)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${source_dir}" rev-parse --git-path "${path}"
                    OUTPUT_VARIABLE file OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(file AND NOT IS_ABSOLUTE "${file}")
      set(file "${source_dir}/${file}")
    endif()
    if(file AND EXISTS "${file}")
      set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
    endif()
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  backfill_version_from_git("${SOURCE_DIR}" "${FALLBACK_VERSION}")
  foreach(name BACKFILL_VERSION BACKFILL_FULL_VERSION BACKFILL_COMMIT BACKFILL_BUILD_DATE)
    message(NOTICE "${name}=${${name}}")
  endforeach()
  return()
endif()

backfill_version_from_git("${CMAKE_SOURCE_DIR}" "${PROJECT_VERSION}")
backfill_reconfigure_on_git_changes("${CMAKE_SOURCE_DIR}")
message(STATUS "backfill ${BACKFILL_FULL_VERSION} (commit ${BACKFILL_COMMIT}, built ${BACKFILL_BUILD_DATE})")

# Only the --version line needs the commit and date: a generated header that
# one source includes, rewritten only when its text changes.
configure_file("${CMAKE_CURRENT_LIST_DIR}/build_info.hpp.in"
               "${CMAKE_BINARY_DIR}/generated/backfill/build_info.hpp" @ONLY)
include_directories("${CMAKE_BINARY_DIR}/generated")
