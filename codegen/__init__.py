"""docker-cpp code generator: Engine API swagger 2.0 -> typed C++ bindings.

Pipeline: load YAML -> apply spec/ patches -> normalise -> IR -> render -> write-if-changed.
"""

GENERATOR_VERSION = "0.1.0"
