#!/usr/bin/env bash
# check_needed.sh FILE... — the runtime and a program linked with it do not
# load libssl, libcrypto or libarchive at start-up (ELF NEEDED entries): the
# runtime loads them when first used (runtime/src/shared_library.hpp), so a
# program that talks to a unix socket pays for neither.
set -euo pipefail
status=0
for file in "$@"; do
  needed=$(readelf -d "$file" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  loaded=$(grep -E '^lib(ssl|crypto|archive)\.' <<<"$needed" || true)
  if [ -n "$loaded" ]; then
    echo "$file loads at start-up: $(echo $loaded)" >&2
    status=1
  fi
  echo "$file: NEEDED $(echo ${needed:-none})"
done
exit $status
