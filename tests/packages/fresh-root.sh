#!/usr/bin/env bash
# tests/packages/fresh-root.sh — for a throwaway machine only (it moves
# Python away for a while and installs packages into /usr):
#   ../shared/tools/fresh-machine-check tests/packages/fresh-root.sh
# 1. make debs API="1.55 1.41": the tarball, and packages built from it;
# 2. with python3 moved off the machine: the tarball configured, built and
#    installed into /opt/docker-cpp with CMake and g++ alone;
# 3. Python back (the test daemon's scripts use it): the packages installed
#    with `apt-get install ./…deb` and tests/consumer built against /usr and
#    against /opt/docker-cpp, with find_package and pkg-config, and run
#    against a daemon (tests/packages/check.sh --apt, tests/consumer/check.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "fresh-root.sh: run as root on a throwaway machine" >&2; exit 2; }
build=${BUILD:-build}
version=$(sed -n 's/^project(DockerCpp VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

make debs API="1.55 1.41"

echo "== without Python: build and install the tarball"
hidden=/root/hidden-python
mkdir -p "$hidden"
restore() { [ -z "$(ls -A "$hidden")" ] || mv "$hidden"/* /usr/bin/; }
trap restore EXIT
mv /usr/bin/python3* "$hidden"/
if command -v python3 python >/dev/null 2>&1; then echo "fresh-root.sh: a python is still on PATH" >&2; exit 1; fi
rm -rf /tmp/from-tarball && mkdir -p /tmp/from-tarball
tar -C /tmp/from-tarball -xzf "$build/docker-cpp-$version.tar.gz"
cmake -S "/tmp/from-tarball/docker-cpp-$version" -B /tmp/from-tarball/build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DDOCKER_CPP_API_VERSIONS="1.55" -DDOCKER_CPP_BUILD_EXAMPLES=OFF | grep -F pre-generated
cmake --build /tmp/from-tarball/build -j 2 >/tmp/from-tarball/build.log
cmake --install /tmp/from-tarball/build --prefix /opt/docker-cpp >/tmp/from-tarball/install.log
restore
echo "== Python back: packages through apt, consumers against a daemon"
make --no-print-directory configure >/dev/null
cmake --build "$build" -j 2 --target docker-cpp-testenv >/dev/null
tests/daemon/with-daemon "$build" bash -c "
  tests/packages/check.sh '$build' '$build/packages-check' --apt &&
  tests/consumer/check.sh --installed /opt/docker-cpp '$build/tarball-consumer'"
echo "fresh-root.sh: tarball built without Python; packages installed with apt and consumed"
