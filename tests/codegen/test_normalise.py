"""Normaliser and IR: schema -> type mapping, flattening, operations, patches."""

import copy
import unittest

from tests.codegen import support
from codegen import spec_source
from codegen.generate import build_api
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
            self.assertEqual(m.type_of(schema, "X")[0], expected, (t, fmt))

    def test_containers(self):
        m = mapper({"P": {"type": "object", "properties": {"a": {"type": "string"}}}})
        self.assertEqual(m.type_of({"type": "array", "items": {"type": "array", "items": {"type": "string"}}}, "X")[0],
                         "std::vector<std::vector<std::string>>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {"type": "string"}}, "X")[0],
                         "std::map<std::string, std::string>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {
            "type": "array", "x-nullable": True, "items": {"$ref": "#/definitions/P"}}}, "X")[0],
            "std::map<std::string, docker::Field<std::vector<::docker::v9_9::P>>>")
        self.assertEqual(m.type_of({"type": "object", "additionalProperties": {
            "type": "object", "enum": [{}], "default": {}}}, "X")[0], "docker::KeySet")
        self.assertEqual(m.type_of({"type": "object"}, "X")[0], "nlohmann::json")
        self.assertEqual(m.type_of({"x-go-type": {"type": "T"}}, "X")[0], "nlohmann::json")

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
        self.assertEqual(m.models["C"].alias_of, "::docker::v9_9::A")

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
        self.assertEqual(m.models["E"].fields[0].cpp_type, "::docker::v9_9::EInline")
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
        self.assertEqual(enc[("ImageTag", "name")], "name")
        self.assertEqual(enc[("ThingInspect", "id")], "segment")
        self.assertEqual(enc[("ThingList", "filters")], "json")
        self.assertEqual(enc[("Build", "buildargs")], "json")
        self.assertEqual(enc[("Build", "input_stream")], "stream")
        self.assertEqual(enc[("Build", "x_registry_config")], "auth_config")
        self.assertEqual(enc[("ThingCreate", "x_registry_auth")], "auth")
        types = {(op, p.cpp_name): p.cpp_type for op, o in self.ops.items() for p in o.params}
        self.assertEqual(types[("ThingList", "filters")], "std::optional<docker::Filters>")
        self.assertEqual(types[("ThingList", "names")], "std::optional<std::vector<std::string>>")
        self.assertEqual(types[("ThingArchiveInfo", "path")], "std::string")

    def test_patches_applied(self):
        self.assertEqual(self.api.patch_count, 2)  # the third is optional and its target is missing
        wrong = next(m for m in self.api.models if m.name == "WrongType")
        self.assertEqual(wrong.fields[0].cpp_type, "std::uint64_t")


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

    def test_version_bounds(self):
        self.assertTrue(spec_source._applies({"since": "1.26"}, "1.41"))
        self.assertFalse(spec_source._applies({"since": "1.26"}, "1.25"))
        self.assertFalse(spec_source._applies({"until": "1.40"}, "1.41"))

    def test_every_patch_has_a_reason(self):
        for version in spec_source.known_versions():
            for patch in spec_source.patches_for(version):
                self.assertTrue(patch["reason"].strip())


if __name__ == "__main__":
    unittest.main()
