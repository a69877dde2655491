#!/usr/bin/env bash
# Installs what the benchmarks need (Debian packages only, only when missing).
#   - libbenchmark-dev: Google Benchmark for the in-process decode benchmarks
#   - libsimdjson-dev: simdjson parse as a floor (optional)
#   - golang-go + golang-github-docker-docker-dev: the official Go client (20.10 sources)
#   - python3-docker: docker-py
#   - valgrind: instruction counts (repeatable under load)
#   - docker.io: the CLI (/usr/bin/docker)
#   - python3-matplotlib: report.py's plot of the scaling curves (bench/scale.png)
set -euo pipefail
want=(libbenchmark-dev libsimdjson-dev golang-go golang-github-docker-docker-dev
      python3-docker valgrind docker.io nlohmann-json3-dev python3-matplotlib)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null 2>&1 || true
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
fi
