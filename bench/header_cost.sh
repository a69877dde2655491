#!/usr/bin/env bash
# What including the library costs a user's translation unit: compiles small
# TUs with the build's flags (g++ directly, no ccache) and prints wall seconds
# and peak RSS per case. A measurement, never a test.
#
#   bench/header_cost.sh [BUILD]         # BUILD: a configured build folder (default: build)
#   HEADER_COST_REPS=3 bench/header_cost.sh build   # best of N (default 1)
#
# Takes its include paths and definitions from BUILD/compile_commands.json
# (the hello example's entry), so run it after building `hello`.
set -euo pipefail

build=${1:-build}
reps=${HEADER_COST_REPS:-1}
cxx=${CXX:-g++}
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)

# Include paths and -D flags of examples/hello/main.cpp as the build compiles it.
flags=$(python3 - "$build/compile_commands.json" <<'PY'
import json, shlex, sys
for entry in json.load(open(sys.argv[1])):
    if entry["file"].endswith("examples/hello/main.cpp"):
        args = shlex.split(entry["command"]) if "command" in entry else entry["arguments"]
        keep, it = [], iter(args)
        for a in it:
            if a in ("-I", "-isystem", "-D"):
                keep += [a, next(it)]
            elif a.startswith(("-I", "-D", "-isystem", "-std=")):
                keep.append(a)
        print(" ".join(shlex.quote(a) for a in keep))
        break
else:
    sys.exit("no examples/hello/main.cpp in compile_commands.json: build `hello` first")
PY
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/sdk_only.cpp" <<'EOF'
#include <docker/sdk/v1_55.hpp>
EOF
cat > "$work/sdk_container.cpp" <<'EOF'
#include <docker/sdk/container.hpp>
EOF
cat > "$work/container_api.cpp" <<'EOF'
#include <docker/v1_55/container_api.hpp>
EOF
cat > "$work/container_api_decl.cpp" <<'EOF'
#include <docker/v1_55/container_api_decl.hpp>
EOF
cat > "$work/client.cpp" <<'EOF'
#include <docker/client.hpp>
EOF

cases=(
  "hello:$here/examples/hello/main.cpp"
  "sdk/v1_55.hpp:$work/sdk_only.cpp"
  "sdk/container.hpp:$work/sdk_container.cpp"
  "v1_55/container_api.hpp:$work/container_api.cpp"
  "v1_55/container_api_decl.hpp:$work/container_api_decl.cpp"
  "client.hpp:$work/client.cpp"
)

printf '%-31s %8s %8s\n' case seconds MB
for c in "${cases[@]}"; do
  name=${c%%:*}
  src=${c#*:}
  best_s="" best_kb=""
  for ((i = 0; i < reps; i++)); do
    # shellcheck disable=SC2086  # $flags is a list of words
    /usr/bin/time -f '%e %M' -o "$work/time" $cxx -O2 -DNDEBUG $flags -c "$src" -o "$work/out.o"
    read -r s kb < "$work/time"
    if [[ -z $best_s ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s best_kb=$kb; fi
  done
  printf '%-31s %8s %8d\n' "$name" "$best_s" $((best_kb / 1024))
done
