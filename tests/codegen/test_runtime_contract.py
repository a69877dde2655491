"""Generated headers check the runtime contract they were generated for.

The generator's RUNTIME_CONTRACT and docker/internal/generated_code.hpp must
agree, and a generated header compiled against a runtime with another
contract must stop with the generator's message (not template errors).
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from codegen.generate import RUNTIME_CONTRACT
from tests.codegen import support

RUNTIME_INCLUDE = os.path.join(support.REPO_ROOT, "runtime", "include")
CONTRACT_HEADER = os.path.join(RUNTIME_INCLUDE, "docker", "internal", "generated_code.hpp")
GOLDEN_INCLUDE = os.path.join(support.GOLDEN_DIR, "include")


class RuntimeContractTest(unittest.TestCase):
    def test_generator_and_runtime_agree(self):
        with open(CONTRACT_HEADER) as f:
            found = re.search(r"#define DOCKER_CPP_GENERATED_CODE_CONTRACT (\d+)", f.read())
        self.assertIsNotNone(found, CONTRACT_HEADER)
        self.assertEqual(int(found.group(1)), RUNTIME_CONTRACT)

    @unittest.skipUnless(shutil.which("g++"), "g++ not installed")
    def test_a_header_for_another_runtime_stops_with_the_generators_message(self):
        header = os.path.join(GOLDEN_INCLUDE, "docker", "v1_99", "version.hpp")
        with tempfile.TemporaryDirectory() as other:
            os.makedirs(os.path.join(other, "docker", "internal"))
            with open(os.path.join(other, "docker", "internal", "generated_code.hpp"), "w") as f:
                f.write(f"#pragma once\n#define DOCKER_CPP_GENERATED_CODE_CONTRACT {RUNTIME_CONTRACT + 1}\n")
            base = ["g++", "-std=c++20", "-fsyntax-only", "-x", "c++", header]
            ok = subprocess.run(base + ["-I", RUNTIME_INCLUDE], capture_output=True, text=True)
            self.assertEqual(ok.returncode, 0, ok.stderr)
            bad = subprocess.run(base + ["-I", other, "-I", RUNTIME_INCLUDE], capture_output=True, text=True)
            self.assertNotEqual(bad.returncode, 0)
            self.assertIn(f"generated for runtime contract {RUNTIME_CONTRACT}", bad.stderr)


if __name__ == "__main__":
    unittest.main()
