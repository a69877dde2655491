#!/usr/bin/env bash
# two-node.sh BUILD_DIR [PROGRAM]
#
# A two-node swarm on one machine: two private containerd + dockerd pairs,
# each in a network namespace made here (dcpp-swarm-mgr-PID, dcpp-swarm-wkr-PID)
# and joined by a veth pair with addresses that exist only inside them
# (10.214.0.1 manager, 10.214.0.2 worker). Each daemon has its own data root,
# exec root, pid file, config file and unix socket under a temporary
# directory; the sockets are files, so the program reaches both daemons from
# the host's namespace. busybox:latest is seeded into each with
# docker-cpp-testenv, then PROGRAM (default: BUILD_DIR's
# tests/swarm/docker-cpp-swarm-two-node) runs as
#   PROGRAM unix://…/mgr/docker.sock 10.214.0.1 unix://…/wkr/docker.sock 10.214.0.2
# and its exit status is this script's.
#
# Exit 77 (ctest: skipped), saying why, where the set-up cannot be made: not
# root, no ip/nsenter/dockerd/containerd, no right to make a network
# namespace or a veth pair, a daemon that does not start. Whatever happens,
# the daemons, namespaces and directory made here are removed on exit; the
# host's network configuration and other daemons are not touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: two-node.sh BUILD_DIR [PROGRAM]}" && pwd)
program=${2:-$build/tests/swarm/docker-cpp-swarm-two-node}
testenv=$build/tests/daemon/docker-cpp-testenv

skip() { echo "two-node.sh: SKIPPED: $*" >&2; exit 77; }
log() { echo "[two-node.sh $(printf '%3d' "$SECONDS") s] $*"; }

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, dockerd)"
for tool in ip nsenter dockerd containerd; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/deps.sh daemon)"
done
[ -x "$program" ] || { echo "two-node.sh: $program not built" >&2; exit 1; }
[ -x "$testenv" ] || { echo "two-node.sh: $testenv not built" >&2; exit 1; }

nodes=(mgr wkr)
declare -A addr=([mgr]=10.214.0.1 [wkr]=10.214.0.2)
declare -A netns=([mgr]=dcpp-swarm-mgr-$$ [wkr]=dcpp-swarm-wkr-$$)
declare -A veth=([mgr]=dcs$$m [wkr]=dcs$$w)
# Short: unix socket paths are limited to 107 bytes.
dir=$(mktemp -d /tmp/dcpp-swarm-XXXXXX)
made_netns=()

stop_all() {  # FILE…: the pids they hold get TERM together, up to 20 s, then KILL
  local pids=() f pid
  for f in "$@"; do [ -f "$f" ] && pids+=("$(cat "$f")"); done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null
  for _ in $(seq 1 200); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 1 ] || return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || continue
    echo "two-node.sh: $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-40) ($pid) ignored TERM; killing" >&2
    kill -KILL "$pid" 2>/dev/null
  done
}

finish() {
  local rc=$?
  set +e
  # Both dockerds at once (each stops its containers), then both containerds.
  stop_all "$dir/mgr/dockerd.pid" "$dir/wkr/dockerd.pid"
  stop_all "$dir/mgr/containerd.pid" "$dir/wkr/containerd.pid"
  # Shims of containers a killed daemon left behind: theirs name our directory.
  for p in /proc/[0-9]*; do
    if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -- "$dir/"; then kill -KILL "${p#/proc/}" 2>/dev/null; fi
  done
  # Mounts a killed daemon left (layers, network namespace files), deepest first.
  awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null
  done
  for ns in "${made_netns[@]}"; do ip netns delete "$ns" 2>/dev/null; done
  if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
    for n in "${nodes[@]}"; do
      [ -f "$dir/$n/dockerd.log" ] || continue
      echo "two-node.sh: last lines of the $n dockerd's log:" >&2
      tail -n 15 "$dir/$n/dockerd.log" >&2
    done
  fi
  rm -rf "$dir"
  log "cleaned up (daemons stopped; namespaces deleted: ${made_netns[*]:-none}); exit $rc"
  exit $rc
}
trap finish EXIT
trap 'exit 130' INT TERM

# 1. Two network namespaces joined by a veth pair; loopback up in each.
for n in "${nodes[@]}"; do
  ip netns add "${netns[$n]}" 2>"$dir/netns.err" || skip "cannot make a network namespace: $(cat "$dir/netns.err")"
  made_netns+=("${netns[$n]}")
  ip -n "${netns[$n]}" link set lo up
done
# Made straight inside the namespaces: the host's namespace never has them.
ip link add "${veth[mgr]}" netns "${netns[mgr]}" type veth peer name "${veth[wkr]}" netns "${netns[wkr]}" \
  2>"$dir/veth.err" || skip "cannot make a veth pair: $(cat "$dir/veth.err")"
for n in "${nodes[@]}"; do
  ip -n "${netns[$n]}" addr add "${addr[$n]}/24" dev "${veth[$n]}"
  ip -n "${netns[$n]}" link set "${veth[$n]}" up
done
log "network namespaces ${netns[mgr]} (${addr[mgr]}) and ${netns[wkr]} (${addr[wkr]}), veth ${veth[mgr]}/${veth[wkr]}"

# 2. containerd + dockerd per node, inside its namespace. nsenter enters only
# the network namespace (`ip netns exec` would also remount /sys, hiding the
# cgroup mounts dockerd needs). An empty config file: the host's
# /etc/docker/daemon.json does not apply.
ping_unix() {  # socket → 0 when the daemon answers /_ping with OK
  [ -S "$1" ] || return 1
  [ "$(timeout 3 python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])
s.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"); data = b""
while True:
    chunk = s.recv(4096)
    if not chunk: break
    data += chunk
print(data.split(b"\r\n\r\n", 1)[-1].decode())
PY
)" = OK ]
}
for n in "${nodes[@]}"; do
  d=$dir/$n
  mkdir -p "$d"
  echo '{}' >"$d/daemon.json"
  nsenter --net="/run/netns/${netns[$n]}" containerd --root "$d/containerd" --state "$d/ctd-state" \
    --address "$d/containerd.sock" >"$d/containerd.log" 2>&1 &
  echo $! >"$d/containerd.pid"
done
for n in "${nodes[@]}"; do
  d=$dir/$n
  for _ in $(seq 1 100); do [ -S "$d/containerd.sock" ] && break; sleep 0.1; done
  [ -S "$d/containerd.sock" ] || skip "containerd ($n) did not start: $(tail -n 3 "$d/containerd.log")"
  nsenter --net="/run/netns/${netns[$n]}" dockerd --config-file "$d/daemon.json" --data-root "$d/data" \
    --exec-root "$d/exec" --pidfile "$d/dockerd.pid.own" -H "unix://$d/docker.sock" \
    --containerd "$d/containerd.sock" >"$d/dockerd.log" 2>&1 &
  # $! is dockerd itself: nsenter execs it.
  echo $! >"$d/dockerd.pid"
done
for n in "${nodes[@]}"; do
  d=$dir/$n
  for _ in $(seq 1 300); do
    ping_unix "$d/docker.sock" && break
    kill -0 "$(cat "$d/dockerd.pid")" 2>/dev/null || break
    sleep 0.2
  done
  ping_unix "$d/docker.sock" || skip "dockerd ($n) did not start in its network namespace: $(tail -n 3 "$d/dockerd.log")"
done
log "both daemons answer: $dir/mgr/docker.sock, $dir/wkr/docker.sock"

# 3. busybox:latest in each (the swarm's nodes pull nothing).
for n in "${nodes[@]}"; do
  DOCKER_HOST=unix://$dir/$n/docker.sock "$testenv" seed "$dir/rootfs.tar"
done
log "busybox:latest seeded into both; running $(basename "$program")"

# 4. The program; its status is ours.
set +e
"$program" "unix://$dir/mgr/docker.sock" "${addr[mgr]}" "unix://$dir/wkr/docker.sock" "${addr[wkr]}"
rc=$?
set -e
log "$(basename "$program") exited $rc"
exit $rc
