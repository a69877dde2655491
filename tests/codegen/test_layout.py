"""How the generated code is cut into files, which decides what an edit recompiles."""

import re
import unittest

from codegen import ir
from codegen.build import build_api
from codegen.generate import MODEL_WEIGHT, SHARD_WEIGHT, model_shards, render_all
from codegen.spec_source import load_spec
from tests.codegen import support


def struct(name, fields):
    return ir.Model(name, "struct", fields=[ir.Field(f"f{i}", f"f{i}", ir.STRING) for i in range(fields)])


def weight(shard):
    return sum(len(m.fields) + MODEL_WEIGHT for m in shard)


def included_models(text):
    return set(re.findall(r'#include "docker/v1_99/models/(\w+)\.hpp"', text))


class ModelShardsTest(unittest.TestCase):
    def test_consecutive_by_name_within_the_weight(self):
        models = [struct(f"M{i:03d}", (i * 7) % 40) for i in range(60)]
        models.append(ir.Model("AnEnum", "enum"))
        shards = model_shards(reversed(models))
        names = [m.name for shard in shards for m in shard]
        self.assertEqual(names, sorted(m.name for m in models if m.kind == "struct"))
        self.assertGreater(len(shards), 1)
        for shard in shards:
            self.assertLessEqual(weight(shard), SHARD_WEIGHT)
        for a, b in zip(shards, shards[1:]):   # greedy: the next model did not fit
            self.assertGreater(weight(a) + len(b[0].fields) + MODEL_WEIGHT, SHARD_WEIGHT)

    def test_a_model_heavier_than_a_shard_is_one_on_its_own(self):
        shards = model_shards([struct("A", 3), struct("B", SHARD_WEIGHT + 10), struct("C", 3)])
        self.assertEqual([[m.name for m in s] for s in shards], [["A"], ["B"], ["C"]])


class DeclarationHeadersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = build_api(load_spec(support.KITCHEN_SINK, spec_dir=support.KITCHEN_SPEC_DIR, warn=support.quiet))
        cls.files = render_all(cls.api)

    def test_declarations_include_only_what_parameters_hold(self):
        for tag in self.api.tags:
            decl = self.files[f"include/docker/v1_99/{tag.file_stem}_decl.hpp"]
            self.assertEqual(included_models(decl), set(tag.param_deps), tag.name)
            self.assertIn('#include "docker/v1_99/api.hpp"', decl)   # declares the rest

    def test_the_tag_header_and_each_result_header_complete_them(self):
        returned = set()
        for tag in self.api.tags:
            full = self.files[f"include/docker/v1_99/{tag.file_stem}.hpp"]
            self.assertIn(f'#include "docker/v1_99/{tag.file_stem}_decl.hpp"', full)
            self.assertEqual(included_models(full) | set(tag.param_deps), set(tag.deps), tag.name)
            for op in tag.operations:
                result = self.files[f"include/docker/v1_99/results/{op.method_name}.hpp"]
                self.assertIn(f'#include "docker/v1_99/{tag.file_stem}_decl.hpp"', result)
                self.assertEqual(included_models(result), set(op.result_deps), op.method_name)
                returned |= set(op.result_deps) - set(tag.param_deps)
        self.assertTrue(returned, "the kitchen sink has results the declarations leave out")


if __name__ == "__main__":
    unittest.main()
