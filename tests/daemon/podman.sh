#!/usr/bin/env bash
# Podman as a second server for the integration tests.
#
#   podman.sh start DIR   start `podman system service` on DIR/run/podman.sock;
#                         print `export DOCKER_HOST=… DOCKER_CPP_TEST_SERVER=podman`
#   podman.sh stop DIR    stop what `start` started (by pid), nothing else
#
# Everything Podman keeps is under DIR: a private containers.conf and
# storage.conf (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF), image and container
# storage (graphroot, runroot; the database is in graphroot), volumes,
# network configuration (netavark, its own bridge `podman0`, a subnet that is
# not dockerd's) and the events log (in tmp_dir). Only settings that Podman
# passes on as flags to the `podman container cleanup` that conmon runs when
# a container exits may differ from the defaults: that process does not see
# CONTAINERS_CONF, and with another database or lock type it cannot record
# the exit (the state stays "stopped" and every wait lasts conmon's 20 s).
# The containers' ulimits are set explicitly (`default_ulimits`): Podman's
# default nofile of 1048576 is above this process's hard limit when the
# machine lowers it, and the OCI runtime then fails to start any container.
#
# When Podman is not installed or cannot start, `start` prints the reason on
# stderr and exits 3, so that the caller can skip the lane saying why.
set -euo pipefail

cmd=${1:?usage: podman.sh start|stop DIR}
dir=${2:?usage: podman.sh start|stop DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# Unix socket paths are limited to 107 bytes: keep the socket short.
sock_dir() {
  if [ ${#dir} -le 60 ]; then echo "$dir/run"; else
    local link=/tmp/docker-cpp-podman-$(echo -n "$dir" | sha256sum | cut -c1-12)
    mkdir -p "$dir/run"; ln -sfn "$dir/run" "$link"; echo "$link"
  fi
}

ping_unix() {
  local sock=$1
  [ -S "$sock" ] || return 1
  [ "$(timeout 3 curl -sf --unix-socket "$sock" http://podman/_ping 2>/dev/null)" = OK ]
}

# write_config NOFILE NPROC
write_config() {
  local nofile=$1 nproc=$2
  mkdir -p "$dir/storage" "$dir/tmp" "$dir/volumes" "$dir/networks"
  cat >"$dir/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
log_driver = "k8s-file"

[network]
network_backend = "netavark"
network_config_dir = "$dir/networks"
default_network = "podman"
default_subnet = "10.89.0.0/24"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$dir/tmp"
volume_path = "$dir/volumes"
runtime = "runc"
EOF
  cat >"$dir/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$dir/runroot"
EOF
  # No registry is searched for short names: the tests use local images only.
  cat >"$dir/registries.conf" <<EOF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
EOF
}

# Podman with this folder's configuration (a command, so that `$!` and
# `timeout` see podman itself).
podman_cli=(env "CONTAINERS_CONF=$dir/containers.conf" "CONTAINERS_STORAGE_CONF=$dir/storage.conf"
  "CONTAINERS_REGISTRIES_CONF=$dir/registries.conf" podman)

# hard_limit PID "Max processes" → that process's hard limit (a number)
hard_limit() {
  local v
  v=$(sed -n "s/^$2  *[^ ]*  *\([^ ]*\).*/\1/p" "/proc/$1/limits")
  [ "$v" = unlimited ] && v=1048576
  echo "$v"
}

# launch NOFILE NPROC → 0 when the service answers on the socket; sets $pid
launch() {
  write_config "$1" "$2"
  rm -f "$run/podman.sock"
  "${podman_cli[@]}" system service --time=0 "unix://$run/podman.sock" >>"$dir/podman.log" 2>&1 &
  pid=$!
  echo "podman $pid" >"$dir/started"
  for _ in $(seq 1 150); do
    ping_unix "$run/podman.sock" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  return 1
}

start() {
  command -v podman >/dev/null || { echo "podman.sh: podman is not installed (scripts/deps.sh test)" >&2; exit 3; }
  run=$(sock_dir); mkdir -p "$run"
  if [ -f "$dir/started" ] && [ -f "$dir/endpoints" ] && ping_unix "$run/podman.sock"; then
    cat "$dir/endpoints"; return
  fi
  stop  # leftovers of an earlier run that died
  : >"$dir/podman.log"
  # Podman sets its own limits when it starts (its nproc can end below this
  # shell's), and without CAP_SYS_RESOURCE a container's limits cannot exceed
  # the service's: start once, read the service's hard limits, and start again
  # with those when they are lower than this shell's.
  local nofile nproc n_nofile n_nproc ok=0
  nofile=$(hard_limit $$ "Max open files"); nproc=$(hard_limit $$ "Max processes")
  if launch "$nofile" "$nproc"; then
    ok=1
    n_nofile=$(hard_limit "$pid" "Max open files"); n_nproc=$(hard_limit "$pid" "Max processes")
    if [ "$n_nofile" -lt "$nofile" ] || [ "$n_nproc" -lt "$nproc" ]; then
      stop
      launch "$(( n_nofile < nofile ? n_nofile : nofile ))" "$(( n_nproc < nproc ? n_nproc : nproc ))" || ok=0
    fi
  fi
  if [ $ok -eq 1 ]; then
    cat >"$dir/endpoints" <<EOF
export DOCKER_HOST=unix://$run/podman.sock
export DOCKER_CPP_TEST_DAEMON_SOCKET=$run/podman.sock
export DOCKER_CPP_TEST_SERVER=podman
EOF
    cat "$dir/endpoints"; return
  fi
  echo "podman.sh: podman system service did not come up; last lines of $dir/podman.log:" >&2
  tail -n 20 "$dir/podman.log" >&2
  stop
  exit 3
}

# Containers of this storage first (the service leaves them running, each
# with its conmon, and netavark removes its bridge and firewall rules with the
# last one), then the service (by pid).
stop() {
  rm -f "$dir/endpoints"
  if [ -f "$dir/containers.conf" ] && command -v podman >/dev/null; then
    timeout 60 "${podman_cli[@]}" rm --all --force --time 0 >/dev/null 2>&1 || \
      echo "podman.sh: removing the containers failed" >&2
  fi
  if [ -f "$dir/started" ]; then
    while read -r name pid; do
      kill -0 "$pid" 2>/dev/null || continue
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "podman.sh: $name $pid ignored TERM; killing" >&2
        kill -KILL "$pid" || true
      fi
    done <"$dir/started"
    rm -f "$dir/started"
  fi
  # An exec session's conmon outlives the session by its --exit-delay (300 s)
  # and is reparented to init: ours are those whose arguments name our storage.
  local p
  for p in $(pgrep -x conmon 2>/dev/null || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "-b $dir/storage/" && kill -TERM "$p" 2>/dev/null || true
  done
  # The overlay driver keeps its folder mounted on itself after the service ends.
  if mountpoint -q "$dir/storage/overlay" 2>/dev/null; then
    umount "$dir/storage/overlay" || echo "podman.sh: cannot unmount $dir/storage/overlay" >&2
  fi
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) echo "usage: podman.sh start|stop DIR" >&2; exit 2 ;;
esac
