// Swarm mode: the swarm, nodes, services, tasks, secrets and configs (configs
// only from API 1.30) (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(node_api_decl)
#include DOCKER_SDK_TAG(secret_api_decl)
#include DOCKER_SDK_TAG(service_api_decl)
#include DOCKER_SDK_TAG(swarm_api_decl)
#include DOCKER_SDK_TAG(task_api_decl)
#include DOCKER_SDK_RESULT(node_inspect)
#include DOCKER_SDK_RESULT(node_list)
#include DOCKER_SDK_RESULT(secret_inspect)
#include DOCKER_SDK_RESULT(secret_list)
#include DOCKER_SDK_RESULT(service_create)
#include DOCKER_SDK_RESULT(service_inspect)
#include DOCKER_SDK_RESULT(service_list)
#include DOCKER_SDK_RESULT(service_update)
#include DOCKER_SDK_RESULT(swarm_inspect)
#include DOCKER_SDK_RESULT(task_list)
#if __has_include(DOCKER_SDK_TAG(config_api_decl))
#include DOCKER_SDK_TAG(config_api_decl)
#include DOCKER_SDK_RESULT(config_inspect)
#include DOCKER_SDK_RESULT(config_list)
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
