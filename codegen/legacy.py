"""Legacy shapes: typed members for what older daemons send and a newer spec dropped.

Bindings of version N negotiated down to an older daemon would otherwise get
that daemon's fields only in `unknown_fields` (`LayersSize` of `GET /system/df`,
gone from the spec in 1.52). `codegen legacy --write` derives, from every known
spec, the committed table spec/legacy-fields.yaml: for every field reached from
an operation's response (by its JSON path, the names facts.py uses), each older
shape it had before a newer spec dropped or retyped it, with the property's
schema from the last version that had that shape. `apply` adds to the IR of
version N, for each model at each response path, the latest such shape older
than N that N's own member (if any) cannot hold:

- a field N lacks becomes a member named after its JSON key (`LayersSize`);
- a field N has with another shape (`Types`: objects until 1.51, strings since)
  becomes a second member `<name>_legacy` on the same key: decoding tries the
  current member, then the legacy one;
- a value neither decodes stays in `unknown_fields` (legacy members never fail
  a decode), and encoding writes them back (left out when encoding a request
  for a version that no longer has the shape).

A shape counts by its JSON kind (string, integer, number, boolean, object,
array<...>, map<...>, any), not its model name: `Port` renamed `PortSummary`
is the same shape, and the fields inside are compared on their own paths.
`$ref`s name definitions: N's definition of that name when N has one (its
missing fields come back along their own paths), else the table's copy
(the table keeps the definitions some known version lacks), else free-form JSON.
The file depends on nothing but the specs: generation reads the table, never
other spec files (like version-facts.yaml).
"""

import json
import os

from . import ir
from .build import build_api
from .facts import _models_in, operation_key
from .models import doc_of, ref_name
from .names import pascal, sanitize, unique
from .spec_source import load_spec, load_yaml_table, version_tuple

TABLE_NAME = "legacy-fields.yaml"
LEGACY_SUFFIX = "_legacy"
_DROPPED_KEYS = ("example", "examples")


# --- shapes ----------------------------------------------------------------------

def shape_of(cpp_type, models):
    """The JSON kind of an ir.CppType: 'string', 'array<object>', 'map<integer>', ..."""
    if cpp_type is None:
        return "any"
    if cpp_type.kind == "named":
        name = cpp_type.name
        if name == "std::string":
            return "string"
        if name == "bool":
            return "boolean"
        if name == "double":
            return "number"
        if name == "docker::KeySet":
            return "map<object>"
        if "int" in name:
            return "integer"
        return "any"
    if cpp_type.kind == "model":
        model = models.get(cpp_type.name)
        if model is None:
            return "any"
        if model.kind == "alias":
            return shape_of(model.alias_of, models)
        return "object" if model.kind == "struct" else "string"
    if cpp_type.name == "std::vector":
        return f"array<{shape_of(cpp_type.args[0], models)}>"
    if cpp_type.name == "std::map":
        return f"map<{shape_of(cpp_type.args[1], models)}>"
    if cpp_type.name == "docker::Field":
        return shape_of(cpp_type.args[0], models)
    return "any"


def holds(current, old):
    """Whether a member of shape `current` decodes every value of shape `old`."""
    if current == old or current == "any":
        return True
    if (current, old) == ("number", "integer"):
        return True
    for outer in ("array<", "map<"):
        if current.startswith(outer) and old.startswith(outer):
            return holds(current[len(outer):-1], old[len(outer):-1])
    return False


# --- one version: response fields by JSON path -------------------------------------

def response_fields(models, tags):
    """{parent path: {json name: ir.Field}} of every field reached from a response
    (`GET /system/df response` -> {`LayersSize`: ...}); `models` by name."""
    out = {}

    def walk(model, prefix, stack):
        for f in model.fields:
            if f.legacy:
                continue
            out.setdefault(prefix, {}).setdefault(f.json_name, f)
            for inner in _models_in(f.cpp_type, models):
                if inner.name not in stack:
                    walk(inner, f"{prefix}.{f.json_name}", stack | {inner.name})

    for tag in tags:
        for op in tag.operations:
            for model in _models_in(op.response.cpp_type, models):
                walk(model, f"{operation_key(op)} response", {model.name})
    return out


def _clean(schema):
    """The schema without examples (data, not shape)."""
    if isinstance(schema, dict):
        return {k: _clean(v) for k, v in schema.items() if k not in _DROPPED_KEYS}
    if isinstance(schema, list):
        return [_clean(v) for v in schema]
    return schema


def _refs(schema):
    """Definition names a schema mentions."""
    if isinstance(schema, dict):
        for k, v in schema.items():
            if k == "$ref" and isinstance(v, str):
                yield ref_name(v)
            else:
                yield from _refs(v)
    elif isinstance(schema, list):
        for v in schema:
            yield from _refs(v)


# --- the committed table ---------------------------------------------------------

def derive(spec_paths, warn=lambda m: None):
    """(versions, {parent: {name: [run]}}, {definition: schema}) from every spec.

    A run is {"until", "changed_in", "shape", "schema"}: a field's shape over
    consecutive known versions of its operation, kept when a later version
    changes it (drops the field or gives it another shape)."""
    loaded = sorted((load_spec(p, warn=warn) for p in spec_paths), key=lambda s: version_tuple(s.version))
    versions, ops_in, seen, definitions = [], {}, {}, {}
    for spec in loaded:
        api = build_api(spec)
        models = {m.name: m for m in api.models}
        versions.append(api.version)
        ops_in[api.version] = {operation_key(op) for t in api.tags for op in t.operations}
        definitions[api.version] = spec.document.get("definitions") or {}
        for parent, fields in response_fields(models, api.tags).items():
            for name, f in fields.items():
                seen.setdefault((parent, name), {})[api.version] = (shape_of(f.cpp_type, models), f.schema)
    fields = {}
    for (parent, name), present in sorted(seen.items()):
        operation = parent.partition(" response")[0]
        runs = []   # [first, last, shape, schema], over the versions that have the operation
        for v in versions:
            if operation not in ops_in[v]:
                continue
            shape, schema = present.get(v, (None, None))
            if runs and runs[-1][2] == shape:
                runs[-1][1], runs[-1][3] = v, schema
            else:
                runs.append([v, v, shape, schema])
        kept = []
        for i, (first, last, shape, schema) in enumerate(runs[:-1]):
            if shape is not None:
                kept.append({"until": last, "changed_in": runs[i + 1][0], "shape": shape,
                             "schema": _clean(schema or {})})
        if kept:
            fields.setdefault(parent, {})[name] = kept
    return versions, fields, _kept_definitions(fields, versions, definitions)


def _kept_definitions(fields, versions, definitions):
    """Definitions the kept schemas name (transitively) that some known version lacks,
    each as the newest version that has it defines it."""
    everywhere = set.intersection(*(set(d) for d in definitions.values())) if definitions else set()
    kept, todo = {}, [n for by_name in fields.values() for runs in by_name.values()
                      for r in runs for n in _refs(r["schema"])]
    while todo:
        name = todo.pop()
        if name in kept or name in everywhere:
            continue
        newest = next((definitions[v][name] for v in reversed(versions) if name in definitions[v]), None)
        if newest is None:
            continue
        kept[name] = _clean(newest)
        todo.extend(_refs(newest))
    return dict(sorted(kept.items()))


def _flow(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def table_text(versions, fields, definitions, sources):
    lines = [
        "# Generated by `python3 -m codegen legacy --write` from: " + " ".join(sources),
        "# Older shapes of response fields (codegen/legacy.py): per JSON path of a model",
        "# reached from a response, each field's shape over versions before a newer spec",
        "# dropped or retyped it. Refresh when a spec is added (test_legacy.py checks).",
        "versions: [" + ", ".join(f'"{v}"' for v in versions) + "]",
        "fields:",
    ]
    for parent in sorted(fields):
        lines.append(f"  {_flow(parent)}:")
        for name in sorted(fields[parent]):
            lines.append(f"    {_flow(name)}:")
            for run in fields[parent][name]:
                lines.append(f"      - {_flow(run)}")
    lines.append("definitions:" + ("" if definitions else " {}"))
    for name, schema in definitions.items():
        lines.append(f"  {_flow(name)}: {_flow(schema)}")
    return "\n".join(lines) + "\n"


def load_table(path):
    """({parent: {name: [run]}}, {definition: schema}); empty when there is no table."""
    data = load_yaml_table(path)
    return data.get("fields") or {}, data.get("definitions") or {}


# --- one version: adding the legacy members ------------------------------------------

class _Schemas:
    """Resolves a legacy schema's `$ref`s for one version's TypeMapper."""

    def __init__(self, types, definitions):
        self.types = types
        self.definitions = definitions

    def resolve(self, schema):
        if isinstance(schema, list):
            return [self.resolve(v) for v in schema]
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            name = ref_name(schema["$ref"])
            if name not in self.types.definitions:
                if name not in self.definitions:
                    return {k: self.resolve(v) for k, v in schema.items() if k != "$ref"}   # free-form
                self.types.definitions[name] = {}   # registered first: recursion finds it
                self.types.definition_names[name] = unique(sanitize(pascal(name)), self.types.taken)
                self.types.definitions[name] = self.resolve(self.definitions[name])
        return {k: self.resolve(v) for k, v in schema.items()}


def _candidates(runs, version, current_shape):
    """Runs older than `version` whose shape the current member cannot hold, newest first."""
    older = [r for r in runs if version_tuple(r["until"]) < version_tuple(version)]
    if current_shape is not None:
        older = [r for r in older if r["shape"] != "any" and not holds(current_shape, r["shape"])]
    return sorted(older, key=lambda r: version_tuple(r["until"]), reverse=True)


def apply(types, tags, version, fields, definitions):
    """Adds legacy members to the models of `types` (a models.TypeMapper after
    build_all_definitions) reached from the responses of `tags`; returns how many."""
    schemas = _Schemas(types, definitions)
    added = 0

    def add(model, candidates):
        nonlocal added
        current = {f.json_name: f for f in model.fields if not f.legacy}
        legacy = {f.json_name for f in model.fields if f.legacy}
        taken = {model.name, "unknown_fields"} | {f.cpp_name for f in model.fields}
        for name in sorted(candidates):
            if name in legacy:
                continue   # reached along another path first
            now = current.get(name)
            now_shape = shape_of(now.cpp_type, types.models) if now else None
            for run in _candidates(candidates[name], version, now_shape):
                # A `$ref` is resolved to this version's definition of that name, which
                # may have the current shape after all (1.25-1.39 define ContainerSummary
                # as an array): then the run adds nothing and the models it made go.
                before = set(types.models)
                schema = schemas.resolve(run["schema"])
                cpp_type, deps = types.type_of(schema, model.name + pascal(name) + ("Legacy" if now else ""))
                if now_shape is None or not holds(now_shape, shape_of(cpp_type, types.models)):
                    break
                for made in set(types.models) - before:
                    del types.models[made]
            else:
                continue
            model.fields.append(ir.Field(
                json_name=name,
                cpp_name=unique(sanitize(name) + (LEGACY_SUFFIX if now else ""), taken, "_"),
                cpp_type=cpp_type, doc=doc_of(schema), nullable=bool(schema.get("x-nullable")),
                legacy=True, until=run["until"], changed_in=run["changed_in"], schema=schema))
            model.deps = sorted((set(model.deps) | set(deps)) - {model.name})
            added += 1

    def walk(model, prefix, stack):
        add(model, fields.get(prefix, {}))
        for f in list(model.fields):
            for inner in _models_in(f.cpp_type, types.models):
                if inner.name not in stack:
                    walk(inner, f"{prefix}.{f.json_name}", stack | {inner.name})

    for tag in tags:
        for op in tag.operations:
            for model in _models_in(op.response.cpp_type, types.models):
                walk(model, f"{operation_key(op)} response", {model.name})
    return added


def table_path(spec_dir):
    return os.path.join(spec_dir, TABLE_NAME)
