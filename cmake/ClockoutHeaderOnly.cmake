# Header-only stand-ins for date, toml++ and doctest when cross-compiling: the MinGW sysroot has no packages, but these
# three are plain headers that any compiler can use. Each target points at a folder in the build tree that links to
# just that library's headers, never at the build machine's whole /usr/include (its glibc headers would shadow MinGW's).
set(CLOCKOUT_HOST_INCLUDE_DIR /usr/include CACHE PATH "Where the build machine keeps date/, toml++/ and doctest/")
set(clockout_shim_dir ${CMAKE_BINARY_DIR}/header-only)

function(clockout_header_only target subdir header)
    if(TARGET ${target})
        return()
    endif()
    set(source ${CLOCKOUT_HOST_INCLUDE_DIR}/${subdir})
    if(NOT EXISTS ${source}/${header})
        message(FATAL_ERROR "${source}/${header} not found; fix: install it on the build machine "
                            "(bash installer/dev-setup.sh deps) or set CLOCKOUT_HOST_INCLUDE_DIR")
    endif()
    set(include_dir ${clockout_shim_dir}/${subdir}-include)
    file(MAKE_DIRECTORY ${include_dir})
    file(CREATE_LINK ${source} ${include_dir}/${subdir} SYMBOLIC COPY_ON_ERROR)
    add_library(${target} INTERFACE IMPORTED GLOBAL)
    set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${include_dir})
endfunction()

clockout_header_only(date::date date date.h)
# The same definitions as Debian's date package, so core compiles alike on both sides.
set_property(TARGET date::date APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS ONLY_C_LOCALE=1 HAS_STRING_VIEW=1)
clockout_header_only(tomlplusplus::tomlplusplus toml++ toml.h)
# Debian's toml++ is a compiled library; the same header compiles its implementation into settings.cpp instead. Its
# internal asserts stay off as in Debian's release build: toml++ 3.3 asserts on some malformed input (100000 '[') that
# it otherwise reports as a parse error, and settings must report it.
# (TOML_ASSERT(x) becomes static_cast<void>(x): CMake passes no function-like macros.)
set_property(TARGET tomlplusplus::tomlplusplus APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
             TOML_HEADER_ONLY=1 TOML_ASSERT=static_cast<void>)
clockout_header_only(doctest::doctest doctest doctest.h)
