#!/usr/bin/env bash
# check_symbols.sh LIB:ID... — every generated API library defines its strong
# (non-inline, non-template) symbols inside its own namespace docker::vID, so
# that any number of versions link into one program without clashes. What it
# defines elsewhere must be weak (inline/template code of the runtime,
# nlohmann, std: the same in every library) and must not name another version.
set -euo pipefail
status=0
for arg in "$@"; do
  lib=${arg%:*} id=${arg##*:}
  # Global definitions only: uppercase nm types; V/W/u are weak or unique (merged by the linker).
  strong=$(nm -C --defined-only "$lib" | awk '$2 ~ /^[TDBRGS]$/ { $1 = ""; $2 = ""; sub(/^  /, ""); print }' |
    grep -v -e "docker::v${id}::" -e "^\(typeinfo\|typeinfo name\|vtable\) for docker::v${id}::" || true)
  if [ -n "$strong" ]; then
    echo "$lib: strong symbols outside docker::v${id}:" >&2
    echo "$strong" | head -20 >&2
    status=1
  fi
  foreign=$(nm -C --defined-only "$lib" | awk '$2 ~ /^[A-Z]$/' | grep -o "docker::v[0-9]*_[0-9]*::" | sort -u |
    grep -v -x "docker::v${id}::" || true)
  if [ -n "$foreign" ]; then
    echo "$lib: defines symbols of other versions: $foreign" >&2
    status=1
  fi
  echo "$lib: $(nm --defined-only "$lib" | awk '$2 ~ /^[A-Z]$/' | wc -l) global definitions, strong ones all in docker::v${id}"
done
exit $status
