#!/usr/bin/env bash
# The layer's templates instantiated against the generated declarations of
# every API version in SPECS_DIR (g++ -fsyntax-only on sdk/src/instantiate/*,
# no library built). The spread (CMakeLists.txt here) compiles three versions
# in full; this catches the versions between them whose parameters differ
# (API 1.27's prunes have no `filters`, builds before 1.39 prune no options).
# `make check-all-versions` builds every version in full.
#
#   layer_every_version.sh SOURCE_DIR SPECS_DIR PYTHON CXX
# Exits 77 (skipped) when SPECS_DIR holds no v1.NN.yaml.
set -euo pipefail
src=$1 specs=$2 python=$3 cxx=$4
shopt -s nullglob
list=("$specs"/v1.*.yaml)
if [ ${#list[@]} -eq 0 ]; then
  echo "layer_every_version: no v1.NN.yaml in $specs"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for spec in "${list[@]}"; do
  v=$(basename "$spec" .yaml)
  v=${v#v}
  id=${v/./_}
  (cd "$src" && "$python" -m codegen generate --spec "$spec" --out "$work/$id" >/dev/null)
  mkdir -p "$work/$id/include/docker/sdk"
  # What sdk/CMakeLists.txt's configure_file writes for a built version.
  sed -e "s/@DOCKER_SDK_ID@/$id/g" -e "s/@DOCKER_SDK_VERSION@/$v/g" \
    "$src/sdk/version_aliases.hpp.in" > "$work/$id/include/docker/sdk/v$id.hpp"
  echo "$id"
done > "$work/versions"
# All the instantiation files of a version in one translation unit: their
# common headers parsed once.
for file in "$src"/sdk/src/instantiate/*.cpp; do echo "#include \"$file\""; done > "$work/layer.cpp"

check() {
  local id=$1
  if "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Werror \
    -DDOCKER_SDK_ALIASES="\"docker/sdk/v$id.hpp\"" -DDOCKER_SDK_NS="v$id" \
    -I"$work/$id/include" -I"$src/runtime/include" -I"$src/sdk/include" -I"$src/sdk/src/instantiate" \
    "$work/layer.cpp" 2> "$work/$id.err"; then
    echo "ok   API ${id/_/.}"
  else
    echo "FAIL API ${id/_/.}"
    head -n 20 "$work/$id.err"
  fi
}
export -f check
export work src cxx
xargs -P "$(nproc)" -n 1 bash -c 'check "$0"' < "$work/versions" | tee "$work/results"
failed=$(grep -c '^FAIL' "$work/results" || true)
echo "layer_every_version: $(grep -c '^ok' "$work/results") of ${#list[@]} API versions compiled, $failed failed"
[ "$failed" -eq 0 ]
