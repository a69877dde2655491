"""`codegen diff`: changes between two specs and the semver bump they imply."""

import copy
import os
import tempfile
import unittest

import yaml

from tests.codegen import support
from codegen import diff
from codegen.build import build_api
from codegen.spec_source import LoadedSpec, apply_patch, load_yaml, patches_for


def api_of(document):
    """The IR of a kitchen-sink variant (patched like the kitchen sink)."""
    document = copy.deepcopy(document)
    version = str(document["info"]["version"])
    for patch in patches_for(version, support.KITCHEN_SPEC_DIR):
        apply_patch(document, patch)
    return build_api(LoadedSpec("kitchen_sink.yaml", "0" * 64, version, document, 0))


class KitchenSinkDiffTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.base = load_yaml(support.KITCHEN_SINK)

    def changes(self, mutate):
        new = copy.deepcopy(self.base)
        mutate(new)
        return diff.compare(api_of(self.base), api_of(new))

    def test_identical_specs_are_a_patch(self):
        changes = self.changes(lambda d: d["definitions"]["Scalars"].update(description="reworded"))
        self.assertEqual(changes, [])
        self.assertEqual(diff.verdict(changes)[0], "patch")

    def test_additions_are_minor(self):
        def mutate(d):
            d["definitions"]["Scalars"]["properties"]["Extra"] = {"type": "string"}
            d["paths"]["/things/{id}"]["delete"]["parameters"].append({"name": "v", "in": "query", "type": "boolean"})
        changes = self.changes(mutate)
        self.assertEqual([(c.section, c.action, c.name) for c in changes],
                         [("field", "added", "Scalars.Extra"), ("parameter", "added", "ThingDelete.v")])
        self.assertEqual(diff.verdict(changes)[0], "minor")

    def test_removals_and_retypes_are_major(self):
        def mutate(d):
            d["definitions"]["Scalars"]["properties"]["Flag"] = {"type": "string"}
            del d["paths"]["/things/{id}/export"]
        changes = self.changes(mutate)
        self.assertIn(diff.Change("field", "retyped", "Scalars.Flag", "bool -> std::string"), changes)
        self.assertIn(diff.Change("operation", "removed", "ThingExport", "GET /things/{}/export"), changes)
        self.assertEqual(diff.verdict(changes), ("major", "1 removed, 1 retyped"))

    def test_required_flip_and_enum_values(self):
        def mutate(d):
            params = d["paths"]["/things/{id}"]["delete"]["parameters"]
            next(p for p in params if p["name"] == "force")["required"] = True
        changes = self.changes(mutate)
        self.assertEqual(changes, [diff.Change("parameter", "required", "ThingDelete.force", "optional -> required")])
        self.assertEqual(diff.verdict(changes)[0], "major")

    def test_report_ends_with_the_verdict(self):
        text = diff.report(api_of(self.base), api_of(self.base), [])
        self.assertTrue(text.endswith("semver: patch (no operation, parameter, type, field or enum value changed)"))


def shared(version):
    return os.path.join(os.path.dirname(support.SHARED_SPECS[0]), f"v{version}.yaml")


@unittest.skipUnless(support.SHARED_SPECS, "no ../shared/specs")
class SharedSpecsDiffTest(unittest.TestCase):
    def test_1_41_to_1_42_matches_a_reading_of_the_two_files(self):
        from codegen.spec_source import load_spec
        old = build_api(load_spec(shared("1.41"), warn=support.quiet))
        new = build_api(load_spec(shared("1.42"), warn=support.quiet))
        changes = diff.compare(old, new)
        names = lambda section, action: {c.name for c in changes if (c.section, c.action) == (section, action)}
        # operationIds: only VolumeUpdate (PUT /volumes/{name}) is new.
        self.assertEqual(names("operation", "added"), {"VolumeUpdate"})
        self.assertEqual(names("operation", "removed"), set())
        # attach/ws gains stdin/stdout/stderr, stop/restart a signal, /images/json
        # shared-size, /system/df type.
        self.assertEqual(names("parameter", "added"), {
            "ContainerAttachWebsocket.stdin", "ContainerAttachWebsocket.stdout",
            "ContainerAttachWebsocket.stderr", "ContainerStop.signal", "ContainerRestart.signal",
            "ImageList.shared-size", "SystemDataUsage.type"})
        self.assertEqual(names("parameter", "removed") | names("parameter", "retyped"), set())
        # New definitions ClusterVolume, ClusterVolumeSpec, Topology; VolumeUpdate's inline body.
        self.assertLessEqual({"ClusterVolume", "ClusterVolumeSpec", "Topology", "VolumeUpdateRequest"},
                             names("type", "added"))
        self.assertEqual(names("type", "removed"), set())
        # BuildCache.Parent became Parents; exec create/start take ConsoleSize;
        # bind mounts CreateMountpoint; volumes ClusterVolume.
        self.assertLessEqual({"BuildCache.Parents", "ContainerExecRequest.ConsoleSize",
                              "ExecStartRequest.ConsoleSize", "MountBindOptions.CreateMountpoint",
                              "Volume.ClusterVolume"}, names("field", "added"))
        # KernelMemory (KernelMemoryTCP stays), ClusterStore and ClusterAdvertise are gone.
        self.assertLessEqual({"BuildCache.Parent", "HostConfig.KernelMemory", "SystemInfo.KernelMemory",
                              "SystemInfo.ClusterStore", "SystemInfo.ClusterAdvertise"},
                             names("field", "removed"))
        self.assertEqual(names("enum value", "added"), {"MountType.cluster"})
        # /containers/{id}/logs now lists raw-stream / multiplexed-stream: OutputStream.
        self.assertIn(diff.Change("response", "retyped", "ContainerLogs",
                                  "std::unique_ptr<docker::ByteReader> -> docker::OutputStream"), changes)
        self.assertEqual(diff.verdict(changes)[0], "major")

    def test_every_consecutive_pair_gives_a_verdict(self):
        specs = support.SHARED_SPECS
        for old, new in zip(specs, specs[1:]):
            with self.subTest(old=os.path.basename(old), new=os.path.basename(new)):
                text = diff.diff_specs(old, new)
                self.assertRegex(text.splitlines()[-1], r"^semver: (major|minor|patch) \(.+\)$")


if __name__ == "__main__":
    unittest.main()
