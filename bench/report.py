"""Turns bench/run.sh's results.tsv into the markdown table (stdout).

Rows of the TSV: workload, peer, metric, value (one per repetition); `meta`
rows carry the run's conditions. For CPU and instruction metrics the minimum
over repetitions is reported (the least disturbed run: other processes only
ever add CPU time through cache and scheduler interference); for throughput the
median; the spread (max/min) is shown so noisy runs are visible.
"""
import collections
import statistics
import sys

rows = collections.defaultdict(list)
meta = {}
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 4:
        continue
    w, p, m, v = parts
    if w == "meta":
        meta[p] = v
        continue
    try:
        rows[(w, p, m)].append(float(v))
    except ValueError:
        pass


def best(w, p, m, higher=False):
    v = rows.get((w, p, m))
    if not v:
        return None
    return max(v) if higher else min(v)


def median(w, p, m):
    v = rows.get((w, p, m))
    return statistics.median(v) if v else None


def paired(w, p, q, m):
    """Median over repetitions of p/q, each rep's p against the same rep's q
    (peers run interleaved, so a pair shares the load of its moment)."""
    a, b = rows.get((w, p, m)), rows.get((w, q, m))
    if not a or not b or len(a) != len(b) or min(b) <= 0:
        return None
    return statistics.median(x / y for x, y in zip(a, b))


def spread(w, p, m):
    v = rows.get((w, p, m))
    if not v or min(v) <= 0:
        return None
    return max(v) / min(v)


def fmt(x, digits=1):
    if x is None:
        return "–"
    if abs(x) >= 1e6:
        return f"{x / 1e6:.2f} M"
    if abs(x) >= 1e4:
        return f"{x / 1e3:.1f} k"
    return f"{x:.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "–"


out = []
emit = out.append
emit("# docker-cpp benchmarks")
emit("")
for k in ("date", "commit", "daemon", "nproc", "load_before", "load_after", "params", "fixture", "log_payload", "baseline", "decode_baseline"):
    if k in meta:
        emit(f"- {k}: {meta[k]}")
emit("")
verdicts = []

# 1. requests
peers = [("raw", "raw socket (floor)"), ("ours", "ours, typed"), ("ours-call", "ours, Client::call"),
         ("ours-base", "ours, typed, baseline build"), ("go", "Go client 20.10"), ("py", "docker-py")]
if not any(k[1] == "ours-base" and k[0] in ("ping", "version", "containers") for k in rows):
    peers = [p for p in peers if p[0] != "ours-base"]  # only when a baseline build was given
if any(k[0] in ("ping", "version", "containers") for k in rows):
    emit("## 1. Client CPU per request (sequential keep-alive, unix socket)")
    emit("")
    emit("CPU = getrusage user+sys of the client process over the loop (µs per request, min over reps; "
         "spread = max/min). Ratios are to the raw-socket floor of the same run; "
         "'paired' = median over reps of ours/raw within one rep.")
    emit("")
    emit("| workload | " + " | ".join(n for _, n in peers) + " | ours/raw | ours/raw paired | Go/raw | py/raw | target ours ≤ 1.5× raw |")
    emit("|---" * (len(peers) + 6) + "|")
    for w, label in (("ping", "GET /_ping"), ("version", "GET /version"), ("containers", "GET /containers/json")):
        vals = {p: best(w, p, "cpu_us_per_req") for p, _ in peers}
        cells = []
        for p, _ in peers:
            s = spread(w, p, "cpu_us_per_req")
            cells.append(fmt(vals[p]) + (f" (±{s:.1f}×)" if s and s > 1.3 else ""))
        raw = vals["raw"]
        met = "–"
        if vals["ours"] is not None and raw:
            r = vals["ours"] / raw
            met = "met" if r <= 1.5 else "NOT met"
            pr = paired(w, "ours", "raw", "cpu_us_per_req")
            verdicts.append(f"Target 1 ({label}): ours/raw CPU = {r:.2f}× (min over reps; paired median "
                            f"{f'{pr:.2f}×' if pr else '–'}) → {met}")
        pr = paired(w, "ours", "raw", "cpu_us_per_req")
        if vals.get("ours-base") and vals["ours"] is not None:
            pb = paired(w, "ours", "ours-base", "cpu_us_per_req")
            verdicts.append(f"Requests ({label}): ours / baseline build CPU = {ratio(vals['ours'], vals['ours-base'])} "
                            f"(min over reps; paired {f'{pb:.2f}×' if pb else '–'}); baseline/raw "
                            f"{ratio(vals['ours-base'], raw)}")
        emit(f"| {label} | " + " | ".join(cells) + f" | {ratio(vals['ours'], raw)} | {f'{pr:.2f}×' if pr else '–'} | "
             f"{ratio(vals['go'], raw)} | "
             f"{ratio(vals['py'], raw)} | {met} |")
    if any(k[2] == "ir_per_req" for k in rows):
        emit("")
        emit("User-space instructions per request (callgrind, repeatable under load):")
        emit("")
        emit("| workload | raw | ours, typed | ours, Client::call | ours, typed, baseline build | ours/raw | ours-call/raw |")
        emit("|---|---|---|---|---|---|---|")
        for w in ("ping", "version", "containers"):
            r, o, c, b = (best(w, p, "ir_per_req") for p in ("raw", "ours", "ours-call", "ours-base"))
            emit(f"| {w} | {fmt(r, 0)} | {fmt(o, 0)} | {fmt(c, 0)} | {fmt(b, 0)} | {ratio(o, r)} | {ratio(c, r)} |")
            if o is not None and r:
                verdicts.append(f"Target 1 ({w}), for information: user-space instructions ours/raw = {o / r:.2f}× (kernel work not counted)")
    emit("")
    emit("Wall µs per request (min; daemon-bound, noisy under load): " + "; ".join(
        f"{w}: " + ", ".join(f"{p} {fmt(best(w, p, 'wall_us_per_req'))}" for p, _ in peers if best(w, p, 'wall_us_per_req'))
        for w in ("ping", "version", "containers")))
    emit("")

# 2. decode
if any(k[0] == "decode" for k in rows):
    emit("## 2. Decoding a 200-container GET /containers/json")
    emit("")
    emit("CPU ms per decode (C++: Google Benchmark CPU time, min of the repetitions' means; Go and Python: "
         "getrusage / process_time over N decodes in process, min over reps).")
    emit("")
    dpeers = [("simdjson", "simdjson DOM parse (floor)"), ("nlohmann-sax", "nlohmann SAX no-op"),
              ("nlohmann-dom", "nlohmann DOM parse"), ("ours", "ours → vector<ContainerSummary>"),
              ("ours-base", "ours, baseline build (BENCH_DECODE_BASELINE)"),
              ("go", "Go encoding/json → []types.Container"), ("py", "Python json.loads (dicts)")]
    sax = best("decode", "nlohmann-sax", "cpu_ms")
    emit("| decoder | CPU ms / decode | vs nlohmann SAX | instructions / decode |")
    emit("|---|---|---|---|")
    for p, label in dpeers:
        v = best("decode", p, "cpu_ms")
        if p == "ours-base" and v is None:
            continue
        emit(f"| {label} | {fmt(v, 3)} | {ratio(v, sax)} | {fmt(best('decode', p, 'ir_per_decode'), 0)} |")
    o = best("decode", "ours", "cpu_ms")
    if o is not None:
        verdicts.append(f"Target 2: our typed decode = {o:.3f} ms CPU (≤ 1.5 ms) → {'met' if o <= 1.5 else 'NOT met'}")
        b = best("decode", "ours-base", "cpu_ms")
        if b is not None:
            pb = paired("decode", "ours", "ours-base", "cpu_ms")
            verdicts.append(f"Decode: ours / baseline build = {o / b:.2f}× CPU (paired {f'{pb:.2f}×' if pb else '–'}; "
                            f"baseline {b:.3f} ms)")
    emit("")

# 3. logs
lpeers = [("raw", "raw socket, bytes only (floor)"), ("ours", "ours: OutputStream::read_some"),
          ("ours-base", "ours, baseline build (BENCH_OURS_BASELINE)"),
          ("go", "Go: ContainerLogs + stdcopy"), ("py", "docker-py: logs(stream=True)")]
for w, title, why in (
        ("logs", "from dockerd", "end to end; dockerd reading its json-file log is usually the bottleneck, so "
                                 "throughput mostly shows the daemon and the load"),
        ("logs-replay", "replayed by bench-logserver", "the same bytes served from memory over a unix socket: "
                                                       "the reader is the bottleneck")):
    if not any(k[0] == w for k in rows):
        continue
    emit(f"## 3. Log demultiplexing, {title}: GET /containers/{{id}}/logs?stdout=1&stderr=1&follow=0")
    emit("")
    emit(f"{why}. MiB/s = bytes / wall time (median of reps; wall time is noisy under load, so also compare CPU); CPU and max RSS of the whole client process (wait4); "
         "CPU s/GiB min of reps.")
    emit("")
    raw = median(w, "raw", "mb_per_s")
    raw_cpu = best(w, "raw", "cpu_s_per_gib")
    emit("| reader | MiB/s | vs raw | vs raw, paired | CPU s / GiB | CPU vs raw | max RSS MiB |")
    emit("|---|---|---|---|---|---|---|")
    for p, label in lpeers:
        if p == "ours-base" and not rows.get((w, p, "mb_per_s")):
            continue  # only when a baseline build was given
        v = median(w, p, "mb_per_s")
        c = best(w, p, "cpu_s_per_gib")
        pr = paired(w, p, "raw", "mb_per_s")
        emit(f"| {label} | {fmt(v)} | {ratio(v, raw)} | {f'{pr:.2f}×' if pr else '–'} | {fmt(c, 3)} | {ratio(c, raw_cpu)} | "
             f"{fmt(best(w, p, 'maxrss_mib'))} |")
    o = median(w, "ours", "mb_per_s")
    if o is not None and raw:
        rss = best(w, "ours", "maxrss_mib")
        pr = paired(w, "ours", "raw", "mb_per_s") or o / raw
        verdicts.append(f"Target 3 ({title}): ours = {pr:.1%} of raw throughput (median of per-rep pairs; ≥ 95%) → "
                        f"{'met' if pr >= 0.95 else 'NOT met'}; CPU/GiB {ratio(best(w, 'ours', 'cpu_s_per_gib'), raw_cpu)} raw; "
                        f"max RSS {rss:.1f} MiB (bounded: {'yes' if rss < 64 else 'NO'})")
        base = paired(w, "ours", "ours-base", "mb_per_s")
        if base:
            verdicts.append(f"Logs ({title}): ours / baseline build = {base:.2f}× throughput (paired), CPU/GiB "
                            f"{ratio(best(w, 'ours', 'cpu_s_per_gib'), best(w, 'ours-base', 'cpu_s_per_gib'))}")
    emit("")

# 4. CLI
if any(k[0].startswith("cli-") for k in rows):
    emit("## 4. docker CLI (/usr/bin/docker), whole process per invocation")
    emit("")
    emit("| command | CPU ms (median) | wall ms (median) | max RSS MiB |")
    emit("|---|---|---|---|")
    for c in ("version", "ps"):
        w = f"cli-{c}"
        cpu, wall, rss = (rows.get((w, "cli", m)) for m in ("cpu_ms_per_invocation", "wall_ms_per_invocation", "maxrss_mib"))
        if cpu:
            emit(f"| docker {c} | {statistics.median(cpu):.1f} | {statistics.median(wall):.1f} | {max(rss):.1f} |")
    emit("")

emit("## Targets")
emit("")
for v in verdicts or ["(our client was not measured)"]:
    emit(f"- {v}")
print("\n".join(out))
