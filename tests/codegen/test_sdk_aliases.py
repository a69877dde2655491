"""The layer's names under each version's namespace (sdk/version_aliases.hpp.in):
every option and result type of docker::sdk is there, and none of them is also
the name of a model of some API version (a using-declaration would meet it)."""

import glob
import os
import re
import unittest

from tests.codegen import support
from codegen import spec_source
from codegen.build import build_api

SDK_HEADERS = os.path.join(support.REPO_ROOT, "sdk", "include", "docker", "sdk")
ALIASES = os.path.join(support.REPO_ROOT, "sdk", "version_aliases.hpp.in")
_NAMESPACE = re.compile(r"namespace ([\w:]+) \{")
_TYPE = re.compile(r"(?:struct|class|enum class|enum) (?:\[\[\w+\]\] )?(\w+)\b")
_USING = re.compile(r"using (\w+) = ")


def layer_names():
    """Non-template types and aliases declared directly in docker::sdk."""
    names = set()
    for path in sorted(glob.glob(os.path.join(SDK_HEADERS, "*.hpp"))):
        namespaces, previous = [], ""
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        for line in lines:
            if m := _NAMESPACE.match(line):
                namespaces.append(m.group(1))
            elif re.match(r"\}\s*// namespace", line):
                namespaces and namespaces.pop()
            elif namespaces == ["docker::sdk"]:
                declared = _TYPE.match(line)
                if declared and not line.rstrip().endswith(";") and not previous.startswith("template"):
                    names.add(declared.group(1))
                if m := _USING.match(line):
                    names.add(m.group(1))
            previous = line
    return names


def aliased_names():
    with open(ALIASES, encoding="utf-8") as f:
        return set(re.findall(r"^using docker::sdk::(\w+);", f.read(), re.M))


class SdkAliasesTest(unittest.TestCase):
    def test_every_layer_type_is_under_the_version_namespace(self):
        names = layer_names()
        self.assertGreater(len(names), 50)
        self.assertEqual(sorted(names - aliased_names()), [], "add them to sdk/version_aliases.hpp.in")
        self.assertEqual(sorted(aliased_names() - names), [], "aliases of names the layer no longer has")

    def test_no_alias_is_a_model_of_any_version(self):
        self.assertTrue(support.SHARED_SPECS, "no specs under ../shared/specs")
        aliases = aliased_names()
        for path in support.SHARED_SPECS:
            with self.subTest(spec=os.path.basename(path)):
                models = {model.name for model in build_api(spec_source.load_spec(path, warn=support.quiet)).models}
                self.assertEqual(sorted(aliases & models), [], "rename the layer's type (a model has the name)")


if __name__ == "__main__":
    unittest.main()
