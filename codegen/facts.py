"""Version facts: across several specs, when each operation, parameter and
model field first and last appears (from the same IR the generator renders)."""

from .generate import build_api
from .spec_source import load_spec, version_tuple


def collect(spec_paths, warn=lambda m: None):
    """{("operation"|"param"|"field", name): (first version, last version)}, versions sorted."""
    apis = sorted((build_api(load_spec(p, warn=warn)) for p in spec_paths),
                  key=lambda a: version_tuple(a.version))
    seen = {}
    for api in apis:
        names = set()
        for tag in api.tags:
            for op in tag.operations:
                names.add(("operation", op.operation_id))
                names.update(("param", f"{op.operation_id}.{p.json_name}") for p in op.params)
        for model in api.models:
            names.update(("field", f"{model.name}.{f.json_name}") for f in model.fields)
        for key in names:
            first, _ = seen.get(key, (api.version, None))
            seen[key] = (first, api.version)
    return seen, [a.version for a in apis]


def format_facts(seen, versions):
    """One line per name that does not span every version: 'kind name first..last'."""
    lines = []
    for (kind, name), (first, last) in sorted(seen.items()):
        if (first, last) != (versions[0], versions[-1]):
            lines.append(f"{kind}\t{name}\t{first}..{last}")
    return "\n".join(lines)
