#!/usr/bin/env bash
# A Docker daemon for the tests and the examples.
#
#   daemon.sh start DIR   make sure a daemon answers; print `export DOCKER_HOST=…`
#   daemon.sh stop DIR    stop what `start` started (by pid), nothing else
#
# `start` first tries $DOCKER_HOST, then /var/run/docker.sock. When neither
# answers /_ping it starts Debian's containerd + dockerd with a private data
# root, exec root, pid files and socket under DIR, and records their pids in
# DIR/started so that `stop` kills exactly those.
set -euo pipefail

cmd=${1:?usage: daemon.sh start|stop DIR}
dir=${2:?usage: daemon.sh start|stop DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

ping_unix() {  # socket path → 0 when the daemon answers OK
  local sock=$1 reply
  [ -S "$sock" ] || return 1
  reply=$(timeout 3 python3 - "$sock" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])
s.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"); data = b""
while True:
    chunk = s.recv(4096)
    if not chunk: break
    data += chunk
print(data.split(b"\r\n\r\n", 1)[-1].decode())
PY
) || return 1
  [ "$reply" = OK ]
}

# Unix socket paths are limited to 107 bytes: keep the sockets short.
sock_dir() {
  if [ ${#dir} -le 60 ]; then echo "$dir/run"; else
    local link=/tmp/docker-cpp-$(echo -n "$dir" | sha256sum | cut -c1-12)
    mkdir -p "$dir/run"; ln -sfn "$dir/run" "$link"; echo "$link"
  fi
}

start() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    case $DOCKER_HOST in
      unix://*) if ping_unix "${DOCKER_HOST#unix://}"; then echo "export DOCKER_HOST=$DOCKER_HOST"; return; fi ;;
      *) echo "export DOCKER_HOST=$DOCKER_HOST"; return ;;  # tcp/ssh: trust the caller
    esac
    echo "daemon.sh: DOCKER_HOST=$DOCKER_HOST does not answer; starting a private daemon" >&2
  fi
  if ping_unix /var/run/docker.sock; then echo "export DOCKER_HOST=unix:///var/run/docker.sock"; return; fi

  local run; run=$(sock_dir); mkdir -p "$run" "$dir/data" "$dir/containerd"
  if [ -f "$dir/started" ] && ping_unix "$run/docker.sock"; then
    echo "export DOCKER_HOST=unix://$run/docker.sock"; return
  fi
  stop  # leftovers of an earlier run that died
  command -v dockerd >/dev/null || { echo "daemon.sh: dockerd not installed (make deps)" >&2; exit 1; }

  containerd --root "$dir/containerd/root" --state "$run/ctd-state" \
    --address "$run/containerd.sock" >"$dir/containerd.log" 2>&1 &
  local ctd_pid=$!
  echo "containerd $ctd_pid" >"$dir/started"
  for _ in $(seq 1 100); do [ -S "$run/containerd.sock" ] && break; sleep 0.1; done

  dockerd --data-root "$dir/data" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" \
    -H "unix://$run/docker.sock" --containerd "$run/containerd.sock" \
    >"$dir/dockerd.log" 2>&1 &
  local d_pid=$!
  echo "dockerd $d_pid" >>"$dir/started"
  for _ in $(seq 1 300); do
    if ping_unix "$run/docker.sock"; then echo "export DOCKER_HOST=unix://$run/docker.sock"; return; fi
    kill -0 "$d_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "daemon.sh: dockerd did not come up; last lines of $dir/dockerd.log:" >&2
  tail -n 20 "$dir/dockerd.log" >&2
  stop
  exit 1
}

stop() {
  [ -f "$dir/started" ] || return 0
  # dockerd first (it stops its containers), then containerd.
  tac "$dir/started" | while read -r name pid; do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "daemon.sh: $name $pid ignored TERM; killing" >&2
      kill -KILL "$pid" || true
    fi
  done
  rm -f "$dir/started"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) echo "usage: daemon.sh start|stop DIR" >&2; exit 2 ;;
esac
