"""Finding, fingerprinting and patching a spec file.

Patches are data under spec/patches/: `all.yaml` applies to every version,
`v1.NN.yaml` to one. An entry addresses one place of the spec by JSON pointer
(`set`, `merge`, `remove`, `add-enum`), or every parameter a `match` selects
(`each-parameter`, see spec/README.md).
"""

import hashlib
import os
import sys
from dataclasses import dataclass

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_DIR = os.path.join(REPO_ROOT, "spec")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=_Loader)


def load_yaml_table(path):
    """The mapping a YAML file holds; {} when the file is missing or empty."""
    try:
        return load_yaml(path) or {}
    except FileNotFoundError:
        return {}


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def version_tuple(version):
    major, minor = str(version).split(".")[:2]
    return int(major), int(minor)


@dataclass
class LoadedSpec:
    path: str
    sha256: str
    version: str
    document: dict
    patches_applied: int


def known_versions(spec_dir=SPEC_DIR):
    """{version: sha256} from spec/versions.yaml."""
    data = load_yaml_table(os.path.join(spec_dir, "versions.yaml"))
    return {str(k): v["sha256"] for k, v in (data.get("versions") or {}).items()}


def check_fingerprint(version, sha256, spec_dir=SPEC_DIR, warn=lambda m: print(m, file=sys.stderr)):
    expected = known_versions(spec_dir).get(version)
    if expected is None:
        warn(f"codegen: warning: API {version} is not listed in spec/versions.yaml; generating anyway")
    elif expected != sha256:
        warn(f"codegen: warning: spec for API {version} has sha256 {sha256}, "
             f"spec/versions.yaml expects {expected}; generating from the file given")


# --- JSON pointer patches -----------------------------------------------------

def _unescape(token):
    return token.replace("~1", "/").replace("~0", "~")


def _walk(doc, pointer):
    """(parent container, last key) of `pointer`, or (None, None) when a parent is missing."""
    tokens = [_unescape(t) for t in pointer.split("/")[1:]]
    node = doc
    for token in tokens[:-1]:
        if isinstance(node, list):
            token = int(token)
            if token >= len(node):
                return None, None
        elif not isinstance(node, dict):
            return None, None
        else:
            token = _key_in(node, token)
            if token not in node:
                return None, None
        node = node[token]
    last = tokens[-1]
    if isinstance(node, list):
        last = int(last)
    elif isinstance(node, dict):
        last = _key_in(node, last)
    return node, last


def _key_in(mapping, token):
    """`token`, or its integer when the YAML key is one (response statuses: `200`)."""
    if token not in mapping and token.isdigit() and int(token) in mapping:
        return int(token)
    return token


def _applies(patch, version):
    v = version_tuple(version)
    if "since" in patch and v < version_tuple(patch["since"]):
        return False
    if "until" in patch and v > version_tuple(patch["until"]):
        return False
    return True


# --- rules over many parameters ------------------------------------------------

MATCH_KEYS = ("in", "name", "description_contains", "path_prefix")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def _alternatives(value):
    return value if isinstance(value, list) else [value]


def parameter_matches(match, path, param):
    """Whether `param` (of an operation on `path`) has every property `match` asks for;
    a list gives alternatives. Header names compare case-insensitively."""
    unknown = set(match) - set(MATCH_KEYS)
    if unknown:
        raise ValueError(f"each-parameter: unknown match keys {sorted(unknown)}")
    where = param.get("in")
    if "in" in match and where not in _alternatives(match["in"]):
        return False
    if "name" in match:
        fold = (lambda n: n.lower()) if where == "header" else (lambda n: n)
        if fold(param.get("name", "")) not in {fold(n) for n in _alternatives(match["name"])}:
            return False
    if "description_contains" in match:
        text = param.get("description") or ""
        if not any(t in text for t in _alternatives(match["description_contains"])):
            return False
    if "path_prefix" in match and not path.startswith(tuple(_alternatives(match["path_prefix"]))):
        return False
    return True


def apply_each_parameter(doc, patch):
    """Merges `patch["set"]` into every parameter `patch["match"]` selects, under every
    path and operation; returns whether any matched. A matched parameter is copied
    first, so a YAML alias shared with a parameter that does not match is left alone."""
    match, values = patch.get("match") or {}, patch.get("set") or {}
    if not values:
        raise ValueError(f"each-parameter without `set` ({patch.get('reason', '')})")
    matched = False
    for path, item in (doc.get("paths") or {}).items():
        holders = [item] + [item[m] for m in HTTP_METHODS if isinstance(item.get(m), dict)]
        for holder in holders:
            params = holder.get("parameters") or []
            for i, param in enumerate(params):
                if parameter_matches(match, path, param):
                    params[i] = {**param, **values}
                    matched = True
    return matched


def apply_patch(doc, patch):
    """Applies one patch; returns False when its target does not exist (and it is optional)
    or, for `each-parameter`, when it selects no parameter."""
    op = patch["op"]
    if op == "each-parameter":
        return apply_each_parameter(doc, patch)
    pointer = patch["path"]
    parent, key = _walk(doc, pointer)
    exists = parent is not None and (key in parent if isinstance(parent, dict) else key < len(parent))
    needs_target = op in ("merge", "remove", "add-enum")
    if parent is None or (needs_target and not exists):
        if patch.get("optional", False):
            return False
        raise ValueError(f"patch target {pointer} does not exist ({patch.get('reason', '')})")
    if op == "set":
        parent[key] = patch["value"]
    elif op == "merge":
        parent[key].update(patch["value"])
    elif op == "remove":
        del parent[key]
    elif op == "add-enum":
        values = parent[key].setdefault("enum", [])
        for value in patch["value"]:
            if value not in values:
                values.append(value)
    else:
        raise ValueError(f"unknown patch op {op!r} at {pointer}")
    return True


def patches_for(version, spec_dir=SPEC_DIR):
    out = []
    for name in ("all.yaml", f"v{version}.yaml"):
        path = os.path.join(spec_dir, "patches", name)
        if os.path.exists(path):
            for patch in load_yaml(path) or []:
                if not patch.get("reason"):
                    raise ValueError(f"{path}: patch {patch.get('path')} has no reason")
                if _applies(patch, version):
                    out.append(patch)
    return out


def load_spec(path, spec_dir=SPEC_DIR, warn=lambda m: print(m, file=sys.stderr)):
    document = load_yaml(path)
    version = str(document["info"]["version"])
    sha256 = sha256_of(path)
    check_fingerprint(version, sha256, spec_dir, warn)
    applied = sum(1 for p in patches_for(version, spec_dir) if apply_patch(document, p))
    return LoadedSpec(path, sha256, version, document, applied)
