#!/usr/bin/env bash
# Builds the Windows agent's libraries with mingw-w64 from Debian's SOURCE packages, once per machine, and caches them
# outside the clone (docs/platform-windows.md):
#   bash installer/windows-deps.sh [--no-wx]
# Cache: ${CLOCKOUT_WIN_CACHE:-$HOME/.cache/clockout-windows}/<source package>-<Debian version>/ (an install prefix:
# include/, lib/, bin/wx-config), reused as long as its recipe is the same; the source packages are kept in src/ and
# apt's lists of bookworm's sources in apt/ (refreshed with CLOCKOUT_WIN_REFRESH=1, else fetched only the first time).
# Built: zlib, libpng1.6 (wx's PNG support), wxwidgets3.2 (MSW, static, unicode, release), sqlite3 (its amalgamation,
# generated from the full source tree) and sqlitecpp (static). The other libraries are headers of Debian's -dev
# packages (cmake/ClockoutHeaderOnly.cmake). Debian's own patches are not applied: the upstream tarballs are built.
# Writes <cache>/clockout-deps.cmake, which `cmake -DCLOCKOUT_WINDOWS_FULL=ON -DCLOCKOUT_WIN_DEPS=<cache>` reads.
# The last line of output is the cache folder. Errors are one line on standard error; exit status 1.
set -euo pipefail

with_wx=1
for arg in "$@"; do
    case "$arg" in
        --no-wx) with_wx=0 ;;
        *)
            echo "usage: bash installer/windows-deps.sh [--no-wx]" >&2
            exit 2
            ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${CLOCKOUT_WIN_CACHE:-$HOME/.cache/clockout-windows}"
host=x86_64-w64-mingw32
jobs="$(nproc 2>/dev/null || echo 2)"
# Bump when a recipe below changes: a cached build made by another recipe is rebuilt.
recipe_revision=1

fail() {
    echo "windows-deps: $*" >&2
    exit 1
}
need() {
    command -v "$1" >/dev/null || fail "$1 not found; fix: bash installer/dev-setup.sh deps (Debian package: $2)"
}
need "$host-gcc-posix" gcc-mingw-w64-x86-64-posix
need "$host-g++-posix" g++-mingw-w64-x86-64-posix
need "$host-windres" binutils-mingw-w64-x86-64
need apt-get apt
need cc gcc
need make make
need tclsh tcl
need cmake cmake
need ninja ninja-build
need xz xz-utils
need flock util-linux

mkdir -p "$cache/src" "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" || fail "cannot create $cache"
# One run at a time on a cache (two clones building at once wait for each other).
exec 9>"$cache/.lock"
if ! flock -n 9; then
    echo "windows-deps: another windows-deps.sh is using $cache; waiting for it"
    flock 9
fi

# apt, pointed at a sources list of its own: the machine's apt configuration and lists are not touched.
echo 'deb-src http://deb.debian.org/debian bookworm main' >"$cache/apt/sources.list"
apt_options=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
    -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache=$cache/apt/cache" -o APT::Sandbox::User=root)
if [ "${CLOCKOUT_WIN_REFRESH:-0}" = 1 ] || ! ls "$cache/apt/lists/"*Sources* >/dev/null 2>&1; then
    apt-get "${apt_options[@]}" -qq update 2>"$cache/apt/update.log" ||
        fail "apt-get update of bookworm's source lists failed (see $cache/apt/update.log)"
fi

# The newest version of source package $1 in the lists.
source_version() {
    apt-cache "${apt_options[@]}" showsrc --only-source "$1" 2>/dev/null | awk '/^Version:/ {print $2}' |
        sort -V | tail -n 1
}

# Downloads source package $1 version $2 into src/ unless it is there; prints the .dsc's path.
fetch_source() {
    local pkg="$1" version="$2" dsc
    dsc="$cache/src/${pkg}_${version#*:}.dsc"
    if [ ! -f "$dsc" ]; then
        (cd "$cache/src" && apt-get "${apt_options[@]}" -qq source --download-only "$pkg=$version" \
            >"$cache/src/$pkg.log" 2>&1) || fail "downloading the source package $pkg $version failed (see $cache/src/$pkg.log)"
    fi
    [ -f "$dsc" ] || fail "$dsc missing after apt-get source"
    echo "$dsc"
}

# Unpacks the upstream tarball (the .orig, not the -www one) of the .dsc $1 into the folder $2; prints the tree's path.
unpack_orig() {
    local dsc="$1" into="$2" tarball
    tarball="$(awk '/^Files:/ {f=1; next} f && /^ / {print $3} f && !/^ / {f=0}' "$dsc" |
        grep -E '\.orig\.tar\.' | grep -v -- '-www' | head -n 1)"
    [ -n "$tarball" ] || fail "no upstream tarball listed in $dsc"
    rm -rf "$into" && mkdir -p "$into"
    tar -xf "$cache/src/$tarball" -C "$into" || fail "unpacking $tarball failed"
    find "$into" -mindepth 1 -maxdepth 1 -type d | head -n 1
}

declare -A prefix_of
declare -A version_of
built_any=0

# build_package PKG ESTIMATE RECIPE_EXTRA BUILD_FUNCTION: reuses <cache>/<pkg>-<version> when its stamp matches the
# recipe, else builds it with BUILD_FUNCTION SOURCE_TREE PREFIX (under nice -n 19) and times it.
build_package() {
    local pkg="$1" estimate="$2" extra="$3" builder="$4" version prefix recipe dsc tree start seconds
    version="$(source_version "$pkg")"
    [ -n "$version" ] || fail "no source package $pkg in bookworm's lists (try CLOCKOUT_WIN_REFRESH=1)"
    prefix="$cache/$pkg-${version#*:}"
    recipe="recipe $recipe_revision; $pkg $version; $extra; $($host-g++-posix -dumpversion)"
    prefix_of[$pkg]="$prefix"
    version_of[$pkg]="$version"
    if [ -f "$prefix/.clockout-recipe" ] && [ "$(cat "$prefix/.clockout-recipe")" = "$recipe" ]; then
        echo "windows-deps: $pkg $version: cached ($prefix)"
        return
    fi
    echo "windows-deps: $pkg $version: building (first time on this machine, ~$estimate)"
    dsc="$(fetch_source "$pkg" "$version")"
    tree="$(unpack_orig "$dsc" "$cache/build/$pkg")"
    rm -rf "$prefix" && mkdir -p "$prefix"
    start="$(date +%s)"
    local log="$cache/build/$pkg.log"
    # In the background and waited for, so that `set -e` still holds inside the builder (it would not in an `if`).
    ("$builder" "$tree" "$prefix") >"$log" 2>&1 &
    if ! wait $!; then
        tail -n 30 "$log" >&2
        fail "building $pkg $version failed (log above; whole log: $log)"
    fi
    seconds=$(($(date +%s) - start))
    echo "$recipe" >"$prefix/.clockout-recipe"
    echo "windows-deps: $pkg $version: built in $((seconds / 60)) min $((seconds % 60)) s"
    rm -rf "$cache/build/$pkg"
    built_any=1
}

# Debian's +dfsg tarball has no win32/ folder (nor its Makefile.gcc): the library's 15 sources are compiled directly.
build_zlib() {
    local tree="$1" prefix="$2" source
    cd "$tree"
    for source in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees \
        uncompr zutil; do
        nice -n 19 "$host-gcc-posix" -O2 -D_LARGEFILE64_SOURCE=1 -c "$source.c" -o "$source.o"
    done
    mkdir -p "$prefix/include" "$prefix/lib"
    "$host-ar" rcs "$prefix/lib/libz.a" ./*.o
    cp zlib.h zconf.h "$prefix/include/"
}

build_libpng() {
    local tree="$1" prefix="$2" zlib="${prefix_of[zlib]}"
    cd "$tree"
    nice -n 19 ./configure --host="$host" --prefix="$prefix" --disable-shared --enable-static \
        CC="$host-gcc-posix" CPPFLAGS="-I$zlib/include" LDFLAGS="-L$zlib/lib"
    nice -n 19 make -j "$jobs"
    make install
}

# The amalgamation (sqlite3.c) is generated from the full tree with the build machine's compiler and tclsh, then
# compiled with MinGW's. Compile options: SQLite's defaults, thread-safe, as Debian's library (minus extensions).
build_sqlite3() {
    local tree="$1" prefix="$2"
    mkdir -p "$tree/native" && cd "$tree/native"
    nice -n 19 ../configure --disable-tcl
    nice -n 19 make sqlite3.c sqlite3.h
    nice -n 19 "$host-gcc-posix" -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_COLUMN_METADATA=1 -c sqlite3.c -o sqlite3.o
    mkdir -p "$prefix/include" "$prefix/lib"
    "$host-ar" rcs "$prefix/lib/libsqlite3.a" sqlite3.o
    cp sqlite3.h sqlite3ext.h "$prefix/include/"
}

build_sqlitecpp() {
    local tree="$1" prefix="$2" sqlite="${prefix_of[sqlite3]}"
    nice -n 19 cmake -S "$tree" -B "$tree/build" -G Ninja --toolchain "$root/cmake/mingw-w64.cmake" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DSQLITECPP_INTERNAL_SQLITE=OFF \
        -DSQLITECPP_RUN_CPPLINT=OFF -DSQLITECPP_RUN_CPPCHECK=OFF -DSQLITECPP_BUILD_TESTS=OFF \
        -DSQLITECPP_BUILD_EXAMPLES=OFF -DSQLITECPP_USE_STACK_PROTECTION=OFF -DSQLITE_ENABLE_COLUMN_METADATA=ON \
        -DSQLite3_INCLUDE_DIR="$sqlite/include" -DSQLite3_LIBRARY="$sqlite/lib/libsqlite3.a"
    nice -n 19 cmake --build "$tree/build" -j "$jobs"
    cmake --install "$tree/build"
}

# wxMSW, static, unicode, release (wx's default debug level: asserts kept, no -g). Debian's +dfsg tarball has no
# bundled zlib, libpng or expat: PNG and zlib come from the builds above; XML (expat) and what needs it (XRC,
# richtext) are left out, with the libraries Clockout does not use (core and base are what agent/ui links).
wx_configure_flags=(--with-msw --disable-shared --enable-unicode --with-libpng=sys --with-zlib=sys
    --without-libjpeg --without-libtiff --without-expat --without-liblzma --without-opengl --with-regex=builtin
    --disable-xrc --disable-richtext --disable-html --disable-aui --disable-propgrid --disable-ribbon
    --disable-stc --disable-webview --disable-mediactrl --disable-tests)
build_wx() {
    local tree="$1" prefix="$2" zlib="${prefix_of[zlib]}" png="${prefix_of[libpng1.6]}"
    mkdir -p "$tree/msw" && cd "$tree/msw"
    nice -n 19 ../configure --host="$host" --build="$(cc -dumpmachine)" --prefix="$prefix" "${wx_configure_flags[@]}" \
        CC="$host-gcc-posix" CXX="$host-g++-posix" AR="$host-ar" RANLIB="$host-ranlib" WINDRES="$host-windres" \
        CPPFLAGS="-I$png/include -I$zlib/include" LDFLAGS="-L$png/lib -L$zlib/lib"
    nice -n 19 make -j "$jobs"
    make install
    [ -x "$prefix/bin/wx-config" ] || { echo "no wx-config installed"; return 1; }
}

total_start="$(date +%s)"
build_package zlib "1 min" "sources compiled directly" build_zlib
build_package libpng1.6 "1 min" "static; zlib ${version_of[zlib]}" build_libpng
build_package sqlite3 "2 min" "amalgamation; THREADSAFE=1 COLUMN_METADATA" build_sqlite3
build_package sqlitecpp "1 min" "static; sqlite3 ${version_of[sqlite3]}" build_sqlitecpp
if [ "$with_wx" = 1 ]; then
    build_package wxwidgets3.2 "10 min on 2 idle cores, 40 min on 2 busy ones" \
        "${wx_configure_flags[*]}; zlib ${version_of[zlib]}; libpng ${version_of[libpng1.6]}" build_wx
fi

deps="$cache/clockout-deps.cmake"
{
    echo "# Written by installer/windows-deps.sh: the MinGW builds of Clockout's Windows libraries."
    echo "set(CLOCKOUT_WIN_ZLIB_DIR \"${prefix_of[zlib]}\")"
    echo "set(CLOCKOUT_WIN_PNG_DIR \"${prefix_of[libpng1.6]}\")"
    echo "set(CLOCKOUT_WIN_SQLITE_DIR \"${prefix_of[sqlite3]}\")"
    echo "set(CLOCKOUT_WIN_SQLITECPP_DIR \"${prefix_of[sqlitecpp]}\")"
    if [ "$with_wx" = 1 ]; then
        echo "set(CLOCKOUT_WIN_WX_DIR \"${prefix_of[wxwidgets3.2]}\")"
    else
        echo "set(CLOCKOUT_WIN_WX_DIR \"\")"
    fi
} >"$deps.tmp"
mv "$deps.tmp" "$deps"
echo "windows-deps: done in $(($(date +%s) - total_start)) s ($([ "$built_any" = 1 ] && echo "built" || echo "all cached"))"
echo "$cache"
