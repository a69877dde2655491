#!/usr/bin/env bash
# What building costs a user, as issue figures are quoted: a cold build of
# what `make run` builds (runtime, the default API version's bindings, the
# layer, hello) in a new build folder configured as `make run` configures it,
# then hello rebuilt after touching one generated model and one runtime
# source. ccache off; prints wall seconds per case. A measurement, never a
# test: run it under `flock /work/build.lock` on a shared machine.
#
#   bench/build_time.sh [BUILD]     # BUILD: a new folder (default: build-time); removed first
#   BUILD_TIME_JOBS=2               # -j (default 2)
#   BUILD_TIME_MODEL=ContainerWaitResponse  # the model touched
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-time}
jobs=${BUILD_TIME_JOBS:-2}
model=${BUILD_TIME_MODEL:-ContainerWaitResponse}
export CCACHE_DISABLE=1

rm -rf "$build"
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'; }

configure=$(seconds "$here/scripts/configure.sh" "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DPython3_EXECUTABLE=/usr/bin/python3 -DDOCKER_CPP_API_VERSIONS=1.55)
cold=$(seconds cmake --build "$build" -j "$jobs" --target hello)
steps=$(ninja -C "$build" -t commands hello | wc -l)

header=$(find "$build" -path "*/v1_55/models/$model.hpp" | head -n1)
[ -n "$header" ] || { echo "build_time.sh: no generated $model.hpp under $build" >&2; exit 1; }
touch "$header"
model_edit=$(seconds cmake --build "$build" -j "$jobs" --target hello)

touch "$here/runtime/src/client.cpp"
runtime_edit=$(seconds cmake --build "$build" -j "$jobs" --target hello)

printf '%-44s %8s\n' case seconds
printf '%-44s %8.1f\n' "configure" "$configure"
printf '%-44s %8.1f\n' "cold build of hello ($steps commands, -j$jobs)" "$cold"
printf '%-44s %8.1f\n' "touch models/$model.hpp, rebuild hello" "$model_edit"
printf '%-44s %8.1f\n' "touch runtime/src/client.cpp, rebuild hello" "$runtime_edit"
