#!/usr/bin/env bash
# check.sh BUILD_DIR WORK_DIR
# check.sh --installed PREFIX WORK_DIR   (already installed there: packages)
# Installs BUILD_DIR into WORK_DIR/prefix, then builds tests/consumer out of
# tree against it twice — with find_package(DockerCpp 0.1 COMPONENTS
# api_v1_55) and with `g++ $(pkg-config ...)` — and runs both against the
# daemon named by DOCKER_HOST (exit 77, "skipped", after the builds when unset).
# Also checks that the package refuses an incompatible version and a missing
# component.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage="usage: check.sh BUILD_DIR WORK_DIR | --installed PREFIX WORK_DIR"
installed=0
if [ "${1:-}" = --installed ]; then installed=1; shift; fi
from=$(cd "${1:?$usage}" && pwd)
work=${2:?$usage}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
step() { echo "== $*"; }

if [ $installed -eq 1 ]; then
  prefix=$from
else
  prefix=$work/prefix
  step "install into $prefix"
  cmake --install "$from" --prefix "$prefix" >"$work/install.log"
fi
# lib/ or the multiarch lib/<triplet>/ of a /usr install.
config=$(find "$prefix/lib" -path '*/cmake/DockerCpp/DockerCppConfig.cmake' | head -n1)
test -n "$config"
libdir=${config%/cmake/DockerCpp/DockerCppConfig.cmake}
test -f "$libdir/cmake/DockerCpp/DockerCppConfigVersion.cmake"
test -f "$prefix/include/docker/v1_55/version.hpp"
test -f "$prefix/include/docker/client.hpp"

step "find_package consumer"
# The header-only layer is a component too, when the build had it.
extra=""
if [ -f "$libdir/cmake/DockerCpp/DockerCppSdkTargets.cmake" ]; then extra=sdk; fi
# ccache when there is one (it is in no package group: never required).
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$here" -B "$work/cmake" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONSUMER_EXTRA_COMPONENTS="$extra" \
  -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" >"$work/cmake-configure.log"
grep -F "DockerCpp " "$work/cmake-configure.log"
cmake --build "$work/cmake" >"$work/cmake-build.log"

step "find_package refuses what the prefix does not have"
expect_configure_failure() {
  local name=$1 pattern=$2; shift 2
  if cmake -S "$here" -B "$work/$name" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" "$@" >"$work/$name.log" 2>&1; then
    echo "check.sh: configuring with $* should have failed" >&2; exit 1
  fi
  grep -q "$pattern" "$work/$name.log" || { cat "$work/$name.log" >&2; echo "check.sh: no '$pattern' in the error" >&2; exit 1; }
}
expect_configure_failure wrong-version "compatible with requested version" -DCONSUMER_DOCKER_CPP_VERSION=9.0
expect_configure_failure missing-component "component api_v1_99 is not installed" -DCONSUMER_EXTRA_COMPONENTS=api_v1_99

if [ -n "$extra" ]; then test -x "$work/cmake/sdk-consumer"; fi

step "pkg-config consumer"
export PKG_CONFIG_PATH=$libdir/pkgconfig
pkg-config --modversion docker-cpp-api-v1_55
pkg-config --variable=api_version docker-cpp-api-v1_55
# shellcheck disable=SC2046
${CXX:-g++} -std=c++20 -O1 "$here/main.cpp" -o "$work/pkgconfig-consumer" \
  $(pkg-config --cflags --libs docker-cpp-api-v1_55)
# The layer's headers come with the runtime's; its code is in the API library.
# shellcheck disable=SC2046
${CXX:-g++} -std=c++20 -O1 "$here/sdk_main.cpp" -o "$work/pkgconfig-sdk-consumer" \
  $(pkg-config --cflags --libs docker-cpp-api-v1_55)

if [ -z "${DOCKER_HOST:-}" ]; then
  echo "check.sh: DOCKER_HOST not set: built, not run"
  exit 77
fi
step "run the find_package consumer"
"$work/cmake/consumer"
step "run the pkg-config consumer"
"$work/pkgconfig-consumer"
step "run the layer's consumers"
if [ -n "$extra" ]; then "$work/cmake/sdk-consumer"; fi
"$work/pkgconfig-sdk-consumer"
