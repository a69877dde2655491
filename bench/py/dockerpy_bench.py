"""docker-py peer (Debian python3-docker, run with /usr/bin/python3).

  dockerpy_bench.py requests ping|version|containers|inspect N   (inspect: of $BENCH_CONTAINER_ID)
  dockerpy_bench.py decode FILE N        json.loads N times (the stdlib decoder docker-py uses)
  dockerpy_bench.py logs ID              APIClient.logs(stream=True): frame-demultiplexed chunks
  dockerpy_bench.py lifecycle N          N × create/start/wait/remove of busybox `true`
  dockerpy_bench.py startup              hello-like: import docker, APIClient(version="auto") (negotiates),
                                         containers(); ms since exec (BENCH_T0_NS) at main and after the call

Prints one line of key=value pairs; CPU is time.process_time() (user+sys of
this process) around the measured loop only.
"""
import time

T_START_NS = time.time_ns()  # before the other imports: the interpreter's own start-up is already behind

import json
import os
import resource
import sys


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
        cid = os.environ.get("BENCH_CONTAINER_ID", "")
        call = {"ping": api.ping, "version": api.version, "containers": api.containers,
                "inspect": lambda: api.inspect_container(cid)}[what]
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
    elif mode == "lifecycle":
        n = int(sys.argv[2])
        api = client()
        labels = {"org.docker-cpp.test": "1", "org.docker-cpp.bench": "lifecycle"}
        host = api.create_host_config(network_mode="none")

        def cycle():
            c = api.create_container("busybox:latest", command=["true"], labels=labels, host_config=host)
            api.start(c["Id"])
            status = api.wait(c["Id"], condition="not-running")
            if status.get("StatusCode") != 0:
                sys.exit(f"exit status {status}")
            api.remove_container(c["Id"])

        cycle()  # warm-up: connects
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            cycle()
        print(f"cpu_s={time.process_time() - c0:.6f} wall_s={time.perf_counter() - t0:.6f} n={n} maxrss_kb={maxrss_kb()}")
    elif mode == "startup":
        t0 = int(os.environ.get("BENCH_T0_NS", "0"))
        at_main = (T_START_NS - t0) / 1e6
        import docker
        before_client = (time.time_ns() - t0) / 1e6  # APIClient(version="auto") asks /version right away
        api = docker.APIClient(base_url=os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock"), version="auto")
        running = api.containers()
        print(f"main_ms={at_main:.3f} first_request_ms={before_client:.3f} first_response_ms={(time.time_ns() - t0) / 1e6:.3f} "
              f"containers={len(running)}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
