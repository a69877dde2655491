"""Schemas -> C++ types: one Model per definition and per anonymous inline object or enum."""

from . import ir
from .names import enum_constant, pascal, sanitize, unique

INTEGER_FORMATS = {fmt: ir.named(cpp) for fmt, cpp in {
    None: "std::int64_t", "": "std::int64_t", "int64": "std::int64_t", "int32": "std::int32_t",
    "int": "int", "int8": "std::int8_t", "int16": "std::int16_t",
    "uint64": "std::uint64_t", "uint32": "std::uint32_t", "uint16": "std::uint16_t",
    "uint8": "std::uint8_t",
}.items()}

EXTRA_FIELDS_MEMBER = "unknown_fields"   # see templates/model.hpp.j2


def ref_name(ref):
    if not ref.startswith("#/definitions/"):
        raise ValueError(f"unsupported $ref {ref}")
    return ref[len("#/definitions/"):]


def doc_of(schema):
    parts = [schema.get("title"), schema.get("description")]
    return "\n".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def is_key_set(schema):
    """`{"80/tcp": {}}`-style maps: values are always the empty object."""
    value = schema.get("additionalProperties") if isinstance(schema, dict) else None
    return (isinstance(value, dict) and value.get("type") == "object" and not value.get("properties")
            and (value.get("enum") == [{}] or value.get("default") == {}))


class TypeMapper:
    """Builds Models while mapping schemas to C++ types (ir.CppType; models live in `namespace`)."""

    def __init__(self, document, namespace):
        self.definitions = document.get("definitions") or {}
        self.namespace = namespace
        self.models = {}                       # name -> ir.Model
        self.taken = {sanitize(pascal(n)) for n in self.definitions}
        self.definition_names = {n: sanitize(pascal(n)) for n in self.definitions}
        self._inline_cache = {}                # id(schema) -> (cpp type, deps)
        self._in_progress = set()

    # -- public ------------------------------------------------------------
    def build_all_definitions(self):
        for name in sorted(self.definitions):
            self.definition_type(name)

    def type_of(self, schema, hint):
        """(ir.CppType, [model deps]) of `schema`; inline objects/enums become Models named `hint`."""
        if schema is None:
            return ir.JSON, []
        if "$ref" in schema:
            return self.definition_type(ref_name(schema["$ref"]))
        key = id(schema)   # the same schema object (e.g. reached through allOf) maps once
        if key not in self._inline_cache:
            self._inline_cache[key] = (schema, self._map(schema, hint))   # holds `schema` alive
        return self._inline_cache[key][1]

    def qualified(self, model_name):
        return ir.model_type(model_name, self.namespace)

    def scalar(self, schema):
        """The C++ type of a scalar (string, integer, number, boolean) schema, or None."""
        if schema.get("type") in ("string", "integer", "number", "boolean"):
            return self._map_non_model(schema, "")[0]
        return None

    def sorted_models(self):
        return [self.models[n] for n in sorted(self.models)]

    # -- internals ----------------------------------------------------------
    def definition_type(self, name):
        if name not in self.definitions:
            raise ValueError(f"$ref to unknown definition {name}")
        cpp_name = self.definition_names[name]
        if cpp_name not in self.models and cpp_name not in self._in_progress:
            self._in_progress.add(cpp_name)
            self._define(cpp_name, self.definitions[name], name)
            self._in_progress.discard(cpp_name)
        return self.qualified(cpp_name), [cpp_name]

    def _single_ref_allof(self, schema):
        """The one part of a one-part allOf, merged with its sibling keys, or None.
        Siblings that declare members (`properties`) extend the part: that schema
        is a struct of its own (flattened by _flatten), not the part renamed."""
        parts = schema.get("allOf")
        if parts and len(parts) == 1 and not schema.get("properties"):
            merged = dict(parts[0])
            for k, v in schema.items():
                if k != "allOf":
                    merged.setdefault(k, v)
            return merged
        return None

    def _kind(self, schema):
        if "allOf" in schema:
            return "struct"
        t = schema.get("type")
        if "enum" in schema and t in (None, "string"):
            return "enum"
        if t == "object" or (t is None and "properties" in schema):
            return "struct" if schema.get("properties") else "other"
        return "other"

    def _define(self, cpp_name, schema, origin):
        single = self._single_ref_allof(schema)
        if single is not None and "$ref" in single:
            target, deps = self.type_of(single, cpp_name)
            self.models[cpp_name] = ir.Model(cpp_name, "alias", doc_of(schema), alias_of=target, deps=deps)
            return
        kind = self._kind(schema)
        if kind == "struct":
            self._define_struct(cpp_name, schema)
        elif kind == "enum":
            self._define_enum(cpp_name, schema)
        else:
            target, deps = self._map_non_model(schema, cpp_name)
            self.models[cpp_name] = ir.Model(cpp_name, "alias", doc_of(schema), alias_of=target, deps=deps)

    def _map(self, schema, hint):
        single = self._single_ref_allof(schema)
        if single is not None:
            return self.type_of(single, hint) if "$ref" in single else self._map(single, hint)
        kind = self._kind(schema)
        if kind in ("struct", "enum"):
            name = unique(sanitize(hint), self.taken)
            if kind == "struct":
                self._define_struct(name, schema)
            else:
                self._define_enum(name, schema)
            return self.qualified(name), [name]
        return self._map_non_model(schema, hint)

    def _map_non_model(self, schema, hint):
        t = schema.get("type")
        if isinstance(t, list):
            return ir.JSON, []   # several types allowed: keep the JSON as sent
        if t == "string":
            return ir.STRING, []
        if t == "integer":
            fmt = schema.get("format")
            if fmt not in INTEGER_FORMATS:
                raise ValueError(f"unknown integer format {fmt!r} at {hint}")
            return INTEGER_FORMATS[fmt], []
        if t == "number":
            return ir.named("double"), []
        if t == "boolean":
            return ir.named("bool"), []
        if t == "array":
            items = schema.get("items") or {}
            inner, deps = self.type_of(items, hint + "Item")
            if items.get("x-nullable"):
                inner = ir.field_of(inner)
            return ir.vector(inner), deps
        if t in ("object", None):
            if is_key_set(schema):
                return ir.named("docker::KeySet"), []
            value = schema.get("additionalProperties")
            if isinstance(value, dict) and value and not self._is_free_form(value):
                inner, deps = self.type_of(value, hint + "Value")
                if value.get("x-nullable"):
                    inner = ir.field_of(inner)
                return ir.string_map(inner), deps
            return ir.JSON, []
        raise ValueError(f"unsupported schema type {t!r} at {hint}")

    @staticmethod
    def _is_free_form(schema):
        return ("$ref" not in schema and "allOf" not in schema and not schema.get("properties")
                and schema.get("type") in (None, "object") and "additionalProperties" not in schema
                and "enum" not in schema)

    def _flatten(self, schema, owner):
        """[(property name, schema, type-name prefix)] and required names, allOf flattened."""
        props, required = {}, set()
        if "$ref" in schema:
            name = ref_name(schema["$ref"])
            return self._flatten(self.definitions[name], self.definition_names[name])
        for part in schema.get("allOf") or []:
            sub_props, sub_required = self._flatten(part, owner)
            props.update(sub_props)
            required |= sub_required
        for name, prop in (schema.get("properties") or {}).items():
            props[name] = (prop, owner)
        required |= set(schema.get("required") or [])
        return props, required

    def _define_struct(self, cpp_name, schema):
        model = ir.Model(cpp_name, "struct", doc_of(schema))
        self.models[cpp_name] = model          # registered first: recursion finds it
        props, required = self._flatten(schema, cpp_name)
        member_names = {cpp_name, EXTRA_FIELDS_MEMBER}
        deps = set()
        for json_name, (prop, owner) in props.items():
            prop = prop or {}
            cpp_type, prop_deps = self.type_of(prop, owner + pascal(json_name))
            deps.update(prop_deps)
            nullable = bool(prop.get("x-nullable"))
            model.fields.append(ir.Field(
                json_name=json_name,
                cpp_name=unique(sanitize(json_name), member_names, "_"),
                cpp_type=cpp_type,
                doc=doc_of(prop),
                required=json_name in required,
                nullable=nullable,
                schema=prop,
            ))
        deps.discard(cpp_name)
        model.deps = sorted(deps)

    def _define_enum(self, cpp_name, schema):
        taken = {cpp_name, "known_values", "is_known", "str"}
        values = []
        for value in schema["enum"]:
            if value is None:
                continue
            text = str(value).lower() if isinstance(value, bool) else str(value)
            if any(v.json_value == text for v in values):
                continue
            values.append(ir.EnumValue(text, unique(enum_constant(text), taken, "_")))
        self.models[cpp_name] = ir.Model(cpp_name, "enum", doc_of(schema), values=values)
