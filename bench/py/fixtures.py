"""Daemon-side set-up for the benchmarks (Debian python3-docker, /usr/bin/python3).

  fixtures.py containers N OUT      create N labelled busybox containers (not
                                    started), write GET /containers/json?all=1
                                    filtered to them to OUT, remove them
  fixtures.py logs-container MB     run a busybox container that prints MB MiB
                                    (64 KiB blocks of 'x', no newlines: the daemon
                                    stores them as 16 KiB partial messages), wait
                                    for it to exit, print its id
  fixtures.py inspect-container     run a busybox container configured like a
                                    service (env, labels, a published loopback
                                    port, a tmpfs, a health check, bridge
                                    network), print its id: the container the
                                    inspect workloads read
  fixtures.py payloads ID DIR       record GET /containers/ID/json, /info,
                                    /system/df and /images/json as the daemon
                                    sends them: DIR/{inspect,info,df,images}.json
  fixtures.py cleanup               remove every container this script made

Everything it creates carries org.docker-cpp.test=1 (the test harness cleans
those up too) and org.docker-cpp.bench=decode|logs|inspect.
"""
import concurrent.futures
import json
import os
import sys

import docker

IMAGE = "busybox:latest"
LABELS = {"org.docker-cpp.test": "1"}


def api():
    return docker.APIClient(base_url=os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock"),
                            version="1.41", timeout=600)


def bench_filter():
    return {"label": ["org.docker-cpp.bench"]}


def containers(n, out):
    cli = api()
    run = os.getpid()

    def create(i):
        labels = {"org.docker-cpp.test": "1", "org.docker-cpp.bench": "decode", "com.example.index": str(i)}
        c = api().create_container(IMAGE, command=["sleep", "3600"], name=f"dcb-{run}-{i}", labels=labels,
                                   host_config=cli.create_host_config(network_mode="bridge"))
        return c["Id"]

    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        ids = list(ex.map(create, range(n)))
    res = cli.get(cli._url("/containers/json"),
                  params={"all": 1, "filters": json.dumps({"label": ["org.docker-cpp.bench=decode"]})})
    res.raise_for_status()
    body = res.content
    got = len(json.loads(body))
    with open(out, "wb") as f:
        f.write(body)
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        list(ex.map(lambda i: api().remove_container(i, force=True), ids))
    print(f"containers={got} bytes={len(body)}")
    if got != n:
        sys.exit(f"fixtures.py: expected {n} containers in the payload, got {got} (another client removed some?)")


def logs_container(mb):
    cli = api()
    count = int(mb) * 16  # 64 KiB blocks
    labels = dict(LABELS)
    labels["org.docker-cpp.bench"] = "logs"
    c = cli.create_container(IMAGE, command=["sh", "-c", f"dd if=/dev/zero bs=65536 count={count} 2>/dev/null | tr '\\0' x"],
                             labels=labels, host_config=cli.create_host_config(network_mode="none"))
    cli.start(c["Id"])
    status = cli.wait(c["Id"], timeout=600)
    if status.get("StatusCode") != 0:
        sys.exit(f"fixtures.py: logs container exited with {status}")
    print(c["Id"])


def inspect_container():
    cli = api()
    labels = dict(LABELS)
    labels.update({"org.docker-cpp.bench": "inspect", "com.example.service": "web", "com.example.tier": "frontend"})
    host_config = cli.create_host_config(network_mode="bridge", port_bindings={8080: ("127.0.0.1", None)},
                                         tmpfs={"/run/cache": "size=1m"}, restart_policy={"Name": "no"},
                                         mem_limit="64m", cap_drop=["NET_RAW"])
    healthcheck = {"Test": ["CMD", "true"], "Interval": 30_000_000_000, "Timeout": 5_000_000_000, "Retries": 3}
    c = cli.create_container(IMAGE, command=["sleep", "3600"], labels=labels, ports=[8080],
                             environment={"APP_MODE": "bench", "APP_PORT": "8080"}, working_dir="/tmp",
                             host_config=host_config, healthcheck=healthcheck, name=f"dcb-inspect-{os.getpid()}")
    cli.start(c["Id"])
    print(c["Id"])


def payloads(cid, out_dir):
    cli = api()
    for name, path in (("inspect", f"/containers/{cid}/json"), ("info", "/info"), ("df", "/system/df"),
                       ("images", "/images/json")):
        res = cli.get(cli._url(path))
        res.raise_for_status()
        json.loads(res.content)  # the daemon's bytes, kept as sent, but they must be JSON
        with open(os.path.join(out_dir, f"{name}.json"), "wb") as f:
            f.write(res.content)
        print(f"{name}_bytes={len(res.content)}", end=" ")
    print()


def cleanup():
    cli = api()
    for c in cli.containers(all=True, filters=bench_filter()):
        cli.remove_container(c["Id"], force=True)


def main():
    cmd = sys.argv[1]
    if cmd == "containers":
        containers(int(sys.argv[2]), sys.argv[3])
    elif cmd == "logs-container":
        logs_container(sys.argv[2])
    elif cmd == "inspect-container":
        inspect_container()
    elif cmd == "payloads":
        payloads(sys.argv[2], sys.argv[3])
    elif cmd == "cleanup":
        cleanup()
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
