"""Version facts: across several specs, in which versions each operation,
parameter and model field exists (from the same IR the generator renders).

Names are chosen to survive renames between spec versions:
- operation: `METHOD /path` with path parameters blanked (`GET /containers/{}/archive`);
  operationIds and `{id}`/`{name}` spellings change between versions, endpoints do not.
- param: `<operation> query:name` (header names lower-cased, the JSON body is `body`).
- field: `<operation> request.A.B` / `<operation> response.A.B`, the JSON path from a
  request body or response; model names of inline schemas change between versions
  (`Config` -> `ContainerConfig`), JSON paths do not. A model no operation reaches
  falls back to `model Name.field`.

`collect` gives {(kind, name): [versions present]}; `runs` turns that into ranges
of consecutive known versions; `annotate(api, table)` sets, on one version's IR,
the first version of every operation, parameter and field newer than the oldest.
"""

import re

from .build import build_api
from .spec_source import load_spec, load_yaml_table, version_tuple

_PATH_PARAM = re.compile(r"\{[^}]*\}")


def operation_key(op):
    return f"{op.http_method} {_PATH_PARAM.sub('{}', op.path)}"


def param_key(op, param):
    if param.location == "body":
        return f"{operation_key(op)} body"
    name = param.json_name.lower() if param.location == "header" else param.json_name
    return f"{operation_key(op)} {param.location}:{name}"


def _models_in(cpp_type, models):
    """Struct models an ir.CppType (or None) mentions, following aliases."""
    out = []
    for name in (cpp_type.models() if cpp_type else ()):
        model = models.get(name)
        if model is None:
            continue
        if model.kind == "alias":
            out.extend(_models_in(model.alias_of, models))
        elif model.kind == "struct":
            out.append(model)
    return out


def field_names(api):
    """{(model name, json field name): [names of that field]} for one version's IR."""
    models = {m.name: m for m in api.models}
    names = {}

    def walk(model, prefix, stack):
        for f in model.current_fields:   # legacy members (legacy.py) have no facts
            path = f"{prefix}.{f.json_name}"
            names.setdefault((model.name, f.json_name), []).append(path)
            for inner in _models_in(f.cpp_type, models):
                if inner.name not in stack:
                    walk(inner, path, stack | {inner.name})

    for tag in api.tags:
        for op in tag.operations:
            body = op.body
            roots = [("request", body.cpp_type)] if body else []
            roots.append(("response", op.response.cpp_type))
            for side, cpp_type in roots:
                for model in _models_in(cpp_type, models):
                    walk(model, f"{operation_key(op)} {side}", {model.name})
    for model in api.models:
        for f in model.current_fields:
            names.setdefault((model.name, f.json_name), [f"model {model.name}.{f.json_name}"])
    return names


def names_of(api):
    """Every (kind, name) one version's IR has."""
    out = set()
    for tag in api.tags:
        for op in tag.operations:
            out.add(("operation", operation_key(op)))
            out.update(("param", param_key(op, p)) for p in op.params)
    for paths in field_names(api).values():
        out.update(("field", p) for p in paths)
    return out


def load_apis(spec_paths, warn=lambda m: None):
    return sorted((build_api(load_spec(p, warn=warn)) for p in spec_paths),
                  key=lambda a: version_tuple(a.version))


def collect(spec_paths, warn=lambda m: None):
    """({(kind, name): [versions]}, [all versions]), versions in order."""
    apis = load_apis(spec_paths, warn)
    seen = {}
    for api in apis:
        for key in names_of(api):
            seen.setdefault(key, []).append(api.version)
    return seen, [a.version for a in apis]


def runs(present, versions):
    """[(first, last)] ranges of consecutive known versions in `present`."""
    out = []
    index = {v: i for i, v in enumerate(versions)}
    for v in present:
        if out and index[out[-1][1]] + 1 == index[v]:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def format_runs(ranges):
    return ",".join(f"{a}..{b}" for a, b in ranges)


def parse_runs(text):
    return [tuple(r.split("..")) for r in text.split(",")]


def format_facts(seen, versions):
    """One line per name that does not span every version: 'kind<TAB>name<TAB>ranges'."""
    lines = []
    for (kind, name), present in sorted(seen.items()):
        ranges = runs(present, versions)
        if ranges != [(versions[0], versions[-1])]:
            lines.append(f"{kind}\t{name}\t{format_runs(ranges)}")
    return "\n".join(lines)


# --- the committed table (spec/version-facts.yaml) ----------------------------

TABLE_NAME = "version-facts.yaml"


def table_text(seen, versions, sources):
    """The YAML table: versions known, and the ranges of every name not in all of them."""
    lines = [
        "# Generated by `python3 -m codegen facts --write` from: " + " ".join(sources),
        "# In which API versions each operation, parameter and field exists; a name not",
        "# listed exists in every version below. Refresh when a spec is added (test_facts.py checks).",
        "versions: [" + ", ".join(f'"{v}"' for v in versions) + "]",
        "facts:",
    ]
    for line in format_facts(seen, versions).splitlines():
        kind, name, ranges = line.split("\t")
        lines.append(f'  "{kind} {name}": "{ranges}"')
    return "\n".join(lines) + "\n"


def load_table(path):
    """(versions, {"kind name": [(first, last)]}); ([], {}) when there is no table."""
    data = load_yaml_table(path)
    return [str(v) for v in data.get("versions") or []], \
        {k: parse_runs(v) for k, v in (data.get("facts") or {}).items()}


class Facts:
    """Since which API version each part of one version's bindings exists.

    `since(kind, name)` is the first known version that has the name. A gap
    between two ranges is taken for a documentation gap, not a removal and
    return: `NanoCpus` is missing only from the 1.27 spec (spelled `NanoCPUs`
    there), `KernelMemory` only from 1.38-1.39, and the daemons kept both.
    Names the table does not list, and every name when the table does not
    cover this version, are as old as the oldest known version (no check).
    """

    def __init__(self, version, table_versions, table):
        self.version = version
        self.oldest = table_versions[0] if table_versions else version
        self.covered = version in table_versions
        self.newest = table_versions[-1] if table_versions else version
        self.table = table

    def since(self, kind, name):
        if not self.covered:
            return self.oldest
        ranges = self.table.get(f"{kind} {name}")
        return ranges[0][0] if ranges else self.oldest

    def body_fields_since(self, operation, op_since):
        """[(path, first version)] of the request body fields of `operation` newer than
        `op_since`, whether this version has them or not (the layer refuses a field
        newer than its bindings by the same fact), sorted by path."""
        if not self.covered:
            return []
        prefix = f"field {operation} request."
        out = [(key[len(prefix):], ranges[0][0]) for key, ranges in self.table.items()
               if key.startswith(prefix) and ranges
               and version_tuple(ranges[0][0]) > version_tuple(op_since)]
        return sorted(out)

    def until(self, kind, name):
        """The last known version that has the name when a newer known version lacks it
        (it was removed), else None."""
        if not self.covered:
            return None
        ranges = self.table.get(f"{kind} {name}")
        if not ranges:
            return None
        last = ranges[-1][1]
        return last if last != self.newest else None


def annotate(api, table_path):
    """Sets `since` on operations, params and model fields of `api` (None: no check needed)."""
    versions, table = load_table(table_path)
    facts = Facts(api.version, versions, table)

    def later(v, than):
        return v if version_tuple(v) > version_tuple(than) else None

    api.oldest_known = facts.oldest
    for tag in api.tags:
        for op in tag.operations:
            op_since = facts.since("operation", operation_key(op))
            op.since = later(op_since, facts.oldest)
            op.until = facts.until("operation", operation_key(op))
            for p in op.params:
                # A parameter only needs its own check when it is newer than its operation.
                p.since = later(facts.since("param", param_key(op, p)), op_since)
                p.until = facts.until("param", param_key(op, p))
            op.body_since = facts.body_fields_since(operation_key(op), op_since)
    fields = {(m.name, f.json_name): f for m in api.models for f in m.current_fields}
    for key, paths in field_names(api).items():
        # Where one model is reached along several paths, the oldest wins: encoding
        # then never drops a field some endpoint of that version accepts.
        since = min((facts.since("field", p) for p in paths), key=version_tuple)
        fields[key].since = later(since, facts.oldest)
        # ... and it is gone only when gone from every path.
        untils = [facts.until("field", p) for p in paths]
        if all(untils):
            fields[key].until = max(untils, key=version_tuple)
    return facts
