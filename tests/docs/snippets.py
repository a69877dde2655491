#!/usr/bin/env python3
"""The ```cpp blocks of the repository's Markdown files, as programs.

Every ```cpp block is compiled. An HTML comment on the line before the fence
says more (see tests/docs/README.md):

    <!-- snippet: compile -->         the default: compiled, never run
    <!-- snippet: run -->             compiled, and run against $DOCKER_HOST by ctest
    <!-- snippet: skip <reason> -->   neither (ctest reports it skipped, with the reason)

A block with `int main(` is a whole program; any other block is a list of
statements: its #include lines go to the top of the file, the rest into a
function body. `scope=file` after the mode puts a block without main at
namespace scope (declarations only; it cannot be run).

    snippets.py cmake --root SRC --out DIR --versions 1_55;1_41 [--cpprest]

writes DIR/<name>.cpp per Markdown file with blocks (only when its bytes
change) and DIR/snippets.cmake, which calls docs_snippet_program() and
docs_snippet_test() (tests/docs/CMakeLists.txt).
"""

import argparse
import os
import re
import subprocess
import sys

DIRECTIVE = re.compile(r"^\s*<!--\s*snippet:\s*(\w+)\s*(.*?)\s*-->\s*$")
FENCE_OPEN = re.compile(r"^(\s*)```\s*(cpp|c\+\+)\s*$")
MAIN = re.compile(r"^\s*int\s+main\s*\(\s*\)", re.M)
INCLUDE = re.compile(r"^\s*#\s*include\s*[<\"]([^>\"]+)[>\"]")
VERSION_INCLUDE = re.compile(r"^docker/(?:sdk/)?v(1_\d+)(?:[/.]|$)")

# Standard headers a fragment may use without including them.
PRELUDE = ["chrono", "cstdint", "cstdlib", "iostream", "map", "memory", "optional",
           "string", "string_view", "utility", "vector"]


class Snippet:
    def __init__(self, md, line, mode, args, code):
        self.md, self.line, self.mode, self.args, self.code = md, line, mode, args, code
        self.index = 0
        self.excluded = ""  # why a block cannot be built here

    @property
    def where(self):
        return f"{self.md}:{self.line}"

    @property
    def includes(self):
        return [m.group(1) for m in map(INCLUDE.match, self.code) if m]

    @property
    def program(self):
        return bool(MAIN.search("\n".join(self.code)))


def markdown_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--", "*.md"],
                             check=True, capture_output=True, text=True).stdout
        files = [f for f in out.split("\0") if f]
        if files:
            return sorted(files)
    except (OSError, subprocess.CalledProcessError):
        pass
    # No git (a source tarball): walk, leaving out build trees and hidden folders.
    files = []
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".") and x != "generated"
                   and not os.path.exists(os.path.join(d, x, "CMakeCache.txt"))]
        files += [os.path.relpath(os.path.join(d, n), root) for n in names if n.endswith(".md")]
    return sorted(files)


def extract(root, md):
    with open(os.path.join(root, md), encoding="utf-8") as f:
        lines = f.read().split("\n")
    snippets, i = [], 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        mode, args = "compile", ""
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        d = DIRECTIVE.match(lines[j]) if j >= 0 else None
        if d:
            mode, args = d.group(1), d.group(2)
            if mode not in ("compile", "run", "skip"):
                sys.exit(f"{md}:{j + 1}: unknown snippet mode {mode!r} (compile, run, skip)")
        indent = len(m.group(1))
        start, i = i + 1, i + 1
        while i < len(lines) and lines[i].strip() != "```":
            i += 1
        if i == len(lines):
            sys.exit(f"{md}:{start}: unterminated ```cpp block")
        code = [ln[indent:] if ln[:indent].isspace() else ln for ln in lines[start:i]]
        snippets.append(Snippet(md, start + 1, mode, args, code))
        i += 1
    return snippets


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(root, md, snippets, cpp_path):
    """One translation unit: every block of `md` in its own namespace."""
    # One element per line: the #line directives count them.
    out = [f"// Written by tests/docs/snippets.py from {md}: do not edit.", ""]
    out += [f"#include <{h}>" for h in PRELUDE]
    out.append('#include "docs_snippet_runner.hpp"')
    path = os.path.join(root, md)
    seen = set()
    for s in snippets:
        for k, line in enumerate(s.code):
            m = INCLUDE.match(line)
            if m and m.group(1) not in seen:
                seen.add(m.group(1))
                out += [f"#line {s.line + k} {c_string(path)}", line.strip()]
    table = []
    for s in snippets:
        ns = f"docs_snippet_{s.index}"
        out += ["", f"namespace {ns} {{"]
        if s.program:
            out.append(f"#line {s.line} {c_string(path)}")
            out += [ln if not INCLUDE.match(ln) else "" for ln in s.code]
            entry = f"&{ns}::main"
        elif "scope=file" in s.args.split():
            out.append(f"#line {s.line} {c_string(path)}")
            out += [ln if not INCLUDE.match(ln) else "" for ln in s.code]
            entry = "nullptr"
        else:
            out.append("int run() {")
            out.append(f"#line {s.line} {c_string(path)}")
            out += [ln if not INCLUDE.match(ln) else "" for ln in s.code]
            out += ["return 0;", "}"]
            entry = f"&{ns}::run"
        # Back to this file's own numbering for what follows.
        out.append(f"#line {len(out) + 2} {c_string(cpp_path)}")
        out.append(f"}}  // namespace {ns}")
        table.append(f"    {{{c_string(s.where)}, {c_string(s.mode)}, {entry}}},")
    out += ["", "const docs::Snippet docs::snippets[] = {"] + table + ["};",
            "const int docs::snippet_count = sizeof docs::snippets / sizeof docs::snippets[0];", ""]
    return "\n".join(out)


def md_cpp_name(md):
    return "docs_" + re.sub(r"[^A-Za-z0-9]+", "_", md[:-3] if md.endswith(".md") else md)


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def cmake_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def cmd_cmake(a):
    root = os.path.abspath(a.root)
    available = {v for v in a.versions.replace(";", " ").split() if v}
    os.makedirs(a.out, exist_ok=True)
    files = markdown_files(root)
    cm = ["# Written by tests/docs/snippets.py: the ```cpp blocks of the Markdown files.",
          "set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS",
          *[f"  {cmake_quote(os.path.join(root, md))}" for md in files], ")"]
    for md in files:
        snippets = extract(root, md)
        if not snippets:
            continue
        built = []
        for s in snippets:
            versions = {m.group(1) for m in map(VERSION_INCLUDE.match, s.includes) if m}
            missing = sorted(versions - available)
            if s.mode == "skip":
                s.excluded = "skipped in " + md + ": " + (s.args or "no reason given")
            elif missing:
                s.excluded = ("needs the API " + ", ".join(v.replace("_", ".") for v in missing)
                              + " bindings, not in this build")
            elif any("cpprest" in h for h in s.includes) and not a.cpprest:
                s.excluded = "needs the cpprest transport, not in this build"
            else:
                s.index = len(built)
                built.append(s)
        name = md_cpp_name(md)
        if built:
            source = os.path.join(a.out, name + ".cpp")
            write_if_changed(source, render(root, md, built, source))
            libs = {"docker_runtime"}
            for s in built:
                for h in s.includes:
                    m = VERSION_INCLUDE.match(h)
                    if m:
                        libs.add("docker_api_v" + m.group(1))
                    if h.startswith("docker/sdk"):
                        libs.add("docker_sdk")
                    if "cpprest" in h:
                        libs.add("docker_cpprest")
            cm.append(f"docs_snippet_program({name} {cmake_quote(md)} {cmake_quote(source)} "
                      + " ".join(sorted(libs)) + ")")
        for s in snippets:
            if s.excluded:
                cm.append(f"docs_snippet_skipped({cmake_quote(s.where)} {cmake_quote(s.excluded)})")
            elif s.mode == "run":
                cm.append(f"docs_snippet_run({name} {s.index} {cmake_quote(s.where)})")
    write_if_changed(os.path.join(a.out, "snippets.cmake"), "\n".join(cm) + "\n")


def cmd_list(a):
    for md in markdown_files(os.path.abspath(a.root)):
        for s in extract(a.root, md):
            print(f"{s.where}\t{s.mode}\t{s.args}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cmake")
    c.add_argument("--root", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--versions", default="")
    c.add_argument("--cpprest", action="store_true")
    c.set_defaults(func=cmd_cmake)
    l = sub.add_parser("list")
    l.add_argument("--root", default=".")
    l.set_defaults(func=cmd_list)
    a = p.parse_args()
    a.func(a)


if __name__ == "__main__":
    main()
