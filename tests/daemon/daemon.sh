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
#
# A private daemon also listens on TLS (tcp://127.0.0.1:<free port>,
# --tlsverify, certificates made here with openssl) and, through
# tcp_relay.py, on plain tcp://127.0.0.1:<port>; `start` then also prints
#   DOCKER_CPP_TEST_DAEMON_SOCKET   the unix socket path
#   DOCKER_CPP_TEST_DAEMON_TLS      tcp://127.0.0.1:P (TLS, client cert required)
#   DOCKER_CPP_TEST_DAEMON_CERTS    a DOCKER_CERT_PATH: ca.pem cert.pem key.pem
#   DOCKER_CPP_TEST_DAEMON_WRONG_CA a CA that did not sign the daemon's certificate
#   DOCKER_CPP_TEST_DAEMON_TCP      tcp://127.0.0.1:Q (plain HTTP)
# A reused daemon gets only DOCKER_HOST (and _SOCKET when it is a unix
# socket): the TLS and TCP tests skip, saying so.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

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

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A CA, a server certificate for 127.0.0.1 and localhost, a client
# certificate (DOCKER_CERT_PATH layout in tls/client) and an unrelated CA.
make_certs() {
  local t=$dir/tls
  rm -rf "$t"; mkdir -p "$t/client" "$t/wrong-ca"
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  (
    cd "$t"
    openssl req -x509 "${key[@]}" -keyout ca-key.pem -out ca.pem -days 7 -subj "/CN=docker-cpp test CA"
    openssl req -x509 "${key[@]}" -keyout wrong-ca/ca-key.pem -out wrong-ca/ca.pem -days 7 \
      -subj "/CN=docker-cpp unrelated CA"
    openssl req "${key[@]}" -keyout server-key.pem -out server.csr -subj "/CN=localhost"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 7 \
      -extfile server.ext -out server-cert.pem
    openssl req "${key[@]}" -keyout client/key.pem -out client.csr -subj "/CN=docker-cpp test client"
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 7 \
      -extfile client.ext -out client/cert.pem
    cp ca.pem client/ca.pem
  ) >"$dir/openssl.log" 2>&1 || { echo "daemon.sh: openssl failed; see $dir/openssl.log" >&2; return 1; }
}

start() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    case $DOCKER_HOST in
      unix://*) if ping_unix "${DOCKER_HOST#unix://}"; then
          echo "export DOCKER_HOST=$DOCKER_HOST DOCKER_CPP_TEST_DAEMON_SOCKET=${DOCKER_HOST#unix://}"; return
        fi ;;
      *) echo "export DOCKER_HOST=$DOCKER_HOST"; return ;;  # tcp/ssh: trust the caller
    esac
    echo "daemon.sh: DOCKER_HOST=$DOCKER_HOST does not answer; starting a private daemon" >&2
  fi
  if ping_unix /var/run/docker.sock; then
    echo "export DOCKER_HOST=unix:///var/run/docker.sock DOCKER_CPP_TEST_DAEMON_SOCKET=/var/run/docker.sock"; return
  fi

  local run; run=$(sock_dir); mkdir -p "$run" "$dir/data" "$dir/containerd"
  if [ -f "$dir/started" ] && [ -f "$dir/endpoints" ] && ping_unix "$run/docker.sock"; then
    cat "$dir/endpoints"; return
  fi
  stop  # leftovers of an earlier run that died
  command -v dockerd >/dev/null || { echo "daemon.sh: dockerd not installed (make deps)" >&2; exit 1; }

  containerd --root "$dir/containerd/root" --state "$run/ctd-state" \
    --address "$run/containerd.sock" >"$dir/containerd.log" 2>&1 &
  local ctd_pid=$!
  echo "containerd $ctd_pid" >"$dir/started"
  for _ in $(seq 1 100); do [ -S "$run/containerd.sock" ] && break; sleep 0.1; done

  make_certs || { stop; exit 1; }
  local tls_port; tls_port=$(free_port)
  dockerd --data-root "$dir/data" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" \
    -H "unix://$run/docker.sock" --containerd "$run/containerd.sock" \
    -H "tcp://127.0.0.1:$tls_port" --tlsverify --tlscacert "$dir/tls/ca.pem" \
    --tlscert "$dir/tls/server-cert.pem" --tlskey "$dir/tls/server-key.pem" \
    >"$dir/dockerd.log" 2>&1 &
  local d_pid=$!
  echo "dockerd $d_pid" >>"$dir/started"
  for _ in $(seq 1 300); do
    if ping_unix "$run/docker.sock"; then
      start_relay "$run/docker.sock" || { stop; exit 1; }
      cat >"$dir/endpoints" <<EOF
export DOCKER_HOST=unix://$run/docker.sock
export DOCKER_CPP_TEST_DAEMON_SOCKET=$run/docker.sock
export DOCKER_CPP_TEST_DAEMON_TLS=tcp://127.0.0.1:$tls_port
export DOCKER_CPP_TEST_DAEMON_CERTS=$dir/tls/client
export DOCKER_CPP_TEST_DAEMON_WRONG_CA=$dir/tls/wrong-ca/ca.pem
export DOCKER_CPP_TEST_DAEMON_TCP=tcp://127.0.0.1:$(cat "$dir/relay.port")
EOF
      cat "$dir/endpoints"; return
    fi
    kill -0 "$d_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "daemon.sh: dockerd did not come up; last lines of $dir/dockerd.log:" >&2
  tail -n 20 "$dir/dockerd.log" >&2
  stop
  exit 1
}

# Plain HTTP over TCP to the unix socket (see tcp_relay.py); stopped first.
start_relay() {
  rm -f "$dir/relay.port"
  python3 "$here/tcp_relay.py" "$dir/relay.port" "$1" >"$dir/relay.log" 2>&1 &
  local r_pid=$!
  echo "relay $r_pid" >>"$dir/started"
  for _ in $(seq 1 50); do [ -s "$dir/relay.port" ] && return 0; sleep 0.1; done
  echo "daemon.sh: the tcp relay did not start; see $dir/relay.log" >&2
  return 1
}

stop() {
  rm -f "$dir/endpoints"
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
