"""Synthesised payloads for the scaling workloads (no daemon needed).

  synth.py containers SRC N OUT   a GET /containers/json?all=1 body of N
                                  containers, built by cycling through the
                                  recorded ones in SRC; each gets its own Id,
                                  Names and com.example.index label, so no
                                  two entries share those strings
  synth.py images SRC N OUT       a GET /images/json body of N images, cycling
                                  through the recorded ones in SRC; each gets its
                                  own Id, RepoTags, RepoDigests and
                                  com.example.index label
  synth.py events N OUT           N GET /events lines (one JSON object per
                                  line) in dockerd 20.10's shape: container
                                  create, network connect, start, die, network
                                  disconnect, destroy, cycling over N/6
                                  containers with distinct ids and names

Output is compact JSON like dockerd's encoder (no spaces, insertion order).
Prints `items=N bytes=B`.
"""
import hashlib
import json
import sys


def dumps(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def hex_id(kind, i):
    return hashlib.sha256(f"docker-cpp-bench-{kind}-{i}".encode()).hexdigest()


def containers(src, n, out):
    recorded = json.load(open(src, "rb"))
    items = []
    for i in range(n):
        c = json.loads(dumps(recorded[i % len(recorded)]))  # a deep copy
        c["Id"] = hex_id("container", i)
        c["Names"] = [f"/dcb-synth-{i}"]
        labels = c.get("Labels") or {}
        if "com.example.index" in labels:
            labels["com.example.index"] = str(i)
        items.append(c)
    text = dumps(items) + "\n"  # dockerd's encoder ends the body with a newline
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"items={n} bytes={len(text.encode())}")


def images(src, n, out):
    recorded = json.load(open(src, "rb"))
    if not recorded:
        sys.exit(f"synth.py: {src} lists no image")
    items = []
    for i in range(n):
        img = json.loads(dumps(recorded[i % len(recorded)]))
        img["Id"] = "sha256:" + hex_id("image", i)
        img["RepoTags"] = [f"registry.example/dcb/app-{i}:1.{i % 10}"]
        img["RepoDigests"] = [f"registry.example/dcb/app-{i}@sha256:" + hex_id("digest", i)]
        img["Labels"] = dict(img.get("Labels") or {}, **{"com.example.index": str(i)})
        items.append(img)
    text = dumps(items) + "\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"items={n} bytes={len(text.encode())}")


NETWORK_ID = hex_id("network", 0)


def events(n, out):
    t0 = 1795800000
    with open(out, "w", encoding="utf-8") as f:
        size = 0
        for k in range(n):
            i, step = divmod(k, 6)
            cid = hex_id("container", i)
            name = f"dcb-synth-{i}"
            attrs = {"image": "busybox:latest", "name": name, "org.docker-cpp.bench": "events",
                     "org.docker-cpp.test": "1"}
            nano = (t0 + k // 1000) * 1_000_000_000 + (k % 1000) * 1_000_000 + 123456
            action = ("create", "connect", "start", "die", "disconnect", "destroy")[step]
            if action in ("connect", "disconnect"):
                ev = {"Type": "network", "Action": action,
                      "Actor": {"ID": NETWORK_ID, "Attributes": {"container": cid, "name": "bridge", "type": "bridge"}},
                      "scope": "local", "time": nano // 1_000_000_000, "timeNano": nano}
            else:
                if action == "die":
                    attrs = dict(attrs, exitCode="0")
                ev = {"status": action, "id": cid, "from": "busybox:latest", "Type": "container", "Action": action,
                      "Actor": {"ID": cid, "Attributes": attrs},
                      "scope": "local", "time": nano // 1_000_000_000, "timeNano": nano}
            line = dumps(ev) + "\n"
            size += len(line)
            f.write(line)
    print(f"items={n} bytes={size}")


def main():
    cmd = sys.argv[1]
    if cmd == "containers":
        containers(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == "images":
        images(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == "events":
        events(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
