"""`python3 -m codegen diff OLD.yaml NEW.yaml`: what changed between two specs,
compared on the IR the generator renders (patches applied), and the semver
bump it implies for the generated library.

major: something generated code could use is gone or has another C++ type
(operations, parameters, types, fields, enum constants removed; parameters,
fields, responses, aliases retyped; a parameter's required flag flipped, which
changes its member between `T` and `std::optional<T>`). minor: additions only.
patch: nothing a program can see (descriptions, docs).
"""

from dataclasses import dataclass

from .build import build_api
from .facts import operation_key
from .spec_source import SPEC_DIR, load_spec


def _plain(cpp_type):
    """An ir.CppType (or None) without the version namespace, comparable across versions."""
    return cpp_type.plain() if cpp_type else ""


@dataclass(frozen=True, order=True)
class Change:
    section: str      # operation | parameter | response | type | field | enum value
    action: str       # added | removed | retyped | required
    name: str
    detail: str = ""

    @property
    def breaking(self):
        return self.action != "added"

    def line(self):
        mark = {"added": "+", "removed": "-"}.get(self.action, "~")
        return f"  {mark} {self.name}" + (f"  {self.detail}" if self.detail else "")


def _operations(api):
    return {operation_key(op): op for tag in api.tags for op in tag.operations}


def _param_id(p):
    return (p.location, p.json_name.lower() if p.location == "header" else p.json_name)


def compare(old, new):
    """[Change] from IR `old` to IR `new`, sorted."""
    changes = []
    old_ops, new_ops = _operations(old), _operations(new)
    for key in sorted(old_ops.keys() - new_ops.keys()):
        changes.append(Change("operation", "removed", old_ops[key].operation_id, key))
    for key in sorted(new_ops.keys() - old_ops.keys()):
        changes.append(Change("operation", "added", new_ops[key].operation_id, key))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        changes += _compare_operation(old_ops[key], new_ops[key])

    old_models = {m.name: m for m in old.models}
    new_models = {m.name: m for m in new.models}
    for name in sorted(old_models.keys() - new_models.keys()):
        changes.append(Change("type", "removed", name, old_models[name].kind))
    for name in sorted(new_models.keys() - old_models.keys()):
        changes.append(Change("type", "added", name, new_models[name].kind))
    for name in sorted(old_models.keys() & new_models.keys()):
        changes += _compare_model(old_models[name], new_models[name])
    return sorted(changes)


def _compare_operation(old_op, new_op):
    out = []
    name = new_op.operation_id
    olds = {_param_id(p): p for p in old_op.params}
    news = {_param_id(p): p for p in new_op.params}
    for pid in sorted(olds.keys() - news.keys()):
        out.append(Change("parameter", "removed", f"{name}.{pid[1]}", pid[0]))
    for pid in sorted(news.keys() - olds.keys()):
        p = news[pid]
        out.append(Change("parameter", "added", f"{name}.{pid[1]}", f"{pid[0]}, {_plain(p.cpp_type)}"))
    for pid in sorted(olds.keys() & news.keys()):
        a, b = olds[pid], news[pid]
        if a.required != b.required:
            flip = "optional -> required" if b.required else "required -> optional"
            out.append(Change("parameter", "required", f"{name}.{pid[1]}", flip))
        elif _plain(a.cpp_type) != _plain(b.cpp_type):
            out.append(Change("parameter", "retyped", f"{name}.{pid[1]}",
                              f"{_plain(a.cpp_type)} -> {_plain(b.cpp_type)}"))
    before, after = old_op.response, new_op.response
    if (before.kind, _plain(before.return_type)) != (after.kind, _plain(after.return_type)):
        out.append(Change("response", "retyped", name,
                          f"{_plain(before.return_type)} -> {_plain(after.return_type)}"))
    return out


def _compare_model(a, b):
    if a.kind != b.kind:
        return [Change("type", "retyped", a.name, f"{a.kind} -> {b.kind}")]
    out = []
    if a.kind == "alias" and _plain(a.alias_of) != _plain(b.alias_of):
        out.append(Change("type", "retyped", a.name, f"{_plain(a.alias_of)} -> {_plain(b.alias_of)}"))
    if a.kind == "enum":
        olds, news = {v.json_value for v in a.values}, {v.json_value for v in b.values}
        out += [Change("enum value", "removed", f"{a.name}.{v}") for v in sorted(olds - news)]
        out += [Change("enum value", "added", f"{a.name}.{v}") for v in sorted(news - olds)]
    if a.kind == "struct":
        olds = {f.json_name: f for f in a.fields}
        news = {f.json_name: f for f in b.fields}
        out += [Change("field", "removed", f"{a.name}.{k}") for k in sorted(olds.keys() - news.keys())]
        out += [Change("field", "added", f"{a.name}.{k}", _plain(news[k].cpp_type))
                for k in sorted(news.keys() - olds.keys())]
        for k in sorted(olds.keys() & news.keys()):
            before, after = _plain(olds[k].cpp_type), _plain(news[k].cpp_type)
            if before != after:
                out.append(Change("field", "retyped", f"{a.name}.{k}", f"{before} -> {after}"))
    return out


def verdict(changes):
    """(bump, reason) for the generated library."""
    counts = {}
    for c in changes:
        counts[c.action] = counts.get(c.action, 0) + 1
    breaking = {a: n for a, n in counts.items() if a != "added"}
    if breaking:
        words = {"removed": "removed", "retyped": "retyped", "required": "required flag changed"}
        return "major", ", ".join(f"{n} {words[a]}" for a, n in sorted(breaking.items()))
    if counts.get("added"):
        return "minor", f"{counts['added']} added, nothing removed or retyped"
    return "patch", "no operation, parameter, type, field or enum value changed"


SECTIONS = [("operation", "Operations"), ("parameter", "Parameters"), ("response", "Responses"),
            ("type", "Types"), ("field", "Fields"), ("enum value", "Enum values")]


def report(old, new, changes):
    lines = [f"API {old.version} -> {new.version} ({old.spec_name} -> {new.spec_name})"]
    for section, title in SECTIONS:
        items = [c for c in changes if c.section == section]
        if items:
            added = sum(1 for c in items if c.action == "added")
            lines.append("")
            lines.append(f"{title}: {added} added, {len(items) - added} removed or changed")
            lines += [c.line() for c in items]
    if not changes:
        lines.append("")
        lines.append("No changes in operations, parameters, types, fields or enum values.")
    bump, reason = verdict(changes)
    lines.append("")
    lines.append(f"semver: {bump} ({reason})")
    return "\n".join(lines)


def diff_specs(old_path, new_path, spec_dir=None, warn=lambda m: None):
    spec_dir = spec_dir or SPEC_DIR
    old = build_api(load_spec(old_path, spec_dir=spec_dir, warn=warn))
    new = build_api(load_spec(new_path, spec_dir=spec_dir, warn=warn))
    return report(old, new, compare(old, new))
