# Cross-compiles Clockout for 64-bit Windows with Debian's mingw-w64 (docs/platform-windows.md):
#   cmake -S . -B build-mingw -G Ninja --toolchain cmake/mingw-w64.cmake
# The "-posix" compilers use winpthreads, which std::thread and std::mutex need. Everything is linked statically, so a
# test .exe runs under wine (CMAKE_CROSSCOMPILING_EMULATOR, hence plain add_test) without hunting for MinGW DLLs.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CLOCKOUT_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${CLOCKOUT_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${CLOCKOUT_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${CLOCKOUT_MINGW_TRIPLET}-windres)

# Libraries and headers come from the MinGW sysroot only; programs (wine, wineboot) from the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/${CLOCKOUT_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

find_program(CLOCKOUT_WINE wine)
if(CLOCKOUT_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${CLOCKOUT_WINE})
endif()
