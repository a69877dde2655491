#!/usr/bin/env bash
# sanitizer-lane.sh asan|tsan|fuzz BUILD_DIR [FUZZ_SECONDS]
#
#   asan  clang, ASan + UBSan (every report fatal): the unit tests, then the
#         integration tests against the daemon tests/daemon/with-daemon gives
#   tsan  clang, TSan: the unit tests that share clients, pools and streams
#         between threads (one client from 16 threads, concurrent streams,
#         cancellation from other threads)
#   fuzz  the libFuzzer targets of tests/fuzz (built in the asan folder, so
#         with ASan + UBSan), each for FUZZ_SECONDS (default 60) from a copy
#         of its seed corpus; any crash, leak, timeout or OOM fails the lane
#         and leaves the input in BUILD_DIR/asan/tests/fuzz/findings/
#
# Each lane has its own build folder under BUILD_DIR (asan, tsan) so that the
# main build is never rebuilt with other flags.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lane=${1:?usage: sanitizer-lane.sh asan|tsan|fuzz BUILD_DIR [FUZZ_SECONDS]}
build=${2:?usage: sanitizer-lane.sh asan|tsan|fuzz BUILD_DIR [FUZZ_SECONDS]}
jobs=${JOBS:-2}
cd "$here"

common=(-G Ninja -DCMAKE_BUILD_TYPE=None -DPython3_EXECUTABLE=/usr/bin/python3 -DDOCKER_CPP_API_VERSIONS=1.55
        -DDOCKER_CPP_BUILD_EXAMPLES=ON -DDOCKER_CPP_INSTALL=OFF -DDOCKER_CPP_COMPILE_TEST_VERSIONS=OFF)
command -v ccache >/dev/null && common+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1: sanitizer builds of the generated models compile ~2x faster than at -O2.
base_flags="-O1 -gline-tables-only -fno-omit-frame-pointer"

configure() {  # DIR FLAGS LINK_FLAGS EXTRA...
  local dir=$1 flags=$2 link=$3; shift 3
  [ -f "$dir/build.ninja" ] && return 0
  CC=clang CXX=clang++ cmake -S . -B "$dir" "${common[@]}" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$link" -DDOCKER_CPP_BUILD_TESTS=ON "$@" >"$dir.configure.log" 2>&1 \
    || { tail -n 30 "$dir.configure.log" >&2; exit 1; }
}

asan_dir=$build/asan
asan_configure() {
  mkdir -p "$build"
  configure "$asan_dir" \
    "$base_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" \
    "-fsanitize=address,undefined" -DDOCKER_CPP_BUILD_FUZZ=ON
}

case $lane in
  asan)
    asan_configure
    cmake --build "$asan_dir" -j "$jobs" --target docker_unit_tests docker_integration_tests docker-cpp-testenv
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0
    echo "== asan+ubsan: unit tests"
    "$asan_dir/tests/docker_unit_tests" --gtest_brief=1
    echo "== asan+ubsan: integration tests against the daemon"
    tests/daemon/with-daemon "$asan_dir" "$asan_dir/tests/docker_integration_tests" --gtest_brief=1
    ;;
  tsan)
    mkdir -p "$build"
    configure "$build/tsan" "$base_flags -fsanitize=thread" "-fsanitize=thread"
    cmake --build "$build/tsan" -j "$jobs" --target docker_unit_tests
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
    echo "== tsan: concurrency tests"
    # Not the cpprest cases: libcpprest.so is not instrumented, so TSan sees
    # its pplx tasks' own synchronisation as races.
    "$build/tsan/tests/docker_unit_tests" --gtest_brief=1 \
      --gtest_filter='*Thread*:*Concurren*:*Cancel*:*Hijack*:Hostile*:Http1*:TransportConformance*:Cancellation*:Hooks*-*Cpprest*:Cpprest*'
    ;;
  fuzz)
    seconds=${3:-60}
    asan_configure
    cmake --build "$asan_dir" -j "$jobs" --target docker_fuzz_targets
    out=$asan_dir/tests/fuzz
    rm -rf "$out/findings" "$out/corpus"
    mkdir -p "$out/findings"
    status=0
    for seeds in tests/fuzz/corpus/*/; do
      target=$(basename "$seeds")
      mkdir -p "$out/corpus/$target"
      cp "$seeds"* "$out/corpus/$target/"
      echo "== fuzz_$target for ${seconds}s"
      if "$out/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
          -artifact_prefix="$out/findings/$target-" "$out/corpus/$target" >"$out/$target.log" 2>&1; then
        grep -E '^stat::number_of_executed_units' "$out/$target.log" | sed "s/^/fuzz_$target /"
      else
        status=1
        echo "fuzz_$target FOUND A PROBLEM; input in $out/findings:" >&2
        # Enough to reproduce from the CI log alone: the failed check, our
        # frames of the stack, and the input itself (base64).
        grep -E 'ERROR|SUMMARY|runtime error|Assertion|terminate called|what\(\)|in docker::' "$out/$target.log" \
          | head -n 25 >&2
        for found in "$out/findings/$target-"*; do
          [ -f "$found" ] && [ "$(stat -c %s "$found")" -le 4096 ] || continue
          echo "input $(basename "$found") (base64):" >&2
          base64 -w 0 "$found" >&2; echo >&2
        done
      fi
    done
    exit $status
    ;;
  *) echo "usage: sanitizer-lane.sh asan|tsan|fuzz BUILD_DIR [FUZZ_SECONDS]" >&2; exit 2 ;;
esac
