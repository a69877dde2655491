#!/usr/bin/env bash
# tests/packages/fresh-root.sh — for a throwaway machine only (it moves
# Python away for a while and installs packages into /usr):
#   ../shared/tools/fresh-machine-check tests/packages/fresh-root.sh
# 1. make dist API="1.55 1.41": the tarball (generating needs Python);
# 2. with python3 moved off the machine: the Debian packages built from that
#    tarball (configure, build, cpack: CMake and g++ alone);
# 3. Python back (the test daemon's scripts use it): the packages installed
#    with `apt-get install ./…deb`, tests/consumer built against /usr with
#    find_package and pkg-config and run against a daemon
#    (tests/packages/check.sh --apt).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "fresh-root.sh: run as root on a throwaway machine" >&2; exit 2; }
build=${BUILD:-build}
apis="1.55 1.41"

make dist API="$apis"

echo "== without Python: the packages built from the tarball"
hidden=/root/hidden-python
mkdir -p "$hidden"
restore() { [ -z "$(ls -A "$hidden")" ] || mv "$hidden"/* /usr/bin/; }
trap restore EXIT
mv /usr/bin/python3* "$hidden"/
if command -v python3 python >/dev/null 2>&1; then echo "fresh-root.sh: a python is still on PATH" >&2; exit 1; fi
scripts/debs.sh "$build" "$apis" --from-tarball
restore

echo "== Python back: packages through apt, consumers against a daemon"
make --no-print-directory configure >/dev/null
cmake --build "$build" -j 2 --target docker-cpp-testenv >/dev/null
tests/daemon/with-daemon "$build" tests/packages/check.sh "$build" "$build/packages-check" --apt
echo "fresh-root.sh: packages built from the tarball without Python, installed with apt and consumed"
