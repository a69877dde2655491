"""Legacy shapes (codegen/legacy.py): the rules on the kitchen sink's hand-written
table, and the committed spec/legacy-fields.yaml against ../shared/specs."""

import os
import unittest

from tests.codegen import support
from codegen import legacy
from codegen.build import build_api
from codegen.spec_source import SPEC_DIR, load_spec


class HoldsTest(unittest.TestCase):
    def test_a_member_holds_the_same_kind_numbers_and_anything_in_json(self):
        self.assertTrue(legacy.holds("array<object>", "array<object>"))
        self.assertTrue(legacy.holds("number", "integer"))
        self.assertTrue(legacy.holds("map<array<number>>", "map<array<integer>>"))
        self.assertTrue(legacy.holds("any", "array<string>"))
        self.assertFalse(legacy.holds("integer", "number"))
        self.assertFalse(legacy.holds("array<string>", "array<object>"))
        self.assertFalse(legacy.holds("map<string>", "array<map<string>>"))


def kitchen_sink(with_table=True):
    table = legacy.load_table(os.path.join(support.KITCHEN_SPEC_DIR, legacy.TABLE_NAME)) if with_table else None
    return build_api(load_spec(support.KITCHEN_SINK, spec_dir=support.KITCHEN_SPEC_DIR, warn=support.quiet), table)


class KitchenSinkLegacyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = kitchen_sink()
        cls.models = {m.name: m for m in cls.api.models}

    def legacy_fields(self, model):
        return {f.cpp_name: f for f in self.models[model].fields if f.legacy}

    def test_dropped_and_retyped_fields_become_members(self):
        fields = self.legacy_fields("Collections")
        self.assertEqual(sorted(fields), ["Gone", "Labels_legacy", "Retired"])
        self.assertEqual(fields["Retired"].cpp_type.plain(), "std::int64_t")
        self.assertEqual((fields["Retired"].until, fields["Retired"].changed_in), ("1.95", "1.97"))
        # The newest older shape the current member cannot hold.
        self.assertEqual(fields["Labels_legacy"].json_name, "Labels")
        self.assertEqual(fields["Labels_legacy"].cpp_type.plain(), "std::vector<std::string>")

    def test_definitions_come_from_this_version_then_the_table_then_json(self):
        gone = self.legacy_fields("Collections")["Gone"]
        self.assertEqual(gone.cpp_type.plain(), "OldThing")
        old = {f.json_name: f.cpp_type.plain() for f in self.models["OldThing"].fields}
        self.assertEqual(old, {"Name": "std::string", "Payload": "docker::JsonValue", "Peer": "Platform2",
                               "Inner": "bool"})
        self.assertIn("OldThing", self.models["Collections"].deps)

    def test_nested_paths_reach_existing_and_legacy_models(self):
        self.assertEqual(list(self.legacy_fields("Platform")), ["OldName"])
        self.assertEqual(list(self.legacy_fields("OldThing")), ["Inner"])

    def test_models_reached_only_from_requests_get_nothing(self):
        self.assertFalse(self.legacy_fields("Scalars"))   # reached from a request only
        self.assertEqual(self.api.legacy_count, 5)

    def test_without_a_table_nothing_changes(self):
        plain = kitchen_sink(with_table=False)
        self.assertEqual(plain.legacy_count, 0)
        self.assertFalse(any(f.legacy for m in plain.models for f in m.fields))
        self.assertNotIn("OldThing", {m.name for m in plain.models})


@unittest.skipUnless(support.SHARED_SPECS, "no ../shared/specs")
class SharedSpecsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.derived = legacy.derive(support.SHARED_SPECS)

    def test_committed_table_is_up_to_date(self):
        with open(os.path.join(SPEC_DIR, legacy.TABLE_NAME)) as f:
            committed = f.read().split("\n", 1)[1]   # the first line names the sources
        fresh = legacy.table_text(*self.derived, []).split("\n", 1)[1]
        self.assertEqual(committed, fresh, "run: python3 -m codegen legacy --write spec/legacy-fields.yaml "
                                           "../shared/specs/v1.*.yaml")

    def test_system_df_of_1_41_is_typed_in_1_55(self):
        _, fields, _ = self.derived
        runs = fields["GET /system/df response"]["LayersSize"]
        self.assertEqual([(r["until"], r["changed_in"], r["shape"]) for r in runs], [("1.51", "1.53", "integer")])
        spec = next(p for p in support.SHARED_SPECS if p.endswith("v1.55.yaml"))
        api = build_api(load_spec(spec, warn=support.quiet), self.derived[1:])
        models = {m.name: m for m in api.models}
        df = {f.cpp_name: f.cpp_type.plain() for f in models["SystemDataUsageResponse"].fields if f.legacy}
        self.assertEqual(df, {"LayersSize": "std::int64_t", "Images": "std::vector<ImageSummary>",
                              "Containers": "std::vector<ContainerSummary>", "Volumes": "std::vector<Volume>",
                              "BuildCache": "std::vector<BuildCache>"})
        image = {f.cpp_name for f in models["ImageInspect"].fields if f.legacy}
        self.assertTrue({"Container", "ContainerConfig", "VirtualSize", "DockerVersion", "Parent"} <= image)
        self.assertIn("VirtualSize", {f.cpp_name for f in models["ImageSummary"].fields if f.legacy})
        # A retyped field keeps its current member; the old shape is a second one.
        types = {f.cpp_name: f.cpp_type.plain() for f in models["PluginConfigInterface"].fields}
        self.assertEqual(types["Types"], "std::vector<std::string>")
        self.assertEqual(types["Types_legacy"], "std::vector<PluginInterfaceType>")


if __name__ == "__main__":
    unittest.main()
