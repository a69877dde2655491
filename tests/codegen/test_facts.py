"""Version facts: stable names across renames, ranges, the committed table."""

import os
import unittest

from tests.codegen import support
from codegen import facts
from codegen.build import build_api
from codegen.spec_source import SPEC_DIR, load_spec


class RunsTest(unittest.TestCase):
    def test_consecutive_known_versions_form_one_range(self):
        versions = ["1.41", "1.42", "1.43", "1.45", "1.46"]
        self.assertEqual(facts.runs(["1.43", "1.45", "1.46"], versions), [("1.43", "1.46")])
        self.assertEqual(facts.runs(["1.41", "1.43"], versions), [("1.41", "1.41"), ("1.43", "1.43")])
        self.assertEqual(facts.parse_runs("1.41..1.41,1.43..1.46"), [("1.41", "1.41"), ("1.43", "1.46")])


class SinceTest(unittest.TestCase):
    table = {"operation GET /x": [("1.30", "1.31"), ("1.40", "1.56")], "param GET /x query:a": [("1.42", "1.56")]}

    def test_first_seen_wins_and_unlisted_names_are_oldest(self):
        f = facts.Facts("1.55", ["1.25", "1.55"], self.table)
        self.assertEqual(f.since("operation", "GET /x"), "1.30")
        self.assertEqual(f.since("param", "GET /x query:a"), "1.42")
        self.assertEqual(f.since("operation", "GET /y"), "1.25")

    def test_a_version_the_table_does_not_cover_gets_no_checks(self):
        f = facts.Facts("1.57", ["1.25", "1.56"], self.table)
        self.assertEqual(f.since("param", "GET /x query:a"), "1.25")
        self.assertEqual(facts.Facts("1.55", [], {}).since("operation", "GET /x"), "1.55")

    def test_until_is_the_last_version_only_when_a_newer_one_dropped_it(self):
        table = {"operation GET /x": [("1.25", "1.44")], "operation GET /y": [("1.30", "1.56")]}
        f = facts.Facts("1.41", ["1.25", "1.41", "1.44", "1.56"], table)
        self.assertEqual(f.until("operation", "GET /x"), "1.44")
        self.assertIsNone(f.until("operation", "GET /y"))
        self.assertIsNone(f.until("operation", "GET /z"))   # unlisted: in every version
        self.assertIsNone(facts.Facts("1.57", ["1.25", "1.56"], table).until("operation", "GET /x"))


class KitchenSinkAnnotationTest(unittest.TestCase):
    def test_annotations_follow_the_table(self):
        api = build_api(load_spec(support.KITCHEN_SINK, spec_dir=support.KITCHEN_SPEC_DIR, warn=support.quiet))
        facts.annotate(api, os.path.join(support.KITCHEN_SPEC_DIR, facts.TABLE_NAME))
        ops = {op.operation_id: op for t in api.tags for op in t.operations}
        self.assertEqual(ops["ThingLogs"].since, "1.95")
        self.assertIsNone(ops["ThingInspect"].since)
        params = lambda op: {p.json_name: p.since for p in ops[op].params}
        self.assertEqual(params("ThingLogs")["follow"], None)      # as old as its operation
        self.assertEqual(params("ThingInspect")["limit"], "1.97")
        self.assertEqual(params("ThingDelete")["force"], None)     # gap: first seen wins
        fields = {(m.name, f.json_name): f.since for m in api.models for f in m.fields}
        self.assertEqual(fields[("Scalars", "U64")], "1.95")
        self.assertIsNone(fields[("Platform2", "Architecture")])  # old on another path
        self.assertEqual(fields[("Platform", "os.version")], "1.95")


@unittest.skipUnless(support.SHARED_SPECS, "no ../shared/specs")
class SharedSpecsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.seen, cls.versions = facts.collect(support.SHARED_SPECS)

    def test_committed_table_is_up_to_date(self):
        with open(os.path.join(SPEC_DIR, facts.TABLE_NAME)) as f:
            committed = f.read().split("\n", 1)[1]   # the first line names the sources
        fresh = facts.table_text(self.seen, self.versions, []).split("\n", 1)[1]
        self.assertEqual(committed, fresh, "run: python3 -m codegen facts --write spec/version-facts.yaml "
                                           "../shared/specs/v1.*.yaml")

    def test_renamed_models_and_operation_ids_do_not_look_new(self):
        present = lambda kind, name: self.seen[(kind, name)][0]
        # operationId ContainerGetArchive (1.25-1.27) became ContainerArchive: same endpoint.
        self.assertEqual(present("operation", "GET /containers/{}/archive"), "1.25")
        # model Config (1.25-1.29) became ContainerConfig: same JSON path.
        self.assertEqual(present("field", "POST /containers/create request.Hostname"), "1.25")
        self.assertEqual(present("param", "POST /containers/{}/stop query:signal"), "1.42")
        self.assertEqual(present("operation", "PUT /volumes/{}"), "1.42")
        self.assertEqual(present("field", "POST /containers/create request.HostConfig.Annotations"), "1.43")


if __name__ == "__main__":
    unittest.main()
