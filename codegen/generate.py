"""spec file -> IR -> files on disk (written only when their bytes change)."""

import os
import re

import jinja2

from . import ir
from .build import build_api
from .facts import TABLE_NAME, annotate
from .legacy import load_table as load_legacy_table, table_path as legacy_table_path
from .spec_source import SPEC_DIR, load_spec

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
# The runtime contract generated code is written for: checked by every generated
# header against docker/internal/generated_code.hpp (bump both together).
RUNTIME_CONTRACT = 2
RUNTIME_CHECK = (
    '#include "docker/internal/generated_code.hpp"\n'
    f"#if DOCKER_CPP_GENERATED_CODE_CONTRACT != {RUNTIME_CONTRACT}\n"
    f'#error "docker-cpp: these bindings were generated for runtime contract {RUNTIME_CONTRACT} and the runtime '
    'found has another: regenerate them with the generator that comes with this runtime"\n'
    "#endif")
# The models' codecs are compiled in shards of about this many fields (a model
# weighs its field count plus MODEL_WEIGHT): small enough that editing one
# model recompiles a few seconds of code, large enough that each shard's fixed
# cost (the runtime's headers) stays a small part of a cold build.
SHARD_WEIGHT = 160
MODEL_WEIGHT = 2


def model_shards(models):
    """[[model]]: the struct models in name order, cut into consecutive shards of
    at most SHARD_WEIGHT (a heavier model is a shard on its own)."""
    shards, weight = [], 0
    for model in sorted((m for m in models if m.kind == "struct"), key=lambda m: m.name):
        w = len(model.fields) + MODEL_WEIGHT
        if not shards or weight + w > SHARD_WEIGHT:
            shards.append([])
            weight = 0
        shards[-1].append(model)
        weight += w
    return shards


# HTML the spec's descriptions use; any other `<word>` (`<string>`, `<key>`) is
# a placeholder, escaped so that Doxygen shows it instead of warning.
_HTML_TAGS = {"a", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "hr", "i", "li",
              "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "td", "th", "tr", "ul"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_-]*)")
# The spec links its own sections (`[logs](#operation/ContainerLogs)`): on the
# Engine API reference page of the same version.
_SPEC_ANCHOR = re.compile(r"\]\(#((?:operation|section|tag)/[^)]*)\)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _doc_line(line, version, in_code):
    """(line made safe, whether a code span is still open at its end)."""
    if version:
        line = _SPEC_ANCHOR.sub(
            lambda m: f"](https://docs.docker.com/reference/api/engine/version/v{version}/#{m.group(1)})", line)
    parts = line.split("`")
    # Outside code spans, which may continue on the next line of the paragraph
    # (`membership=`(`a`|`b`)` leaves one open).
    for i in range(1 if in_code else 0, len(parts), 2):
        parts[i] = _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in _HTML_TAGS
                            else "\\<" + m.group(1) + m.group(2), parts[i])
    return "`".join(parts), in_code != (len(parts) % 2 == 0)


@jinja2.pass_context
def _doc(context, text, indent=0):
    """A description as `///` lines (trailing backslashes would splice lines),
    its placeholders and spec-internal links made safe for Doxygen."""
    api = context.get("api")
    version = api.version if api is not None else ""
    pad = " " * indent
    lines = [line.rstrip().rstrip("\\") for line in (text or "").strip().splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    fenced = in_code = False
    out = []
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        elif not line.strip():
            in_code = False   # a paragraph ends every span
        elif not fenced:
            line, in_code = _doc_line(line, version, in_code)
        out.append(f"{pad}///{' ' + line if line else ''}")
    return "\n".join(out)


def _one_line(text):
    return " ".join((text or "").split())


def _cstr(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def environment():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        autoescape=False)
    env.globals["runtime_check"] = RUNTIME_CHECK
    env.filters["doc"] = _doc
    env.filters["cstr"] = _cstr
    env.filters["one_line"] = _one_line
    env.filters["api_version"] = lambda v: "docker::ApiVersion{%s, %s}" % tuple(str(v).split(".")[:2])
    return env


def forward_order(api: ir.Api):
    """Models in the order api.hpp declares them: structs and enums (declared
    only) first, then aliases, each after the aliases it names."""
    by_name = {m.name: m for m in api.models}
    order = [m for m in api.models if m.kind != "alias"]
    done = set()

    def visit(model):
        if model.name in done:
            return
        done.add(model.name)
        for dep in model.deps:
            if by_name.get(dep) is not None and by_name[dep].kind == "alias":
                visit(by_name[dep])
        order.append(model)

    for m in api.models:
        if m.kind == "alias":
            visit(m)
    results = {op.result_alias for tag in api.tags for op in tag.operations}
    taken = set(by_name) | {op.params_struct for tag in api.tags for op in tag.operations}
    if results & taken:
        raise ValueError(f"api.hpp: result aliases clash with type names: {sorted(results & taken)}")
    return order


def render_all(api: ir.Api):
    """{relative path: content} of every generated file, in a stable order."""
    env = environment()
    banner = (f"// Code generated by docker-cpp codegen from {api.spec_name} "
              f"(sha256 {api.spec_sha256}). DO NOT EDIT.")
    inc = f"docker/v{api.version_id}"
    common = dict(api=api, banner=banner, inc=inc, ns=api.namespace, model_groups=api.model_groups())
    files = {}
    model_tpl = env.get_template("model.hpp.j2")
    for model in api.models:
        files[f"include/{inc}/models/{model.name}.hpp"] = model_tpl.render(model=model, **common)
    models_tpl = env.get_template("models.cpp.j2")
    for i, models in enumerate(model_shards(api.models)):
        files[f"src/models_{i:02d}.cpp"] = models_tpl.render(models=models, **common)
    api_hpp, api_cpp = env.get_template("api.hpp.j2"), env.get_template("api.cpp.j2")
    api_decl_hpp, result_hpp = env.get_template("api_decl.hpp.j2"), env.get_template("result.hpp.j2")
    for tag in api.tags:
        files[f"include/{inc}/{tag.file_stem}_decl.hpp"] = api_decl_hpp.render(tag=tag, **common)
        for op in tag.operations:
            files[f"include/{inc}/results/{op.method_name}.hpp"] = result_hpp.render(tag=tag, op=op, **common)
        files[f"include/{inc}/{tag.file_stem}.hpp"] = api_hpp.render(tag=tag, **common)
        files[f"src/{tag.file_stem}.cpp"] = api_cpp.render(tag=tag, **common)
    files[f"include/{inc}/version.hpp"] = env.get_template("version.hpp.j2").render(**common)
    files[f"include/{inc}/models.hpp"] = env.get_template("models.hpp.j2").render(**common)
    files[f"include/{inc}.hpp"] = env.get_template("umbrella.hpp.j2").render(**common)
    files[f"include/{inc}/api.hpp"] = env.get_template("api_traits.hpp.j2").render(
        forward_models=forward_order(api), **common)
    return dict(sorted(files.items()))


def write_if_changed(path, content):
    data = content.encode()
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return True


def generate(spec_path, out_dir, spec_dir=None, list_only=False):
    """Generates (or only lists) the files for `spec_path`; returns (api, [relative paths])."""
    spec_dir = spec_dir or SPEC_DIR
    # Legacy members add models, so they are part of the file list too.
    api = build_api(load_spec(spec_path, spec_dir=spec_dir), legacy=load_legacy_table(legacy_table_path(spec_dir)))
    if not list_only:   # facts change file contents, never the file list
        annotate(api, os.path.join(spec_dir, TABLE_NAME))
    files = render_all(api)
    if not list_only:
        for rel, content in files.items():
            write_if_changed(os.path.join(out_dir, rel), content)
        _remove_stale(out_dir, set(files))
    return api, list(files)


def _remove_stale(out_dir, keep):
    """Deletes generated files a previous run wrote but this one did not (renamed models)."""
    for sub in ("include", "src"):
        root = os.path.join(out_dir, sub)
        for dirpath, _, names in os.walk(root):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), out_dir).replace(os.sep, "/")
                if rel not in keep and name.endswith((".hpp", ".cpp")):
                    os.remove(os.path.join(dirpath, name))
