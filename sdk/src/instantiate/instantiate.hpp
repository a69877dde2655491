// Shared by the files of sdk/src/instantiate/: each instantiates the layer's
// templates of one area for one API version's bindings (DOCKER_SDK_NS,
// through DOCKER_SDK_ALIASES) and includes only that area's declarations
// (DOCKER_SDK_TAG(<tag>_api_decl): the models operations only return are
// declared there, not defined) and the results it reads (DOCKER_SDK_RESULT,
// DOCKER_SDK_MODEL), so that editing a model recompiles the files that read
// it, not the whole layer, and the areas compile in parallel. The objects go
// into that version's library (docker_api_v1_NN): a user's file, which sees only
// declarations and `extern template` (docker/sdk/v1_NN.hpp), compiles none of
// the bodies. Compiled with -Werror: a version whose generated types do not
// fit fails the build.
#pragma once

// The aliases header declares every template of the layer `extern` for this
// version: each file instantiates its own area, and the bodies of other areas
// it reaches stay in their own files.
#include DOCKER_SDK_ALIASES

#define DOCKER_SDK_STR2(x) #x
#define DOCKER_SDK_STR(x) DOCKER_SDK_STR2(x)
/// A tag header of this version's bindings: DOCKER_SDK_TAG(container_api).
// Not formatted: spaces around the slashes would end up in the path.
// clang-format off
// NOLINTNEXTLINE(bugprone-macro-parentheses): a path, spelled as a string
#define DOCKER_SDK_TAG(tag) DOCKER_SDK_STR(docker/DOCKER_SDK_NS/tag.hpp)
/// The definitions of what an operation returns: DOCKER_SDK_RESULT(container_wait).
// NOLINTNEXTLINE(bugprone-macro-parentheses): a path, spelled as a string
#define DOCKER_SDK_RESULT(operation) DOCKER_SDK_STR(docker/DOCKER_SDK_NS/results/operation.hpp)
/// A model header of this version's bindings, for a model the layer names
/// itself (Api::BuildInfo): DOCKER_SDK_MODEL(BuildInfo).
// NOLINTNEXTLINE(bugprone-macro-parentheses): a path, spelled as a string
#define DOCKER_SDK_MODEL(name) DOCKER_SDK_STR(docker/DOCKER_SDK_NS/models/name.hpp)
// clang-format on

namespace api = docker::DOCKER_SDK_NS;
