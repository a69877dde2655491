"""Normaliser and IR: schema -> type mapping, flattening, operations, patches."""

import copy
import unittest

from tests.codegen import support
from codegen import spec_source
from codegen.build import build_api
from codegen.models import TypeMapper
from codegen.operations import OperationBuilder


def mapper(definitions):
    return TypeMapper({"definitions": definitions}, "docker::v9_9")


class TypeMappingTest(unittest.TestCase):
    def test_scalars(self):
        m = mapper({})
        cases = {
            ("integer", None): "std::int64_t", ("integer", "int32"): "std::int32_t",
            ("integer", "uint64"): "std::uint64_t", ("integer", "uint8"): "std::uint8_t",
            ("integer", "int"): "int", ("number", None): "double", ("boolean", None): "bool",
            ("string", "dateTime"): "std::string", ("string", "date-time"): "std::string",
        }
        for (t, fmt), expected in cases.items():
            schema = {"type": t}
            if fmt:
                schema["format"] = fmt
            self.assertEqual(m.type_of(schema, "X")[0].cpp, expected, (t, fmt))

    def test_containers(self):
        m = mapper({"P": {"type": "object", "properties": {"a": {"type": "string"}}}})
        self.assertEqual(m.type_of({"type": "array", "items": {"type": "array", "items": {"type": "string"}}}, "X")[0].cpp,
                         "std::vector<std::vector<std::string>>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {"type": "string"}}, "X")[0].cpp,
                         "std::map<std::string, std::string>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {
            "type": "array", "x-nullable": True, "items": {"$ref": "#/definitions/P"}}}, "X")[0].cpp,
            "std::map<std::string, docker::Field<std::vector<::docker::v9_9::P>>>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {
            "type": "object", "enum": [{}], "default": {}}}, "X")[0].cpp, "docker::KeySet")
        self.assertEqual(m.type_of({"type": "object"}, "X")[0].cpp, "docker::JsonValue")
        self.assertEqual(m.type_of({"x-go-type": {"type": "T"}}, "X")[0].cpp, "docker::JsonValue")

    def test_inline_objects_are_named_from_their_path(self):
        m = mapper({"Task": {"type": "object", "properties": {"Spec": {"type": "object", "properties": {
            "Privileges": {"type": "object", "properties": {"x": {"type": "string"}}}}}}}})
        m.build_all_definitions()
        self.assertEqual(sorted(m.models), ["Task", "TaskSpec", "TaskSpecPrivileges"])

    def test_all_of_is_flattened_and_single_ref_is_an_alias(self):
        m = mapper({
            "A": {"type": "object", "properties": {"a": {"type": "string"}}},
            "B": {"allOf": [{"$ref": "#/definitions/A"}, {"type": "object", "properties": {"b": {"type": "integer"}}}]},
            "C": {"allOf": [{"$ref": "#/definitions/A"}], "description": "alias"},
        })
        m.build_all_definitions()
        self.assertEqual([f.json_name for f in m.models["B"].fields], ["a", "b"])
        self.assertEqual(m.models["C"].kind, "alias")
        self.assertEqual(m.models["C"].alias_of.cpp, "::docker::v9_9::A")

    def test_single_ref_all_of_with_own_properties_is_a_struct(self):
        # NetworkInspect (1.53+): allOf [Network] beside its own properties.
        m = mapper({
            "A": {"type": "object", "properties": {"a": {"type": "string"}}},
            "D": {"type": "object", "allOf": [{"$ref": "#/definitions/A"}],
                  "properties": {"d": {"type": "boolean"}}},
            "E": {"type": "object", "properties": {"inline": {
                "allOf": [{"$ref": "#/definitions/A"}], "properties": {"e": {"type": "integer"}}}}},
        })
        m.build_all_definitions()
        self.assertEqual(m.models["D"].kind, "struct")
        self.assertEqual([f.json_name for f in m.models["D"].fields], ["a", "d"])
        self.assertEqual(m.models["E"].fields[0].cpp_type.cpp, "::docker::v9_9::EInline")
        self.assertEqual([f.json_name for f in m.models["EInline"].fields], ["a", "e"])

    def test_inline_types_of_a_flattened_ref_are_shared(self):
        inline = {"type": "object", "properties": {"Rate": {"type": "integer"}}}
        m = mapper({
            "Resources": {"type": "object", "properties": {"Dev": {"type": "array", "items": inline}}},
            "HostConfig": {"allOf": [{"$ref": "#/definitions/Resources"}]},
            "Config": {"allOf": [{"$ref": "#/definitions/Resources"}, {"properties": {"x": {"type": "string"}}}]},
        })
        m.build_all_definitions()
        self.assertIn("ResourcesDevItem", m.models)
        self.assertNotIn("ConfigDevItem", m.models)

    def test_member_named_like_its_struct(self):
        m = mapper({"Platform": {"type": "object", "properties": {"Platform": {"type": "string"}}}})
        m.build_all_definitions()
        self.assertEqual(m.models["Platform"].fields[0].cpp_name, "Platform_")

    def test_enum_keeps_awkward_values(self):
        m = mapper({"E": {"type": "string", "enum": ["", "no", "on-failure", "default"]}})
        m.build_all_definitions()
        self.assertEqual([v.cpp_name for v in m.models["E"].values], ["empty", "no", "on_failure", "default_"])


class OperationsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        loaded = spec_source.load_spec(support.KITCHEN_SINK, support.KITCHEN_SPEC_DIR, warn=support.quiet)
        cls.api = build_api(loaded)
        cls.ops = {op.operation_id: op for tag in cls.api.tags for op in tag.operations}

    def test_response_kinds(self):
        kinds = {k: op.response.kind for k, op in self.ops.items()}
        self.assertEqual(kinds, {
            "ThingInspect": "json", "ThingList": "json", "ThingCreate": "json", "ThingDelete": "empty",
            "ImageTag": "empty", "Build": "json_stream", "Ping": "text", "ThingExport": "binary",
            "ThingLogs": "output", "ThingAttach": "hijack", "ThingArchiveInfo": "header_json",
        })

    def test_parameter_encodings(self):
        enc = {(op, p.cpp_name): p.encoding for op, o in self.ops.items() for p in o.params}
        self.assertEqual(enc[("ImageTag", "name")], "slashed")
        self.assertEqual(enc[("ThingInspect", "id")], "segment")
        self.assertEqual(enc[("ThingList", "filters")], "json")
        self.assertEqual(enc[("Build", "buildargs")], "json")
        self.assertEqual(enc[("Build", "input_stream")], "stream")
        self.assertEqual(enc[("Build", "x_registry_config")], "auth_config")
        self.assertEqual(enc[("ThingCreate", "x_registry_auth")], "auth")
        types = {(op, p.cpp_name): p.cpp_type.cpp for op, o in self.ops.items() for p in o.params}
        self.assertEqual(types[("ThingList", "filters")], "std::optional<docker::Filters>")
        self.assertEqual(types[("ThingList", "names")], "std::optional<std::vector<std::string>>")
        self.assertEqual(types[("ThingArchiveInfo", "path")], "std::string")
        self.assertEqual(types[("Build", "buildargs")], "std::optional<std::map<std::string, std::string>>")
        self.assertEqual(types[("Build", "x_registry_config")], "std::optional<docker::RegistryConfig>")
        self.assertEqual(types[("ThingCreate", "x_registry_auth")], "std::optional<docker::RegistryAuth>")
        self.assertEqual(types[("Build", "platform")], "std::optional<docker::JsonValue>")

    def test_daemon_default_is_spelled_as_json(self):
        docs = {p.json_name: p.doc for p in self.ops["ThingInspect"].params}
        self.assertTrue(docs["size"].endswith("Daemon default: false"), docs["size"])

    def test_patches_applied(self):
        # the third is optional and its target is missing; of the 7 each-parameter rules
        # the last selects nothing
        self.assertEqual(self.api.patch_count, 2 + 6)
        wrong = next(m for m in self.api.models if m.name == "WrongType")
        self.assertEqual(wrong.fields[0].cpp_type.cpp, "std::uint64_t")


class PatchTest(unittest.TestCase):
    DOC = {"definitions": {"A": {"type": "object", "properties": {"x": {"type": "string"}}}},
           "paths": {"/a/{id}": {"get": {}}}}

    def test_ops(self):
        doc = copy.deepcopy(self.DOC)
        spec_source.apply_patch(doc, {"op": "merge", "path": "/definitions/A/properties/x", "value": {"x-nullable": True}})
        spec_source.apply_patch(doc, {"op": "set", "path": "/paths/~1a~1{id}/get/x-k", "value": 1})
        spec_source.apply_patch(doc, {"op": "add-enum", "path": "/definitions/A/properties/x", "value": ["a"]})
        spec_source.apply_patch(doc, {"op": "remove", "path": "/definitions/A/properties/x/x-nullable"})
        self.assertEqual(doc["definitions"]["A"]["properties"]["x"], {"type": "string", "enum": ["a"]})
        self.assertEqual(doc["paths"]["/a/{id}"]["get"]["x-k"], 1)

    def test_missing_target(self):
        doc = copy.deepcopy(self.DOC)
        with self.assertRaises(ValueError):
            spec_source.apply_patch(doc, {"op": "merge", "path": "/definitions/B", "value": {}})
        self.assertFalse(spec_source.apply_patch(
            doc, {"op": "merge", "path": "/definitions/B", "value": {}, "optional": True}))

    def test_each_parameter(self):
        shared = {"name": "name", "in": "path", "type": "string"}
        doc = {"paths": {
            "/images/{name}": {"parameters": [shared], "get": {"parameters": [
                {"name": "filters", "in": "query", "description": "JSON encoded"},
                {"name": "X-Registry-Auth", "in": "header"}]}},
            "/volumes/{name}": {"delete": {"parameters": [shared,
                {"name": "filters", "in": "query", "description": "plain"}]}}}}
        rule = lambda match, values: {"op": "each-parameter", "match": match, "set": values, "reason": "t"}
        self.assertTrue(spec_source.apply_patch(doc, rule(
            {"in": "path", "name": "name", "path_prefix": ["/plugins/", "/images/"]}, {"x-docker-cpp-encoding": "slashed"})))
        self.assertTrue(spec_source.apply_patch(doc, rule(
            {"in": "query", "name": ["labels", "filters"], "description_contains": "JSON"}, {"x-a": 1})))
        self.assertTrue(spec_source.apply_patch(doc, rule({"in": "header", "name": "x-registry-auth"}, {"x-b": 2})))
        self.assertFalse(spec_source.apply_patch(doc, rule({"in": "query", "name": "nothing"}, {"x-c": 3})))
        images, volumes = doc["paths"]["/images/{name}"], doc["paths"]["/volumes/{name}"]
        self.assertEqual(images["parameters"][0]["x-docker-cpp-encoding"], "slashed")
        self.assertNotIn("x-docker-cpp-encoding", volumes["delete"]["parameters"][0])  # shared object copied
        self.assertNotIn("x-docker-cpp-encoding", shared)
        self.assertEqual(images["get"]["parameters"][0]["x-a"], 1)
        self.assertNotIn("x-a", volumes["delete"]["parameters"][1])   # description has no JSON
        self.assertEqual(images["get"]["parameters"][1]["x-b"], 2)
        with self.assertRaises(ValueError):
            spec_source.apply_patch(doc, rule({"location": "query"}, {"x-d": 4}))

    def test_unknown_op(self):
        with self.assertRaises(ValueError):
            spec_source.apply_patch(copy.deepcopy(self.DOC), {"op": "require", "path": "/definitions/A"})

    def test_version_bounds(self):
        self.assertTrue(spec_source._applies({"since": "1.26"}, "1.41"))
        self.assertFalse(spec_source._applies({"since": "1.26"}, "1.25"))
        self.assertFalse(spec_source._applies({"until": "1.40"}, "1.41"))

    def test_every_patch_has_a_reason(self):
        for version in spec_source.known_versions():
            for patch in spec_source.patches_for(version):
                self.assertTrue(patch["reason"].strip())


class CppTypeTest(unittest.TestCase):
    def test_rendering_plain_and_models(self):
        from codegen import ir
        a = ir.model_type("A", "docker::v1_55")
        t = ir.string_map(ir.field_of(ir.vector(a))).as_optional()
        self.assertEqual(t.cpp, "std::optional<std::map<std::string, docker::Field<std::vector<::docker::v1_55::A>>>>")
        self.assertEqual(str(t), t.cpp)
        self.assertEqual(t.plain(), "std::optional<std::map<std::string, docker::Field<std::vector<A>>>>")
        self.assertEqual(list(t.models()), ["A"])
        self.assertTrue(t.optional)
        self.assertFalse(t.value.optional)
        self.assertTrue(ir.STRING.is_string)
        self.assertFalse(ir.STRING.as_optional().is_string)


class NoNamesInCodeTest(unittest.TestCase):
    def test_parameter_rules_live_in_patches_not_in_code(self):
        """Names the each-parameter rules select never appear quoted in codegen/*.py
        ("name" is also a swagger key, so it is left out)."""
        import glob
        import os
        words = set()
        for patch in spec_source.load_yaml(os.path.join(spec_source.SPEC_DIR, "patches", "all.yaml")):
            if patch["op"] == "each-parameter":
                for key in ("name", "path_prefix"):
                    value = patch["match"].get(key, [])
                    words.update(value if isinstance(value, list) else [value])
        words.discard("name")
        self.assertIn("filters", words)
        for path in glob.glob(os.path.join(spec_source.REPO_ROOT, "codegen", "*.py")):
            with open(path) as f:
                text = f.read().lower()
            for word in words:
                for quote in "\"'":
                    self.assertFalse(f"{quote}{word.lower()}{quote}" in text, (path, word))


if __name__ == "__main__":
    unittest.main()
