"""Shared paths and helpers of the generator tests (run from the repo root)."""

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

KITCHEN_SINK = os.path.join(HERE, "kitchen_sink.yaml")
KITCHEN_SPEC_DIR = os.path.join(HERE, "spec")
GOLDEN_DIR = os.path.join(HERE, "golden")
SHARED_SPECS = sorted(glob.glob(os.path.join(REPO_ROOT, "..", "shared", "specs", "v1.*.yaml")))


def quiet(_message):
    pass
