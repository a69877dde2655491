#!/usr/bin/env bash
# scripts/check-tidy.sh BUILD_DIR [API_ID]: clang-tidy (.clang-tidy) over the
# handwritten translation units of runtime/src and the layer's instantiation
# files sdk/src for one API version (API_ID, default 1_55: the default
# version), with BUILD_DIR's compile_commands.json. Lists the findings and
# fails when there are any; exits 77 (skip) when clang-tidy or
# compile_commands.json is missing. ctest `tidy` (label style) runs it after
# the build; run by hand, build the codegen target first (the layer's files
# include the generated headers). TIDY_JOBS (default 2) clang-tidy processes
# at once; ~1.5 min on 2 cores.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: check-tidy.sh BUILD_DIR [API_ID]}
api=${2:-1_55}
if [ ! -f "$build/compile_commands.json" ]; then
  echo "check-tidy.sh: no $build/compile_commands.json (configure with CMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2
  exit 77
fi
build=$(cd "$build" && pwd)
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [ -z "$tidy" ]; then
  echo "check-tidy.sh: clang-tidy not installed (Debian: clang-tidy-14)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A database of only the files checked: the layer's files are compiled once
# per API version built, and clang-tidy would check each entry.
cat >"$work/select.py" <<'PY'
import json, os, shlex, sys
db_in, db_out, src, api = sys.argv[1:]
runtime = os.path.join(src, "runtime", "src") + os.sep
sdk = os.path.join(src, "sdk", "src") + os.sep
keep, sdk_includes = [], set()
for entry in json.load(open(db_in)):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    if not path.endswith(".cpp"):
        continue
    if path.startswith(sdk):
        if f"-DDOCKER_SDK_NS=v{api}" not in args:
            continue
        sdk_includes |= {os.path.join(entry["directory"], a[2:]) for a in args if a.startswith("-I")}
    elif not path.startswith(runtime):
        continue
    entry["file"] = path
    keep.append(entry)
if not sdk_includes:
    sys.exit(f"check-tidy.sh: no sdk/src file compiled for API v{api} in {db_in}")
# The layer's files include the generated bindings and docker/sdk/v<id>.hpp:
# without them clang-tidy reports nothing but compile errors.
for header in (f"docker/v{api}/api.hpp", f"docker/sdk/v{api}.hpp"):
    if not any(os.path.isfile(os.path.join(d, header)) for d in sdk_includes):
        sys.exit(f"check-tidy.sh: {header} is not generated yet: build the bindings first "
                 f"(cmake --build {os.path.dirname(db_in)} --target docker_api_v{api}_codegen)")
json.dump(keep, open(db_out, "w"), indent=1)
for path in sorted({e["file"] for e in keep}):
    print(path)
PY
python3 "$work/select.py" "$build/compile_commands.json" "$work/compile_commands.json" "$src" "$api" >"$work/files"
count=$(wc -l <"$work/files")

# One log per file, and clang-tidy's exit status next to it: non-zero with no
# finding listed (a crash, an unreadable database entry) fails too.
mkdir "$work/logs"
export tidy work
xargs -a "$work/files" -P "${TIDY_JOBS:-2}" -I{} sh -c '
  log="$work/logs/$(echo "$1" | tr / _)"
  rc=0; "$tidy" -p "$work" --quiet "$1" >"$log.log" 2>&1 || rc=$?
  echo "$rc" >"$log.rc"' _ {}

# A header's finding is reported by every file including it: once is enough.
pattern='^[^ ]+:[0-9]+:[0-9]+: (warning|error):'
cat "$work"/logs/*.log | grep -E "$pattern" | sed 's/,-warnings-as-errors\]$/]/' | sort -u >"$work/findings" || true
failed=()
for rc in "$work"/logs/*.rc; do
  log=${rc%.rc}.log
  if [ "$(cat "$rc")" != 0 ] && ! grep -qE "$pattern" "$log"; then
    failed+=("$log")
  fi
done
n=$(wc -l <"$work/findings")
if [ "$n" -gt 0 ] || [ ${#failed[@]} -gt 0 ]; then
  cat "$work"/logs/*.log >&2
  echo >&2
  for log in "${failed[@]}"; do
    echo "check-tidy.sh: clang-tidy failed without a finding: $(basename "$log")" >&2
  done
  echo "check-tidy.sh: $n finding(s) in $count files:" >&2
  sed "s|^$src/||" "$work/findings" >&2
  echo "by check:" >&2
  grep -oE '\[[a-z0-9.,-]+\]$' "$work/findings" | sort | uniq -c | sort -rn >&2 || true
  exit 1
fi
echo "check-tidy.sh: $count files clean"
