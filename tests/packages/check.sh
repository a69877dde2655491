#!/usr/bin/env bash
# tests/packages/check.sh BUILD WORK [--apt]
# Checks what `make debs` left in BUILD (the source tarball and the .deb
# files) and consumes them as a user would:
#   - the tarball has the pre-generated bindings (MANIFEST, SPEC_SHA256,
#     banners naming that sha256) and no swagger file; the packages were built
#     from it with Python disabled (the configure log says "pre-generated");
#   - each package's name, version and dependencies; API packages depend on
#     exactly the runtime package of their build; no two packages share a file
#     (several API versions install side by side);
#   - the packages' files, extracted into WORK/root (or, with --apt, installed
#     with `apt-get install ./…deb`: a throwaway machine only), serve
#     tests/consumer with find_package and with pkg-config, run against
#     DOCKER_HOST (tests/consumer/check.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: check.sh BUILD WORK [--apt]}" && pwd)
work=${2:?usage: check.sh BUILD WORK [--apt]}
apt=0; [ "${3:-}" = --apt ] && apt=1
rm -rf "$work"; mkdir -p "$work"; work=$(cd "$work" && pwd)
fail() { echo "packages/check.sh: $*" >&2; exit 1; }
step() { echo "== $*"; }

version=$(sed -n 's/^project(DockerCpp VERSION \([0-9.]*\).*/\1/p' "$here/../../CMakeLists.txt")
tarball=$build/docker-cpp-$version.tar.gz
[ -f "$tarball" ] || fail "no $tarball (make debs)"

step "tarball $tarball"
tar -tzf "$tarball" >"$work/tarball.list"
versions=$(sed -n "s|^docker-cpp-$version/generated/v\([0-9]*_[0-9]*\)/MANIFEST$|\1|p" "$work/tarball.list")
[ -n "$versions" ] || fail "no generated/v1_NN/MANIFEST in the tarball"
! grep -E '\.(yaml|json)$' "$work/tarball.list" | grep -Ev '/spec/|/tests/|/\.|/bench/' \
  || fail "the tarball holds a spec-like file outside spec/ and tests/"
! grep -E '/v1\.[0-9]+\.yaml$' "$work/tarball.list" || fail "the tarball holds an upstream swagger"
tar -C "$work" -xzf "$tarball"
for id in $versions; do
  dir=$work/docker-cpp-$version/generated/v$id
  sha=$(cat "$dir/SPEC_SHA256")
  while read -r rel; do [ -f "$dir/$rel" ] || fail "v$id/MANIFEST lists missing $rel"; done <"$dir/MANIFEST"
  head -n1 "$dir/include/docker/v$id/version.hpp" | grep -qF "sha256 $sha" || fail "v$id banner does not name $sha"
  echo "v$id: $(wc -l <"$dir/MANIFEST") files, spec sha256 $sha"
done
grep -qF "pre-generated" "$build/deb-configure.log" || fail "the packages were not built from pre-generated sources"
grep -q '^Python3_EXECUTABLE:.*/python' "$build/deb-build/CMakeCache.txt" && fail "the package build found Python"

step "packages"
dev=$(ls "$build"/packages/libdocker-cpp-dev_*.deb)
deb_version=$(dpkg-deb -f "$dev" Version)
[ "${deb_version%-*}" = "$version" ] || fail "libdocker-cpp-dev has version $deb_version, the library is $version"
debs=("$dev")
for id in $versions; do
  v=${id/_/.}
  deb=$(ls "$build"/packages/libdocker-cpp-api-"$v"-dev_*.deb) || fail "no package for API $v"
  [ "$(dpkg-deb -f "$deb" Version)" = "$deb_version" ] || fail "$deb: version differs from the runtime's"
  dpkg-deb -f "$deb" Depends | grep -qxF "libdocker-cpp-dev (= $deb_version)" \
    || fail "$deb depends on '$(dpkg-deb -f "$deb" Depends)'"
  debs+=("$deb")
done
for deb in "${debs[@]}"; do
  dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $NF}' | sed 's|^\./||' >"$work/$(basename "$deb").files"
  echo "$(basename "$deb"): $(wc -l <"$work/$(basename "$deb").files") files, $(du -k "$deb" | cut -f1) KiB"
done
shared=$(cat "$work"/*.deb.files | sort | uniq -d)
[ -z "$shared" ] || fail "files in more than one package: $shared"

if [ $apt -eq 1 ]; then
  step "apt-get install ${debs[*]}"
  apt-get install -y -q --no-install-recommends "${debs[@]}" >"$work/apt.log"
  prefix=/usr
else
  step "extract into $work/root"
  for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$work/root"; done
  prefix=$work/root/usr
fi
"$here/../consumer/check.sh" --installed "$prefix" "$work/consumer"
