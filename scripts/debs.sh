#!/usr/bin/env bash
# scripts/debs.sh BUILD "VERSIONS" [--from-tarball]   (make debs API="1.55 1.41")
# Debian packages built the way a distribution builds them: from the source
# tarball (scripts/dist.sh), with CMake and g++ only. Python is disabled for
# that build (CMAKE_DISABLE_FIND_PACKAGE_Python3: configuring fails if anything
# asks for it) and, when this runs as root with unshare, so is the network.
# Writes BUILD/packages/*.deb (cmake/DockerCppPackaging.cmake names them).
# --from-tarball: use the BUILD/docker-cpp-<version>.tar.gz already there
# (made by scripts/dist.sh) instead of making it: no Python needed at all.
set -euo pipefail
usage="debs.sh BUILD VERSIONS"
# root, build, versions, version, name:
. "$(dirname "$0")/release-env.sh"

if [ "${3:-}" = --from-tarball ]; then
  [ -f "$build/$name.tar.gz" ] || { echo "debs: no $build/$name.tar.gz (make dist)" >&2; exit 1; }
else
  "$root/scripts/dist.sh" "$build" "$versions"
fi
src=$build/deb-source
bin=$build/deb-build
rm -rf "$src" "$bin" "$build/packages"
mkdir -p "$src"
tar -C "$src" -xzf "$build/$name.tar.gz"

offline=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
  offline=(unshare -n)
fi
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
"${offline[@]}" cmake -S "$src/$name" -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_SHARED_LIBS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Python3=ON \
  "-DDOCKER_CPP_API_VERSIONS=$versions" -DDOCKER_CPP_BUILD_EXAMPLES=OFF "${launcher[@]}" >"$build/deb-configure.log"
grep -F "pre-generated" "$build/deb-configure.log"
"${offline[@]}" cmake --build "$bin" -j "${JOBS:-2}" >"$build/deb-build.log"
(cd "$bin" && cpack -G DEB -D CPACK_OUTPUT_FILE_PREFIX="$build/packages" >"$build/deb-cpack.log")
rm -rf "$build/packages/_CPack_Packages"
shopt -s nullglob
debs=("$build/packages"/*.deb)
[ ${#debs[@]} -gt 0 ] || { echo "debs: cpack wrote no package (see $build/deb-cpack.log)" >&2; exit 1; }
for deb in "${debs[@]}"; do
  echo "debs: $deb ($(du -k "$deb" | cut -f1) KiB) $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
done
