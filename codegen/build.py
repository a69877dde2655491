"""A loaded spec -> the IR (ir.Api): models, then operations grouped per tag.

Its own module so that generate.py (rendering), facts.py and diff.py all build
the IR the same way without importing one another.
"""

import os

from . import GENERATOR_VERSION, ir
from .models import TypeMapper
from .names import version_id
from .operations import OperationBuilder


def build_api(loaded, legacy=None) -> ir.Api:
    """`legacy`: the table of legacy.load_table ((fields, definitions)); with it the
    models also get typed members for the shapes older versions send (legacy.py)."""
    vid = version_id(loaded.version)
    namespace = f"docker::v{vid}"
    types = TypeMapper(loaded.document, namespace)
    types.build_all_definitions()
    tags = OperationBuilder(loaded.document, types).build()
    legacy_count = 0
    if legacy:
        from .legacy import apply   # legacy.py builds older specs' IR with this module
        legacy_count = apply(types, tags, loaded.version, *legacy)
    return ir.Api(
        version=loaded.version, version_id=vid, namespace=namespace,
        spec_name=os.path.basename(loaded.path), spec_sha256=loaded.sha256,
        generator_version=GENERATOR_VERSION, models=types.sorted_models(), tags=tags,
        patch_count=loaded.patches_applied, legacy_count=legacy_count,
    )
