#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — every workload for every peer, one table of
# absolute numbers and ratios, written to BUILD_DIR/bench/results.md.
# Needs DOCKER_HOST=unix://… naming a daemon with busybox:latest (make bench
# runs it under tests/daemon/with-daemon, which provides both). See README.md.
#
# Knobs (environment): BENCH_N (requests per peer, 2000), BENCH_N_VERSION
# (GET /version is slow on the daemon side: 500), BENCH_N_INSPECT (1000), BENCH_REPS (3; the minimum
# CPU of the repetitions is reported), BENCH_LOG_MB (1024), BENCH_LOG_REPS (3),
# BENCH_REPLAY_MB (4096), BENCH_REPLAY_REPS (5), BENCH_CALLGRIND_N (200; 0 skips callgrind), BENCH_DECODE_N (300),
# BENCH_CLI_N (10), BENCH_SKIP (space-separated: requests decode logs cli
# scale lifecycle startup; logs-daemon / logs-replay skip one log source;
# scale-decode / scale-events / scale-concurrent one scaling curve),
# BENCH_SCALE_SIZES (containers per decoded list: "200 2000 20000"),
# BENCH_EVENTS_SIZES ("1000 10000 100000"), BENCH_THREADS ("1 2 4 8 16"),
# BENCH_CONC_N (typed calls in all per thread count: 2000 /containers/json,
# BENCH_CONC_N_VERSION 400 /version), BENCH_LIFECYCLE_N (20 cycles),
# BENCH_STARTUP_N (10 starts per peer), BENCH_PLOT (the PNG report.py writes:
# BUILD/bench/scale.png), BENCH_QUICK=1 (make bench-quick: every workload
# briefly, 1 rep, small N, no callgrind, no 1 GiB log container; explicit
# knobs still win), BENCH_FAKE_DAEMON=1 (no daemon at hand: the shared-client,
# lifecycle and start-up workloads talk to bench-logserver's stand-ins for
# /_ping, /version, /containers/json and create/start/wait/remove instead),
# BENCH_OURS_BASELINE (path to
# a bench-ours built from another commit: peer "ours-base" in the requests
# and logs workloads, for before/after ratios under the same load),
# BENCH_DECODE_BASELINE (the same for bench-decode: its typed decode as
# "ours-base", alternating with ours).
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/run.sh BUILD_DIR}" && pwd)
B=$build/bench
mkdir -p "$B/logs" "$B/go"
PY=/usr/bin/python3
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  # A regression guard, not a measurement: ~1 minute, ratios only roughly right.
  : "${BENCH_N:=200}" "${BENCH_N_VERSION:=50}" "${BENCH_N_INSPECT:=100}" "${BENCH_REPS:=1}" "${BENCH_REPLAY_MB:=256}" "${BENCH_REPLAY_REPS:=1}"
  : "${BENCH_CALLGRIND_N:=0}" "${BENCH_DECODE_N:=30}" "${BENCH_CLI_N:=2}" "${BENCH_CONC_N:=200}" "${BENCH_CONC_N_VERSION:=40}"
  : "${BENCH_LIFECYCLE_N:=3}" "${BENCH_STARTUP_N:=3}" "${BENCH_SKIP:=logs-daemon}" "${BENCH_RECORD_FIXTURE:=0}"
  : "${BENCH_GBENCH_MIN_TIME:=0.05}"
fi
N=${BENCH_N:-2000}
NV=${BENCH_N_VERSION:-500}
NI=${BENCH_N_INSPECT:-1000}
REPS=${BENCH_REPS:-3}
LOG_MB=${BENCH_LOG_MB:-1024}
LOG_REPS=${BENCH_LOG_REPS:-3}
REPLAY_MB=${BENCH_REPLAY_MB:-4096}
REPLAY_REPS=${BENCH_REPLAY_REPS:-5}
CG_N=${BENCH_CALLGRIND_N:-200}
DECODE_N=${BENCH_DECODE_N:-300}
CLI_N=${BENCH_CLI_N:-10}
SCALE_SIZES=${BENCH_SCALE_SIZES:-200 2000 20000}
EVENTS_SIZES=${BENCH_EVENTS_SIZES:-1000 10000 100000}
THREADS=${BENCH_THREADS:-1 2 4 8 16}
CONC_N=${BENCH_CONC_N:-2000}
CONC_NV=${BENCH_CONC_N_VERSION:-400}
LIFECYCLE_N=${BENCH_LIFECYCLE_N:-20}
STARTUP_N=${BENCH_STARTUP_N:-10}
GB_MIN_TIME=${BENCH_GBENCH_MIN_TIME:-0.3}
PLOT=${BENCH_PLOT:-$B/scale.png}
SKIP=" ${BENCH_SKIP:-} "
export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}

"$src/deps.sh"

tsv=$B/results.tsv
: >"$tsv"
meta() { printf 'meta\t%s\t%s\t%s\n' "$1" "-" "$2" >>"$tsv"; }
# record WORKLOAD PEER METRIC VALUE (an empty value, from a peer whose output
# could not be parsed, is dropped with a note instead of stopping the run)
record() {
  if [ -z "$4" ]; then note "no $3 for $1/$2"; return 0; fi
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$tsv"
}
calc() { $PY -c "print($1)" 2>/dev/null || true; }  # arithmetic; empty on bad input
note() { echo "bench: $*" >&2; }
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2" | tail -n1; }  # kv KEY TEXT

# --- set-up ------------------------------------------------------------------
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "${fake_pid:-}" ] && kill "$fake_pid" 2>/dev/null
  $PY "$src/py/fixtures.py" cleanup >/dev/null 2>&1 || note "fixture cleanup failed"
}
trap cleanup EXIT

have() { [ -x "$B/$1" ]; }
have bench-raw || { note "missing $B/bench-raw: build with -DDOCKER_CPP_BUILD_BENCH=ON"; exit 1; }
have bench-ours || note "no bench-ours (generated bindings or transport missing): our client is skipped"

gobin=$B/go/dockerbench
if GO111MODULE=off GOPATH="$src/go:/usr/share/gocode" GOCACHE="$B/go/cache" GOFLAGS= \
   go build -o "$gobin" dockerbench 2>"$B/go/build.log"; then :; else
  note "the Go peer did not build (see $B/go/build.log); it is skipped"; rm -f "$gobin"
fi

meta date "$(date -u +'%Y-%m-%d %H:%M UTC')"
meta commit "$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
meta daemon "$(curl -s --unix-socket "${DOCKER_HOST#unix://}" http://d/version | $PY -c 'import json,sys; v=json.load(sys.stdin); print(v["Version"], "API", v["ApiVersion"])' 2>/dev/null || echo '?')"
meta load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
meta nproc "$(nproc)"
meta params "N=$N N_version=$NV N_inspect=$NI reps=$REPS log_mb=$LOG_MB log_reps=$LOG_REPS replay_mb=$REPLAY_MB replay_reps=$REPLAY_REPS callgrind_n=$CG_N decode_n=$DECODE_N cli_n=$CLI_N scale_sizes=${SCALE_SIZES// /,} events=${EVENTS_SIZES// /,} threads=${THREADS// /,} conc_n=$CONC_N conc_n_version=$CONC_NV lifecycle_n=$LIFECYCLE_N startup_n=$STARTUP_N quick=${BENCH_QUICK:-0}"

# run LOGNAME CMD... : runs a peer, its stdout last line is echoed, stderr kept.
run() {
  local name=$1; shift
  if ! "$@" >"$B/logs/$name.out" 2>"$B/logs/$name.err"; then
    note "$name failed: $(tail -n 3 "$B/logs/$name.err" | tr '\n' ' ')"; return 1
  fi
  tail -n 2 "$B/logs/$name.out" | tr '\n' ' '
}

baseline=${BENCH_OURS_BASELINE:-}
if [ -n "$baseline" ]; then
  baseline=$(realpath "$baseline")
  [ -x "$baseline" ] && meta baseline "ours-base = $baseline" || { note "BENCH_OURS_BASELINE $baseline is not executable"; baseline=; }
fi
decode_baseline=${BENCH_DECODE_BASELINE:-}
if [ -n "$decode_baseline" ]; then
  decode_baseline=$(realpath "$decode_baseline")
  [ -x "$decode_baseline" ] && meta decode_baseline "ours-base = $decode_baseline" || { note "BENCH_DECODE_BASELINE $decode_baseline is not executable"; decode_baseline=; }
fi

# The running container the inspect workloads read (the requests, and the
# decode's recorded GET /containers/{id}/json); removed by the cleanup.
inspect_id=
if [[ $SKIP != *" requests "* || $SKIP != *" decode "* ]]; then
  inspect_id=$($PY "$src/py/fixtures.py" inspect-container 2>"$B/logs/inspect-fixture.err") ||
    { note "no container to inspect ($(tail -n1 "$B/logs/inspect-fixture.err")): the inspect workloads are skipped"; inspect_id=; }
fi
export BENCH_CONTAINER_ID=$inspect_id

# --- 1. requests: client CPU per request ---------------------------------------
# requests_cmd PEER WORKLOAD N: sets cmd to the command with which PEER makes N
# requests of WORKLOAD (ping, version, containers, inspect).
requests_cmd() {
  local p=$1 w=$2 n=$3
  case $p in
    raw) cmd=("$B/bench-raw" requests "$w" "$n") ;;
    raw-parse) cmd=("$B/bench-raw" requests "$w" "$n" parse) ;;
    ours) cmd=("$B/bench-ours" requests "$w" "$n" typed) ;;
    ours-call) cmd=("$B/bench-ours" requests "$w" "$n" call) ;;
    ours-base) cmd=("$baseline" requests "$w" "$n" typed) ;;
    go) cmd=("$gobin" requests "$w" "$n") ;;
    py) cmd=($PY "$src/py/dockerpy_bench.py" requests "$w" "$n") ;;
  esac
}

if [[ $SKIP != *" requests "* ]]; then
  workloads=(ping version containers); [ -n "$inspect_id" ] && workloads+=(inspect)
  # The second floor where ours decodes: raw + simdjson's parse (bench-raw built with simdjson).
  raw_parse=0; "$B/bench-raw" requests version 1 parse >/dev/null 2>&1 && raw_parse=1
  note "requests: $REPS reps × {${workloads[*]}} × peers (N=$N, version N=$NV, inspect N=$NI)"
  for rep in $(seq 1 "$REPS"); do
    for w in "${workloads[@]}"; do
      n=$N; [ "$w" = version ] && n=$NV; [ "$w" = inspect ] && n=$NI
      peers=(raw)
      [ "$raw_parse" = 1 ] && [ "$w" != ping ] && peers+=(raw-parse)
      have bench-ours && peers+=(ours ours-call)
      [ -n "$baseline" ] && peers+=(ours-base)
      [ -x "$gobin" ] && peers+=(go)
      peers+=(py)
      for p in "${peers[@]}"; do
        requests_cmd "$p" "$w" "$n"
        out=$(run "req-$w-$p-$rep" "${cmd[@]}") || continue
        cpu=$(kv cpu_s "$out"); wall=$(kv wall_s "$out")
        record "$w" "$p" cpu_us_per_req "$(calc "$cpu*1e6/$n")"
        record "$w" "$p" wall_us_per_req "$(calc "$wall*1e6/$n")"
      done
    done
  done
  # Instruction counts (user space) under callgrind: repeatable under load.
  if [ "$CG_N" -gt 0 ] && command -v valgrind >/dev/null; then
    note "requests: callgrind instruction counts (N=$CG_N)"
    for w in "${workloads[@]}"; do
      cps=(raw); have bench-ours && cps+=(ours ours-call); [ -n "$baseline" ] && cps+=(ours-base)
      for p in "${cps[@]}"; do
        requests_cmd "$p" "$w" "$CG_N"
        if valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$B/logs/cg-req-$w-$p.out" \
             "${cmd[@]}" >"$B/logs/cg-req-$w-$p.stdout" 2>"$B/logs/cg-req-$w-$p.err"; then
          ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$B/logs/cg-req-$w-$p.err" | tail -n1)
          [ -n "$ir" ] && record "$w" "$p" ir_per_req "$(calc "$ir/$CG_N")"
        else note "callgrind $w $p failed"; fi
      done
    done
  fi
fi

# --- 2. decode of a 200-container /containers/json ----------------------------
if [[ $SKIP != *" decode "* ]]; then
  fixture=$B/containers-200.json
  if [ "${BENCH_RECORD_FIXTURE:-1}" = 1 ] && note "decode: recording a 200-container /containers/json from the daemon" &&
     out=$($PY "$src/py/fixtures.py" containers 200 "$fixture" 2>"$B/logs/fixture.err"); then
    meta fixture "recorded now: $(kv containers "$out") containers, $(kv bytes "$out") bytes"
  else
    [ "${BENCH_RECORD_FIXTURE:-1}" = 1 ] && note "could not record the payload ($(tail -n1 "$B/logs/fixture.err")); using the committed fixture"
    cp "$src/fixtures/containers-200.json" "$fixture"
    meta fixture "committed bench/fixtures/containers-200.json, $(stat -c %s "$fixture") bytes"
  fi
  export BENCH_FIXTURE=$fixture
  # The other payloads of target 3: recorded now (the inspect container, /info,
  # /system/df, the image list), else the committed ones; 500 images synthesised.
  paydir=$B/payloads
  mkdir -p "$paydir"
  if [ "${BENCH_RECORD_FIXTURE:-1}" = 1 ] && [ -n "$inspect_id" ] &&
     out=$($PY "$src/py/fixtures.py" payloads "$inspect_id" "$paydir" 2>"$B/logs/payloads.err"); then
    meta payloads "recorded now: $out"
  else
    cp "$src"/fixtures/payloads/*.json "$paydir/"
    meta payloads "committed bench/fixtures/payloads"
  fi
  $PY "$src/py/synth.py" images "$paydir/images.json" 500 "$paydir/images-500.json" >/dev/null
  export BENCH_PAYLOADS="inspect=$paydir/inspect.json info=$paydir/info.json df=$paydir/df.json images=$paydir/images-500.json"
  for k in inspect info df images-500; do
    record "decode-${k%-500}" payload bytes "$(stat -c %s "$paydir/$k.json")"
  done
  note "decode: Google Benchmark (in process)"
  # gbench_decode BINARY LOGNAME [PEER_FOR_OURS] [GBENCH ARGS...]
  gbench_decode() {
    local bin=$1 log=$2 ours_name=$3; shift 3
    # Repetitions interleaved at random, so that a repetition's pairs share their moment's load.
    if "$bin" --benchmark_min_time="$GB_MIN_TIME" --benchmark_enable_random_interleaving=true "$@" \
        --benchmark_out="$B/$log.json" --benchmark_out_format=json >"$B/logs/$log.out" 2>&1; then
      $PY - "$B/$log.json" "$ours_name" >>"$tsv" <<'PY'
import json, sys
names = {"BM_nlohmann_dom": "nlohmann-dom", "BM_nlohmann_sax_noop": "nlohmann-sax", "BM_simdjson_dom": "simdjson", "BM_ours_typed": sys.argv[2]}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") != "iteration": continue
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0}[b["time_unit"]]
    run = b["run_name"]
    if run.startswith("payload_"):  # payload_ours/KIND, payload_simdjson/KIND
        peer, kind = run[len("payload_"):].split("/")
        print(f"decode-{kind}\t{sys.argv[2] if peer == 'ours' else peer}\tcpu_us\t{b['cpu_time'] * scale * 1e3}")
    elif not run.startswith(("version_", "scale_")):
        print(f"decode\t{names.get(run, run)}\tcpu_ms\t{b['cpu_time'] * scale}")
PY
    else note "$bin failed (see $B/logs/$log.out)"; fi
  }
  if [ -z "$decode_baseline" ]; then
    gbench_decode "$B/bench-decode" decode-gbench ours --benchmark_repetitions="$REPS"
  else
    # Before/after in the same run: ours and the baseline build's ours, alternating.
    for rep in $(seq 1 "$REPS"); do
      gbench_decode "$B/bench-decode" "decode-gbench-$rep" ours
      gbench_decode "$decode_baseline" "decode-gbench-base-$rep" ours-base --benchmark_filter=BM_ours_typed
    done
  fi
  for rep in $(seq 1 "$REPS"); do
    if [ -x "$gobin" ] && out=$(run "decode-go-$rep" "$gobin" decode "$fixture" "$DECODE_N"); then
      record decode go cpu_ms "$(calc "$(kv cpu_s "$out")*1e3/$DECODE_N")"
    fi
    if out=$(run "decode-py-$rep" $PY "$src/py/dockerpy_bench.py" decode "$fixture" "$DECODE_N"); then
      record decode py cpu_ms "$(calc "$(kv cpu_s "$out")*1e3/$DECODE_N")"
    fi
  done
  if [ "$CG_N" -gt 0 ] && command -v valgrind >/dev/null; then
    note "decode: callgrind instruction counts"
    kinds=(dom sax simdjson); have bench-ours && kinds+=(ours); [ -n "$decode_baseline" ] && kinds+=(ours-base)
    for k in "${kinds[@]}"; do
      bin=$B/bench-decode kind=$k
      [ "$k" = ours-base ] && bin=$decode_baseline kind=ours
      if valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$B/logs/cg-decode-$k.out" \
           "$bin" once "$kind" "$fixture" 10 >"$B/logs/cg-decode-$k.stdout" 2>"$B/logs/cg-decode-$k.err"; then
        ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$B/logs/cg-decode-$k.err" | tail -n1)
        name=$k; case $k in dom) name=nlohmann-dom ;; sax) name=nlohmann-sax ;; esac
        [ -n "$ir" ] && record decode "$name" ir_per_decode "$(calc "$ir/10")"
      fi
    done
  fi
fi

# --- 3. log demultiplexing throughput --------------------------------------------
# logs_peers WORKLOAD REPS CONTAINER_ID: every log reader, interleaved, REPS times
# (attach-replay: the hijacked readers, raw and the layer's).
logs_peers() {
  local w=$1 reps=$2 id=$3 rep p out bytes wall
  for rep in $(seq 1 "$reps"); do
    local peers=(raw); have bench-ours && peers+=(ours); [ -n "$baseline" ] && peers+=(ours-base)
    [ -x "$gobin" ] && peers+=(go); peers+=(py)
    [ "$w" = attach-replay ] && peers=(raw ours ours-tagged ours-exec)
    for p in "${peers[@]}"; do
      case $w/$p in
        attach-replay/raw) cmd=("$B/bench-raw" attach "$id") ;;
        attach-replay/ours) cmd=("$B/bench-attach" attach "$id" reader) ;;
        attach-replay/ours-tagged) cmd=("$B/bench-attach" attach "$id" tagged) ;;
        attach-replay/ours-exec) cmd=("$B/bench-attach" exec "$id" reader) ;;
        */raw) cmd=("$B/bench-raw" logs "$id") ;;
        */ours) cmd=("$B/bench-ours" logs "$id") ;;
        */ours-base) cmd=("$baseline" logs "$id") ;;
        */go) cmd=("$gobin" logs "$id") ;;
        */py) cmd=($PY "$src/py/dockerpy_bench.py" logs "$id") ;;
      esac
      out=$(run "$w-$p-$rep" "$B/bench-exec" "${cmd[@]}") || continue
      bytes=$(kv bytes "$out"); wall=$(kv wall_s "$out")
      record "$w" "$p" mb_per_s "$(calc "$bytes/1048576/$wall")"
      record "$w" "$p" cpu_s_per_gib "$(calc "$(kv proc_cpu_s "$out")/($bytes/2**30)")"
      record "$w" "$p" maxrss_mib "$(calc "$(kv proc_maxrss_kb "$out")/1024")"
      record "$w" "$p" bytes "$bytes"
    done
  done
}
if [[ $SKIP != *" logs "* ]]; then
  # (a) The real daemon: end to end, usually bound by dockerd reading its log.
  if [[ $SKIP == *" logs-daemon "* ]]; then :
  elif note "logs: a container printing $LOG_MB MiB, read from the daemon by every peer ($LOG_REPS reps)"
       id=$($PY "$src/py/fixtures.py" logs-container "$LOG_MB" 2>"$B/logs/logs-fixture.err"); then
    meta log_payload "daemon: $LOG_MB MiB in 16 KiB frames (json-file log driver); replay: $REPLAY_MB MiB, same framing"
    logs_peers logs "$LOG_REPS" "$id"
    $PY "$src/py/fixtures.py" cleanup >/dev/null 2>&1 || true
  else
    note "logs container failed: $(tail -n1 "$B/logs/logs-fixture.err")"
  fi
  # (b) Replay: the same bytes served at memory speed by bench-logserver, so
  # the readers themselves are the bottleneck.
  if [[ $SKIP != *" logs-replay "* ]]; then
    note "logs: $REPLAY_MB MiB replayed by bench-logserver ($REPLAY_REPS reps)"
    sockdir=$(mktemp -d /tmp/docker-cpp-bench.XXXXXX)
    "$B/bench-logserver" "$sockdir/logs.sock" "$REPLAY_MB" 2>"$B/logs/logserver.err" &
    server_pid=$!
    for _ in $(seq 1 50); do [ -S "$sockdir/logs.sock" ] && break; sleep 0.1; done
    DOCKER_HOST=unix://$sockdir/logs.sock logs_peers logs-replay "$REPLAY_REPS" replayed
    # The same frames over a hijacked connection: attach and exec through the layer.
    if have bench-attach; then
      note "attach/exec: $REPLAY_MB MiB replayed by bench-logserver ($REPLAY_REPS reps)"
      DOCKER_HOST=unix://$sockdir/logs.sock logs_peers attach-replay "$REPLAY_REPS" replayed
    fi
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    rm -rf "$sockdir"
  fi
fi

# --- 4. the docker CLI, per invocation (whole process) -----------------------------
if [[ $SKIP != *" cli "* ]] && [ -x /usr/bin/docker ]; then
  note "cli: /usr/bin/docker × $CLI_N per command"
  for c in version ps; do
    for i in $(seq 1 "$CLI_N"); do
      out=$(run "cli-$c-$i" "$B/bench-exec" /usr/bin/docker "$c") || continue
      record "cli-$c" cli cpu_ms_per_invocation "$(calc "$(kv proc_cpu_s "$out")*1e3")"
      record "cli-$c" cli wall_ms_per_invocation "$(calc "$(kv proc_wall_s "$out")*1e3")"
      record "cli-$c" cli maxrss_mib "$(calc "$(kv proc_maxrss_kb "$out")/1024")"
    done
  done
fi

# --- 5. how cost grows --------------------------------------------------------------
# (a) decode of 200 / 2 000 / 20 000 containers synthesised from the committed
# recording (distinct Id, Names, index label each): ours and simdjson in
# process (Google Benchmark), Go json.Unmarshal.
if [[ $SKIP != *" scale "* && $SKIP != *" scale-decode "* ]]; then
  note "scale: decode of ${SCALE_SIZES// /, } containers"
  files=()
  for n in $SCALE_SIZES; do
    f=$B/containers-synth-$n.json
    [ -s "$f" ] || $PY "$src/py/synth.py" containers "$src/fixtures/containers-200.json" "$n" "$f" >/dev/null
    files+=("$f")
  done
  meta scale_fixture "py/synth.py containers from bench/fixtures/containers-200.json: ${SCALE_SIZES// /, } containers, $(stat -c %s "${files[@]}" | tr '\n' ' ')bytes"
  if BENCH_FIXTURE=$src/fixtures/containers-200.json BENCH_SCALE_FILES="${files[*]}" "$B/bench-decode" \
       --benchmark_filter='^scale_' --benchmark_min_time="$GB_MIN_TIME" --benchmark_repetitions="$REPS" \
       --benchmark_out="$B/scale-decode.json" --benchmark_out_format=json >"$B/logs/scale-decode.out" 2>&1; then
    $PY - "$B/scale-decode.json" >>"$tsv" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") != "iteration": continue
    kind, n = b["run_name"].split("/")
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[b["time_unit"]]
    print(f"scale-decode/{n}\t{kind.removeprefix('scale_')}\tcpu_us_per_item\t{b['cpu_time'] * scale / int(n)}")
PY
  else note "bench-decode scale failed (see $B/logs/scale-decode.out)"; fi
  if [ -x "$gobin" ]; then
    for rep in $(seq 1 "$REPS"); do
      for n in $SCALE_SIZES; do
        k=$(( 60000 / n )); [ "$k" -lt 2 ] && k=2
        if out=$(run "scale-decode-go-$n-$rep" "$gobin" decode "$B/containers-synth-$n.json" "$k"); then
          record "scale-decode/$n" go cpu_us_per_item "$(calc "$(kv cpu_s "$out")*1e6/$k/$n")"
        fi
      done
    done
  fi
fi

# (b) the events stream: N synthesised events (py/synth.py events) replayed by
# bench-logserver (one chunk per event, as dockerd flushes them), read through
# our SystemApi::system_events → JsonStream<EventMessage>, and by Go's Events.
if [[ $SKIP != *" scale "* && $SKIP != *" scale-events "* ]]; then
  max=0; for n in $EVENTS_SIZES; do [ "$n" -gt "$max" ] && max=$n; done
  evfile=$B/events-synth-$max.jsonl
  [ -s "$evfile" ] || $PY "$src/py/synth.py" events "$max" "$evfile" >/dev/null
  meta events_payload "py/synth.py events: $max lines, $(stat -c %s "$evfile") bytes, replayed by bench-logserver"
  note "scale: events stream of ${EVENTS_SIZES// /, } events ($REPS reps)"
  sockdir=$(mktemp -d /tmp/docker-cpp-bench.XXXXXX)
  "$B/bench-logserver" "$sockdir/events.sock" 1 "$evfile" 2>"$B/logs/eventserver.err" &
  server_pid=$!
  for _ in $(seq 1 50); do [ -S "$sockdir/events.sock" ] && break; sleep 0.1; done
  for rep in $(seq 1 "$REPS"); do
    for n in $EVENTS_SIZES; do
      peers=(); have bench-ours && peers+=(ours); [ -x "$gobin" ] && peers+=(go)
      for p in "${peers[@]}"; do
        case $p in
          ours) cmd=("$B/bench-ours" events "$n") ;;
          go) cmd=("$gobin" events "$n") ;;
        esac
        out=$(DOCKER_HOST=unix://$sockdir/events.sock run "scale-events-$p-$n-$rep" "${cmd[@]}") || continue
        record "scale-events/$n" "$p" cpu_us_per_item "$(calc "$(kv cpu_s "$out")*1e6/$n")"
        record "scale-events/$n" "$p" wall_us_per_item "$(calc "$(kv wall_s "$out")*1e6/$n")"
      done
    done
  done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  rm -rf "$sockdir"
fi

# BENCH_FAKE_DAEMON=1: a bench-logserver stands in for the daemon in (c), 6 and 7.
fake_pid= fake_dir=
daemon_host=$DOCKER_HOST
if [ "${BENCH_FAKE_DAEMON:-0}" = 1 ]; then
  fake_dir=$(mktemp -d /tmp/docker-cpp-bench.XXXXXX)
  "$B/bench-logserver" "$fake_dir/fake.sock" 1 2>"$B/logs/fakeserver.err" &
  fake_pid=$!
  for _ in $(seq 1 50); do [ -S "$fake_dir/fake.sock" ] && break; sleep 0.1; done
  daemon_host=unix://$fake_dir/fake.sock
  meta fake_daemon "shared client, lifecycle and start-up against bench-logserver's stand-ins (/_ping, dockerd 20.10's /version, an empty /containers/json, create/start/wait/remove answered at once), not a daemon"
fi

# (c) one client shared by 1…16 threads (Go: goroutines) against the daemon:
# throughput, client CPU per request, connections dialed and open sockets.
if [[ $SKIP != *" scale "* && $SKIP != *" scale-concurrent "* ]]; then
  note "scale: one client shared by ${THREADS// /, } threads (N=$CONC_N /containers/json, $CONC_NV /version; $REPS reps)"
  for rep in $(seq 1 "$REPS"); do
    for w in containers version; do
      n=$CONC_N; [ "$w" = version ] && n=$CONC_NV
      for t in $THREADS; do
        peers=(); have bench-ours && peers+=(ours); [ -x "$gobin" ] && peers+=(go)
        for p in "${peers[@]}"; do
          case $p in
            ours) cmd=("$B/bench-ours" concurrent "$w" "$t" "$n") ;;
            go) cmd=("$gobin" concurrent "$w" "$t" "$n") ;;
          esac
          out=$(DOCKER_HOST=$daemon_host run "conc-$w-$t-$p-$rep" "${cmd[@]}") || continue
          record "conc-$w/$t" "$p" req_per_s "$(calc "$n/$(kv wall_s "$out")")"
          record "conc-$w/$t" "$p" cpu_us_per_req "$(calc "$(kv cpu_s "$out")*1e6/$n")"
          record "conc-$w/$t" "$p" dials "$(kv dials "$out")"
          record "conc-$w/$t" "$p" peak_sockets "$(kv peak_sockets "$out")"
          record "conc-$w/$t" "$p" idle_sockets "$(kv idle_sockets "$out")"
        done
      done
    done
  done
fi

# --- 6. container lifecycle: create/start/wait/remove of busybox `true` ------------
if [[ $SKIP != *" lifecycle "* ]]; then
  note "lifecycle: $LIFECYCLE_N cycles × peers ($REPS reps)"
  for rep in $(seq 1 "$REPS"); do
    peers=(raw); have bench-ours && peers+=(ours); [ -x "$gobin" ] && peers+=(go); peers+=(py)
    for p in "${peers[@]}"; do
      case $p in
        raw) cmd=("$B/bench-raw" lifecycle "$LIFECYCLE_N") ;;
        ours) cmd=("$B/bench-ours" lifecycle "$LIFECYCLE_N") ;;
        go) cmd=("$gobin" lifecycle "$LIFECYCLE_N") ;;
        py) cmd=($PY "$src/py/dockerpy_bench.py" lifecycle "$LIFECYCLE_N") ;;
      esac
      out=$(DOCKER_HOST=$daemon_host run "lifecycle-$p-$rep" "${cmd[@]}") || continue
      record lifecycle "$p" cpu_ms_per_cycle "$(calc "$(kv cpu_s "$out")*1e3/$LIFECYCLE_N")"
      record lifecycle "$p" wall_ms_per_cycle "$(calc "$(kv wall_s "$out")*1e3/$LIFECYCLE_N")"
    done
  done
  $PY "$src/py/fixtures.py" cleanup >/dev/null 2>&1 || true
fi

# --- 7. start-up of a hello-like program: to the first request, peak RSS ------------
if [[ $SKIP != *" startup "* ]]; then
  note "startup: $STARTUP_N starts per peer"
  for i in $(seq 1 "$STARTUP_N"); do
    peers=(); have bench-startup && peers+=(ours); [ -x "$gobin" ] && peers+=(go); peers+=(py)
    for p in "${peers[@]}"; do
      case $p in
        ours) cmd=("$B/bench-startup") ;;
        go) cmd=("$gobin" startup) ;;
        py) cmd=($PY "$src/py/dockerpy_bench.py" startup) ;;
      esac
      out=$(DOCKER_HOST=$daemon_host run "startup-$p-$i" "$B/bench-exec" "${cmd[@]}") || continue
      for m in main_ms first_request_ms first_response_ms; do record startup "$p" "$m" "$(kv "$m" "$out")"; done
      record startup "$p" maxrss_mib "$(calc "$(kv proc_maxrss_kb "$out")/1024")"
      record startup "$p" cpu_ms "$(calc "$(kv proc_cpu_s "$out")*1e3")"
      record startup "$p" wall_ms "$(calc "$(kv proc_wall_s "$out")*1e3")"
    done
  done
fi

if [ -n "$fake_pid" ]; then
  kill "$fake_pid" 2>/dev/null || true
  wait "$fake_pid" 2>/dev/null || true
  rm -rf "$fake_dir"
fi

meta load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
$PY "$src/report.py" "$tsv" --plot "$PLOT" >"$B/results.md"
cat "$B/results.md"
echo "bench: results in $B/results.md (raw numbers: $tsv, peer logs: $B/logs)" >&2
