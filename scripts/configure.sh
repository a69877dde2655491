#!/usr/bin/env bash
# scripts/configure.sh BUILD_DIR [--tests] CMAKE_ARG...
# Runs `cmake -S <checkout> -B BUILD_DIR CMAKE_ARG...` only when needed: no
# build.ninja yet, other arguments than last time, --tests while the build
# has DOCKER_CPP_BUILD_TESTS off, or Debian packages installed since (what
# find_package finds may differ). Otherwise the build re-runs CMake itself
# when a CMakeLists.txt, a spec or the generator changed. Without --tests the
# tests stay as they were (off in a new build), so `make run` after
# `make test` does not reconfigure.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: configure.sh BUILD_DIR [--tests] CMAKE_ARG...}; shift
tests=0
if [ "${1:-}" = --tests ]; then tests=1; shift; fi

stamp=$build/.configure-args
wanted=$(printf '%s\n' "$@")
needed() {
  [ -f "$build/build.ninja" ] && [ -f "$build/CMakeCache.txt" ] && [ -f "$stamp" ] || return 0
  [ "$(cat "$stamp")" = "$wanted" ] || return 0
  [ ! -f /var/lib/dpkg/status ] || [ "$stamp" -nt /var/lib/dpkg/status ] || return 0
  [ $tests -eq 0 ] || grep -qx 'DOCKER_CPP_BUILD_TESTS:BOOL=ON' "$build/CMakeCache.txt" || return 0
  return 1
}
needed || exit 0

extra=()
[ $tests -eq 0 ] || extra=(-DDOCKER_CPP_BUILD_TESTS=ON)
mkdir -p "$build"
rm -f "$stamp"
log=$build/configure.log
if ! cmake -S "$src" -B "$build" "$@" "${extra[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "configure.sh: cmake failed (log: $log)" >&2
  exit 1
fi
# Warnings are worth seeing; the rest is in the log.
grep -A4 '^CMake Warning' "$log" >&2 || true
printf '%s\n' "$wanted" >"$stamp"
