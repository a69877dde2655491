#!/usr/bin/env bash
# scripts/deps.sh [GROUP...] [PACKAGE...]
# Installs the Debian packages of the named groups (no group: all of them) and
# any extra PACKAGE, only those missing: when all are installed it costs one
# dpkg-query.
#   build   compile the runtime, the generated bindings, the sdk layer, the examples
#   daemon  run a private containerd + dockerd when none answers (tests/daemon/daemon.sh)
#           and seed busybox:latest from busybox-static: `make run`, `make test`,
#           `make swarm-demo`
#   test    the test suite: GoogleTest, the registry and sshd peers, cpprestsdk, Podman
#   sanitize clang with its sanitizer and libFuzzer runtimes: make test-asan, test-tsan, fuzz
#   docs    the API reference (make docs) and its checks: Doxygen, headless Chromium, linkchecker
set -euo pipefail

build=(
  g++ cmake ninja-build pkg-config make tar
  libboost-dev libssl-dev openssl nlohmann-json3-dev
  # tar of build contexts and docker cp: the header to build (libarchive-dev),
  # the library the runtime loads on first use to run (libarchive13)
  libarchive-dev libarchive13
  python3 python3-jinja2 python3-yaml
)
daemon=(docker.io containerd runc iptables busybox-static
  iproute2  # ip netns: the two-node swarm's network namespaces (tests/swarm/two-node.sh)
)
test=(
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang-format clang-tidy  # ctest `format` and `tidy` (tests/style)
  docker-registry apache2-utils openssh-server openssh-client
  libcpprest-dev  # optional cpprestsdk transport: built and tested when present
  podman netavark aardvark-dns  # the Podman lane (tests/daemon/podman.sh): runc and conmon come with it
)
sanitize=(clang libclang-rt-14-dev)
docs=(doxygen chromium linkchecker)

packages=()
groups=0
for arg in "$@"; do
  case $arg in
    build) packages+=("${build[@]}"); groups=1 ;;
    daemon) packages+=("${daemon[@]}"); groups=1 ;;
    test) packages+=("${test[@]}"); groups=1 ;;
    sanitize) packages+=("${sanitize[@]}"); groups=1 ;;
    docs) packages+=("${docs[@]}"); groups=1 ;;
    *) packages+=("$arg") ;;
  esac
done
[ $groups -eq 1 ] || packages+=("${build[@]}" "${daemon[@]}" "${test[@]}")

# One query for all: "name status" for each package dpkg knows.
declare -A installed=()
while read -r name status; do
  [ "$status" = installed ] && installed[${name%%:*}]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for p in "${packages[@]}"; do
  [ -n "${installed[$p]:-}" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
