# Sourced by scripts/dist.sh and scripts/debs.sh (after `set -euo pipefail`,
# with `usage` set to the script's usage line) with their arguments BUILD and
# "VERSIONS". Sets root (the checkout), build (made, absolute), versions,
# version (CMakeLists.txt's project version) and name (docker-cpp-<version>).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${1:-}" ] || [ -z "${2:-}" ]; then
  echo "usage: $usage" >&2
  exit 1
fi
build=$1
versions=$2
mkdir -p "$build"; build=$(cd "$build" && pwd)
version=$(sed -n 's/^project(DockerCpp VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
name=docker-cpp-$version
