// Swarm mode: the swarm, nodes, services, tasks, secrets and configs (configs
// only from API 1.30) (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(node_api)
#include DOCKER_SDK_TAG(secret_api)
#include DOCKER_SDK_TAG(service_api)
#include DOCKER_SDK_TAG(swarm_api)
#include DOCKER_SDK_TAG(task_api)
#if __has_include(DOCKER_SDK_TAG(config_api))
#include DOCKER_SDK_TAG(config_api)
#endif

#include "docker/sdk/impl/secrets.hpp"
#include "docker/sdk/impl/services.hpp"
#include "docker/sdk/impl/swarm.hpp"

template class docker::sdk::Swarm<api::Api>;
template class docker::sdk::Nodes<api::Api>;
template class docker::sdk::Services<api::Api>;
template class docker::sdk::Tasks<api::Api>;
template class docker::sdk::Secrets<api::Api>;
template class docker::sdk::Configs<api::Api>;
