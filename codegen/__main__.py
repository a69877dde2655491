"""Command line: python3 -m codegen {generate,list,version,stats,facts,legacy,diff} ..."""

import argparse
import sys

from .generate import generate
from .spec_source import load_yaml


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m codegen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write the bindings of SPEC under OUT")
    gen.add_argument("--spec", required=True)
    gen.add_argument("--out", required=True)
    gen.add_argument("--spec-dir", help="patch/version data (default: the repo's spec/)")
    gen.add_argument("--stamp", help="file touched after a successful run (build systems)")
    lst = sub.add_parser("list", help="print the files `generate` would write, one per line")
    lst.add_argument("--spec", required=True)
    lst.add_argument("--spec-dir")
    ver = sub.add_parser("version", help="print the API version a spec file describes")
    ver.add_argument("spec")
    stats = sub.add_parser("stats", help="print counts of types, operations and patches")
    stats.add_argument("specs", nargs="+")
    facts = sub.add_parser("facts", help="when operations, parameters and fields appear across SPECs")
    facts.add_argument("specs", nargs="+")
    facts.add_argument("--write", metavar="TABLE",
                       help="write the YAML table the generator reads (spec/version-facts.yaml)")
    legacy = sub.add_parser("legacy", help="older shapes of response fields across SPECs")
    legacy.add_argument("specs", nargs="+")
    legacy.add_argument("--write", metavar="TABLE",
                        help="write the YAML table the generator reads (spec/legacy-fields.yaml)")
    diff = sub.add_parser("diff", help="what changed between two specs, and the semver bump it implies")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--spec-dir")
    args = parser.parse_args(argv)

    if args.command == "version":
        print(load_yaml(args.spec)["info"]["version"])
    elif args.command == "list":
        _, files = generate(args.spec, None, args.spec_dir, list_only=True)
        print("\n".join(files))
    elif args.command == "generate":
        generate(args.spec, args.out, args.spec_dir)
        if args.stamp:
            with open(args.stamp, "w") as f:
                f.write("")
    elif args.command == "facts":
        from .facts import collect, format_facts, table_text
        seen, versions = collect(args.specs)
        if args.write:
            import os
            sources = sorted({os.path.basename(p) for p in args.specs}, key=lambda n: n)
            with open(args.write, "w") as f:
                f.write(table_text(seen, versions, [f"{sources[0]} .. {sources[-1]} ({len(sources)} files)"]))
        else:
            print(format_facts(seen, versions))
    elif args.command == "legacy":
        import os
        from .legacy import derive, table_text
        versions, fields, definitions = derive(args.specs)
        sources = sorted({os.path.basename(p) for p in args.specs})
        text = table_text(versions, fields, definitions, [f"{sources[0]} .. {sources[-1]} ({len(sources)} files)"])
        if args.write:
            with open(args.write, "w") as f:
                f.write(text)
        else:
            print(text, end="")
    elif args.command == "diff":
        from .diff import diff_specs
        print(diff_specs(args.old, args.new, args.spec_dir))
    elif args.command == "stats":
        for spec in args.specs:
            api, files = generate(spec, None, list_only=True)
            ops = sum(len(t.operations) for t in api.tags)
            print(f"{api.version}\ttypes={len(api.models)}\toperations={ops}\tpatches={api.patch_count}"
                  f"\tlegacy={api.legacy_count}\tfiles={len(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
