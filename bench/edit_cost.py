#!/usr/bin/env python3
"""What editing each generated model costs, estimated for every model at once.

After `bench/build_time.sh BUILD` (a cold build of hello, ccache off), reads
ninja's dependency log (which objects include each `models/<Type>.hpp`) and
.ninja_log (how long each object took in the cold build) and prints, per
model, an estimate of the compile part of rebuilding hello after touching it:
max(longest object, sum / JOBS), the link not included. An estimate from one
build's timings, for the distribution over all models; build_time.sh measures
a model for real.

    bench/edit_cost.py BUILD [--jobs 2] [--model NAME ...]
"""

import argparse
import collections
import re
import statistics
import subprocess


def cold_durations(build):
    """{output: seconds} from the first (cold) entry of each output in .ninja_log."""
    out = {}
    with open(f"{build}/.ninja_log") as log:
        for line in log:
            if line.startswith("#"):
                continue
            start, end, _, target, _ = line.rstrip("\n").split("\t")
            out.setdefault(target, (int(end) - int(start)) / 1000)
    return out


def model_users(build):
    """{model: {object}}: the objects whose compilation read the model's header."""
    deps = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout
    users, target = collections.defaultdict(set), None
    for line in deps.splitlines():
        if line and not line.startswith(" "):
            target = line.split(":")[0]
        elif target and target.endswith(".o"):
            m = re.search(r"/models/(\w+)\.hpp$", line.strip())
            if m:
                users[m.group(1)].add(target)
    return users


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", action="append", default=[])
    args = parser.parse_args()
    durations, users = cold_durations(args.build), model_users(args.build)
    estimate = {}
    for model, objects in users.items():
        seconds = [durations.get(o, 0.0) for o in objects]
        estimate[model] = max(max(seconds), sum(seconds) / args.jobs)
    values = sorted(estimate.values())
    print(f"{len(values)} models: compile estimate median {statistics.median(values):.1f} s, "
          f"p90 {values[int(len(values) * 0.9)]:.1f} s, max {values[-1]:.1f} s")
    for limit in (5, 8.5, 10):
        print(f"  <= {limit} s: {sum(v <= limit for v in values)}")
    for model in args.model:
        objects = sorted(o.rsplit("/", 1)[-1] for o in users.get(model, ()))
        print(f"  {model}: {estimate.get(model, 0.0):.1f} s over {len(objects)} objects: {', '.join(objects)}")


if __name__ == "__main__":
    main()
