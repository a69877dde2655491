"""docker-py peer (Debian python3-docker, run with /usr/bin/python3).

  dockerpy_bench.py requests ping|version|containers N
  dockerpy_bench.py decode FILE N        json.loads N times (the stdlib decoder docker-py uses)
  dockerpy_bench.py logs ID              APIClient.logs(stream=True): frame-demultiplexed chunks

Prints one line of key=value pairs; CPU is time.process_time() (user+sys of
this process) around the measured loop only.
"""
import json
import os
import resource
import sys
import time


def maxrss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def client():
    import docker
    return docker.APIClient(base_url=os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock"), version="1.41")


def main():
    mode = sys.argv[1]
    if mode == "requests":
        what, n = sys.argv[2], int(sys.argv[3])
        api = client()
        call = {"ping": api.ping, "version": api.version, "containers": api.containers}[what]
        call()  # warm-up: opens the connection
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            call()
        print(f"cpu_s={time.process_time() - c0:.6f} wall_s={time.perf_counter() - t0:.6f} n={n} maxrss_kb={maxrss_kb()}")
    elif mode == "decode":
        with open(sys.argv[2], "rb") as f:
            data = f.read()
        n = int(sys.argv[3])
        out = json.loads(data)
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            out = json.loads(data)
        print(f"cpu_s={time.process_time() - c0:.6f} wall_s={time.perf_counter() - t0:.6f} n={n} items={len(out)}")
    elif mode == "logs":
        api = client()
        t0 = time.perf_counter()
        total = 0
        for chunk in api.logs(sys.argv[2], stdout=True, stderr=True, stream=True, follow=False):
            total += len(chunk)
        print(f"bytes={total} wall_s={time.perf_counter() - t0:.6f} maxrss_kb={maxrss_kb()}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
