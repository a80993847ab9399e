# The whole Windows agent cross-built with mingw-w64 (CLOCKOUT_WINDOWS_FULL, docs/platform-windows.md): the libraries
# that need compiling come from installer/windows-deps.sh's cache (CLOCKOUT_WIN_DEPS, its clockout-deps.cmake names
# one install prefix per Debian source package and version); the header-only ones from the build machine's -dev
# packages, as in the core-only cross build (cmake/ClockoutHeaderOnly.cmake). Each becomes the imported target that
# the native build's find_package would give, so agent/ and tests/ do not tell the two builds apart.
set(CLOCKOUT_WIN_DEPS "" CACHE PATH "installer/windows-deps.sh's cache folder (it prints it on its last line)")
if(NOT CLOCKOUT_WIN_DEPS OR NOT EXISTS ${CLOCKOUT_WIN_DEPS}/clockout-deps.cmake)
    message(FATAL_ERROR "CLOCKOUT_WINDOWS_FULL needs -DCLOCKOUT_WIN_DEPS=<folder with clockout-deps.cmake>; "
                        "fix: bash installer/windows-deps.sh (its last line is that folder)")
endif()
include(${CLOCKOUT_WIN_DEPS}/clockout-deps.cmake)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CLOCKOUT_WIN_DEPS}/clockout-deps.cmake)

include(${CMAKE_CURRENT_LIST_DIR}/ClockoutHeaderOnly.cmake)  # date, toml++, doctest
clockout_header_only(CLI11::CLI11 CLI CLI.hpp)
clockout_header_only(nlohmann_json::nlohmann_json nlohmann json.hpp)
# Debian's fmt and spdlog are compiled libraries; their headers compile the implementation in (spdlog is header-only
# unless SPDLOG_COMPILED_LIB is defined; Debian's tweakme.h makes it use the external fmt).
clockout_header_only(fmt::fmt fmt format.h)
set_property(TARGET fmt::fmt APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)
clockout_header_only(spdlog::spdlog spdlog spdlog.h)
set_property(TARGET spdlog::spdlog APPEND PROPERTY INTERFACE_LINK_LIBRARIES fmt::fmt)

function(clockout_win_static_library target library include_dir)
    if(NOT EXISTS ${library})
        message(FATAL_ERROR "${library} not found; fix: bash installer/windows-deps.sh")
    endif()
    add_library(${target} STATIC IMPORTED GLOBAL)
    set_target_properties(${target} PROPERTIES IMPORTED_LOCATION ${library} INTERFACE_INCLUDE_DIRECTORIES ${include_dir})
endfunction()
clockout_win_static_library(clockout_win_sqlite3 ${CLOCKOUT_WIN_SQLITE_DIR}/lib/libsqlite3.a
                            ${CLOCKOUT_WIN_SQLITE_DIR}/include)
clockout_win_static_library(SQLiteCpp ${CLOCKOUT_WIN_SQLITECPP_DIR}/lib/libSQLiteCpp.a
                            ${CLOCKOUT_WIN_SQLITECPP_DIR}/include)
set_property(TARGET SQLiteCpp APPEND PROPERTY INTERFACE_LINK_LIBRARIES clockout_win_sqlite3)

# wxMSW: FindwxWidgets asks the cached build's wx-config (a cross build uses wx-config, as on Unix), then looks for each
# -l library it names with find_library, which the toolchain confines to CMAKE_FIND_ROOT_PATH: the prefixes join it.
if(CLOCKOUT_WIN_WX_DIR AND EXISTS ${CLOCKOUT_WIN_WX_DIR}/bin/wx-config)
    list(APPEND CMAKE_FIND_ROOT_PATH ${CLOCKOUT_WIN_WX_DIR} ${CLOCKOUT_WIN_PNG_DIR} ${CLOCKOUT_WIN_ZLIB_DIR})
    set(wxWidgets_CONFIG_EXECUTABLE ${CLOCKOUT_WIN_WX_DIR}/bin/wx-config CACHE FILEPATH "wxMSW's wx-config" FORCE)
    set(CLOCKOUT_WIN_HAVE_WX ON)
else()
    set(CLOCKOUT_WIN_HAVE_WX OFF)
endif()

# GCC 12's -Wrestrict false positive on std::string's operator+ at -O2 (GCC bug 105329), which MinGW's libstdc++
# headers trigger in a dozen places of core, app and platform: off in this build, so it can keep -Werror.
target_compile_options(clockout_warnings INTERFACE -Wno-restrict)
