// The layer's templates instantiated for one API version's bindings
// (DOCKER_SDK_NS, through DOCKER_SDK_ALIASES). The
// objects go into that version's library (docker_api_v1_NN), so that a user's
// file, which sees only declarations and `extern template` (docker/sdk/v1_NN.hpp),
// compiles none of the bodies. Compiled with -Werror: a version whose generated
// types do not fit fails the build.
#include DOCKER_SDK_ALIASES
// The tag headers the layer calls (not the umbrella: touching a model the
// layer never names should not recompile this file).
#define DOCKER_SDK_STR2(x) #x
#define DOCKER_SDK_STR(x) DOCKER_SDK_STR2(x)
#define DOCKER_SDK_TAG(tag) DOCKER_SDK_STR(docker/DOCKER_SDK_NS/tag.hpp)
#include DOCKER_SDK_TAG(container_api)
#include DOCKER_SDK_TAG(exec_api)
#include DOCKER_SDK_TAG(image_api)
#include DOCKER_SDK_TAG(network_api)
#include DOCKER_SDK_TAG(system_api)
// Swarm mode (configs only from API 1.30).
#include DOCKER_SDK_TAG(node_api)
#include DOCKER_SDK_TAG(secret_api)
#include DOCKER_SDK_TAG(service_api)
#include DOCKER_SDK_TAG(swarm_api)
#include DOCKER_SDK_TAG(task_api)
#if __has_include(DOCKER_SDK_TAG(config_api))
#include DOCKER_SDK_TAG(config_api)
#endif
#include DOCKER_SDK_TAG(volume_api)

#include <string>

#include "docker/hooks.hpp"
#include "docker/sdk/impl/docker.hpp"

namespace api = docker::DOCKER_SDK_NS;

template class docker::sdk::Docker<api::Api>;
template class docker::sdk::Container<api::Api>;
template class docker::sdk::ExecSession<api::Api>;
template class docker::sdk::PendingWait<api::Api>;
template class docker::sdk::Images<api::Api>;
template class docker::sdk::Archive<api::Api>;
template class docker::sdk::Stats<api::Api>;
template class docker::sdk::BuildReader<api::Api>;
template class docker::sdk::Swarm<api::Api>;
template class docker::sdk::Nodes<api::Api>;
template class docker::sdk::Services<api::Api>;
template class docker::sdk::Tasks<api::Api>;
template class docker::sdk::Secrets<api::Api>;
template class docker::sdk::Configs<api::Api>;
template class docker::sdk::Networks<api::Api>;
template class docker::sdk::Volumes<api::Api>;
template class docker::sdk::System<api::Api>;
template docker::sdk::EventReader<api::Api::SystemEventsResult> docker::sdk::events<api::Api>(
    docker::Client&, const docker::sdk::EventOptions&, const docker::CallOptions&);
template docker::sdk::LoginResult docker::sdk::login<api::Api>(docker::Client&, const docker::auth::AuthConfig&,
                                                                const docker::CallOptions&);

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
