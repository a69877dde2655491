#!/usr/bin/env bash
# check-nodiscard.sh EXPECTED CXX ARG...: compiles tests/style/nodiscard.cpp
# (syntax only) with CXX ARG... and passes when g++ warns about exactly
# EXPECTED discarded results, one per call there (ctest nodiscard_streams).
set -euo pipefail
expected=$1; shift
here=$(dirname "$0")
out=$("$@" -std=c++20 -fsyntax-only "$here/nodiscard.cpp" 2>&1) || { echo "$out" >&2; exit 1; }
found=$(grep -c "warning: ignoring returned value" <<<"$out" || true)
if [ "$found" != "$expected" ]; then
  echo "$out" >&2
  echo "check-nodiscard.sh: $found discarded results warned about, $expected expected" >&2
  exit 1
fi
echo "check-nodiscard.sh: all $expected discarded streams and readers warned about"
