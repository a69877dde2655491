"""Golden output of the kitchen-sink spec, byte for byte.

Update after an intended change:  python3 -m tests.codegen.test_golden --update
"""

import os
import sys
import tempfile
import unittest

from tests.codegen import support
from codegen.generate import generate


def generate_kitchen_sink(out_dir):
    _, files = generate(support.KITCHEN_SINK, out_dir, support.KITCHEN_SPEC_DIR)
    return files


def read_tree(root):
    tree = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                tree[os.path.relpath(path, root)] = f.read()
    return tree


class GoldenTest(unittest.TestCase):
    def test_kitchen_sink_matches_golden(self):
        with tempfile.TemporaryDirectory() as out:
            generate_kitchen_sink(out)
            actual, expected = read_tree(out), read_tree(support.GOLDEN_DIR)
        self.assertEqual(sorted(actual), sorted(expected),
                         "file set differs; run python3 -m tests.codegen.test_golden --update")
        for name in sorted(actual):
            self.assertEqual(actual[name].decode(), expected[name].decode(), name)


def update():
    import re
    import shutil
    from codegen.spec_source import sha256_of
    versions = os.path.join(support.KITCHEN_SPEC_DIR, "versions.yaml")
    with open(versions) as f:
        text = re.sub(r"sha256: [0-9a-f]+", "sha256: " + sha256_of(support.KITCHEN_SINK), f.read())
    with open(versions, "w") as f:
        f.write(text)
    shutil.rmtree(support.GOLDEN_DIR, ignore_errors=True)
    files = generate_kitchen_sink(support.GOLDEN_DIR)
    print(f"wrote {len(files)} files under {support.GOLDEN_DIR}")


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    else:
        unittest.main()
