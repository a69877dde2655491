// Containers: lifecycle, exec, wait, archive and stats (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api)
#include DOCKER_SDK_TAG(exec_api)

#include "docker/sdk/impl/archive.hpp"
#include "docker/sdk/impl/container.hpp"
#include "docker/sdk/impl/copy.hpp"
#include "docker/sdk/impl/stats.hpp"

template class docker::sdk::Container<api::Api>;
template class docker::sdk::ScopedContainer<api::Api>;
template class docker::sdk::ExecSession<api::Api>;
template class docker::sdk::PendingWait<api::Api>;
template class docker::sdk::Archive<api::Api>;
template class docker::sdk::Stats<api::Api>;
