// The entry point: Docker<Api> (list, create, run, build, events, login) and
// the checks that the layer's names and ergonomics hold for this version
// (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api_decl)
#include DOCKER_SDK_TAG(image_api_decl)
#include DOCKER_SDK_TAG(system_api_decl)
#include DOCKER_SDK_RESULT(container_create)
#include DOCKER_SDK_RESULT(container_inspect)
#include DOCKER_SDK_RESULT(container_list)
#include DOCKER_SDK_RESULT(system_auth)
#include DOCKER_SDK_RESULT(system_events)

#include <string>

#include "docker/hooks.hpp"
#include "docker/sdk/impl/docker.hpp"

template class docker::sdk::Docker<api::Api>;

static_assert(std::is_same_v<api::Docker, docker::sdk::Docker<api::Api>>);
static_assert(api::Api::version == api::api_version);

// Internal linkage: every version's library has these, and several link into one program.
namespace {

// The services' results, read as a user would.
[[maybe_unused]] void instantiate_services(const api::Docker& docker) { (void)docker.events().next(); }

// Ergonomics the layer's users rely on, under -Wall -Wextra -Werror:
// value_or({}) on a generated field, and hooks.hpp's own designated-initialiser
// example (no missing-field-initializers warning).
[[maybe_unused]] std::string name_or_empty(const api::ContainerInspectResponse& info) { return info.Name.value_or({}); }
[[maybe_unused]] docker::CallHooks end_only_hooks() {
  return docker::CallHooks{.on_end = [](const docker::CallInfo&) {}};
}

}  // namespace
