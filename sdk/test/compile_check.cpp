// Instantiates every member of the layer's templates against one API
// version's bindings (DOCKER_SDK_NS, through DOCKER_SDK_ALIASES), so that a
// version whose generated types do not fit fails the build.
#include DOCKER_SDK_ALIASES

#include <string>

#include "docker/hooks.hpp"

namespace api = docker::DOCKER_SDK_NS;

template class docker::sdk::Docker<api::Api>;
template class docker::sdk::Container<api::Api>;
template class docker::sdk::ExecSession<api::Api>;
template class docker::sdk::PendingWait<api::Api>;
template class docker::sdk::Images<api::Api>;
template class docker::sdk::Archive<api::Api>;
template class docker::sdk::Stats<api::Api>;

// Free function templates and the Docker accessors that return `auto`.
[[maybe_unused]] void instantiate_services(docker::Client& client, const api::Docker& docker) {
  (void)docker::sdk::events<api::Api>(client);
  (void)docker::sdk::login<api::Api>(client, docker::auth::AuthConfig{});
  (void)docker.events();
}

static_assert(std::is_same_v<api::Docker, docker::sdk::Docker<api::Api>>);
static_assert(api::Api::version == api::api_version);

// Ergonomics the layer's users rely on, under -Wall -Wextra -Werror:
// value_or({}) on a generated field, and hooks.hpp's own designated-initialiser
// example (no missing-field-initializers warning).
[[maybe_unused]] std::string name_or_empty(const api::ContainerInspectResponse& info) { return info.Name.value_or({}); }
[[maybe_unused]] docker::CallHooks end_only_hooks() {
  return docker::CallHooks{.on_end = [](const docker::CallInfo&) {}};
}
