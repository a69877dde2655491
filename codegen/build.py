"""A loaded spec -> the IR (ir.Api): models, then operations grouped per tag.

Its own module so that generate.py (rendering), facts.py and diff.py all build
the IR the same way without importing one another.
"""

import os

from . import GENERATOR_VERSION, ir
from .models import TypeMapper
from .names import version_id
from .operations import OperationBuilder


def build_api(loaded) -> ir.Api:
    vid = version_id(loaded.version)
    namespace = f"docker::v{vid}"
    types = TypeMapper(loaded.document, namespace)
    types.build_all_definitions()
    tags = OperationBuilder(loaded.document, types).build()
    return ir.Api(
        version=loaded.version, version_id=vid, namespace=namespace,
        spec_name=os.path.basename(loaded.path), spec_sha256=loaded.sha256,
        generator_version=GENERATOR_VERSION, models=types.sorted_models(), tags=tags,
        patch_count=loaded.patches_applied,
    )
