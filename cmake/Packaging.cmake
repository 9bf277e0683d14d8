# What `cmake --install` puts where, and the packages CPack makes of it:
#   cd build && cpack -B packages  packages/backfill_<version>-1.<distro>_amd64.deb
#                                packages/backfill-<version>-<distro>-<arch>.tar.gz
# The .deb's Depends come from dpkg-shlibdeps, so a package built on Debian 12
# installs on Debian 12 and one built on Ubuntu 22.04 on Ubuntu 22.04: <distro>
# (debian12, ubuntu22.04) is in both file names.
include(GNUInstallDirs)

set(BACKFILL_PACKAGING_DIR "${CMAKE_SOURCE_DIR}/packaging")
set(BACKFILL_PACKAGE_MAINTAINER "the backfill authors <backfill-authors@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the .deb")

# debian12, ubuntu22.04: what the runtime Depends were computed against.
set(distro "unknown")
if(EXISTS /etc/os-release)
  file(STRINGS /etc/os-release os_id REGEX "^ID=")
  file(STRINGS /etc/os-release os_version REGEX "^VERSION_ID=")
  string(REGEX REPLACE "^ID=\"?([^\"]*)\"?$" "\\1" os_id "${os_id}")
  string(REGEX REPLACE "^VERSION_ID=\"?([^\"]*)\"?$" "\\1" os_version "${os_version}")
  if(os_id AND os_version)
    set(distro "${os_id}${os_version}")
  endif()
endif()
set(BACKFILL_PACKAGE_DISTRO "${distro}" CACHE STRING
    "Distribution the packages are built for, in their names and Debian revision")

# --- the binary, its man page, completions and documentation -------------
install(TARGETS backfill RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

find_program(BACKFILL_HELP2MAN help2man)
find_program(BACKFILL_GZIP gzip)
if(BACKFILL_HELP2MAN AND BACKFILL_GZIP)
  set(manpage "${CMAKE_BINARY_DIR}/man/backfill.1.gz")
  add_custom_command(
    OUTPUT "${manpage}"
    COMMAND "${CMAKE_COMMAND}" -DBINARY=$<TARGET_FILE:backfill> -DHELP2MAN=${BACKFILL_HELP2MAN}
            -DGZIP=${BACKFILL_GZIP} -DVERSION=${BACKFILL_FULL_VERSION}
            -DINCLUDE=${BACKFILL_PACKAGING_DIR}/backfill.h2m -DWORK_DIR=${CMAKE_BINARY_DIR}/man
            -DOUTPUT=${manpage} -P ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS backfill ${BACKFILL_PACKAGING_DIR}/backfill.h2m ${CMAKE_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Generating the man page from backfill --help"
    VERBATIM)
  add_custom_target(backfill_manpage ALL DEPENDS "${manpage}")
  install(FILES "${manpage}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man or gzip not found: no man page "
                 "(scripts/install-deps.sh --package installs help2man)")
endif()

install(FILES ${BACKFILL_PACKAGING_DIR}/completions/backfill.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME backfill)
install(FILES ${BACKFILL_PACKAGING_DIR}/completions/_backfill
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The doc directory as Debian policy wants it: the copyright file (which
# carries the MIT licence text; a second copy would be lintian's
# extra-license-file) and a changelog. This package's version has a Debian
# revision, so it is changelog.Debian.gz, compressed without a timestamp.
set(BACKFILL_DEBIAN_REVISION "1.${BACKFILL_PACKAGE_DISTRO}")
string(TIMESTAMP changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(changelog "${CMAKE_BINARY_DIR}/packaging/changelog.Debian")
file(WRITE "${changelog}"
  "backfill (${BACKFILL_FULL_VERSION}-${BACKFILL_DEBIAN_REVISION}) unstable; urgency=medium\n\n"
  "  * backfill ${BACKFILL_FULL_VERSION}, commit ${BACKFILL_COMMIT}, packaged for\n"
  "    ${BACKFILL_PACKAGE_DISTRO}. The changes are in the git history of the source.\n\n"
  " -- ${BACKFILL_PACKAGE_MAINTAINER}  ${changelog_date}\n")
if(BACKFILL_GZIP)
  execute_process(COMMAND "${BACKFILL_GZIP}" -9 -n -c "${changelog}"
                  OUTPUT_FILE "${changelog}.gz")
  install(FILES "${changelog}.gz" DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${BACKFILL_PACKAGING_DIR}/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# --- CPack ------------------------------------------------------------------
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_NAME backfill)
set(CPACK_PACKAGE_VERSION "${BACKFILL_FULL_VERSION}")
set(CPACK_PACKAGE_VENDOR "the backfill authors")
set(CPACK_PACKAGE_CONTACT "${BACKFILL_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "copy every pull request of a GitHub repository into PostgreSQL or SQLite")
set(CPACK_PACKAGE_DESCRIPTION
    "backfill copies every pull request of a GitHub repository, however large,\n"
    "into PostgreSQL or an SQLite file, in chunks that each commit their cursor.\n"
    "A run cut off at any moment loses nothing, and the next run continues\n"
    "exactly where the last one stopped. It keeps within the GitHub rate limit,\n"
    "retries what can be retried, and runs as a GitHub Actions step.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_FILE_NAME
    "backfill-${BACKFILL_FULL_VERSION}-${BACKFILL_PACKAGE_DISTRO}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# The TGZ unpacks to backfill-<version>-<distro>-<arch>/{bin,share}.
set(CPACK_ARCHIVE_TGZ_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${BACKFILL_DEBIAN_REVISION}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${BACKFILL_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcurl needs a CA bundle for https://api.github.com.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)

# --- tests of the packaging ---------------------------------------------------
if(BACKFILL_BUILD_TESTS)
  add_subdirectory(tests/packaging)
endif()
