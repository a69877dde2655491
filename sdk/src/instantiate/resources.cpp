// Networks, volumes and the system calls (info, version, disk usage, prune)
// (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api_decl)
#include DOCKER_SDK_TAG(image_api_decl)
#include DOCKER_SDK_TAG(network_api_decl)
#include DOCKER_SDK_TAG(system_api_decl)
#include DOCKER_SDK_TAG(volume_api_decl)
#if __has_include(DOCKER_SDK_RESULT(build_prune))  // from API 1.31
#include DOCKER_SDK_RESULT(build_prune)
#endif
#include DOCKER_SDK_RESULT(container_prune)
#include DOCKER_SDK_RESULT(image_prune)
#include DOCKER_SDK_RESULT(network_create)
#include DOCKER_SDK_RESULT(network_inspect)
#include DOCKER_SDK_RESULT(network_list)
#include DOCKER_SDK_RESULT(network_prune)
#include DOCKER_SDK_RESULT(system_data_usage)
#include DOCKER_SDK_RESULT(system_info)
#include DOCKER_SDK_RESULT(system_version)
#include DOCKER_SDK_RESULT(volume_create)
#include DOCKER_SDK_RESULT(volume_inspect)
#include DOCKER_SDK_RESULT(volume_list)
#include DOCKER_SDK_RESULT(volume_prune)

#include "docker/sdk/impl/networks.hpp"
#include "docker/sdk/impl/system.hpp"
#include "docker/sdk/impl/volumes.hpp"

template class docker::sdk::Networks<api::Api>;
template class docker::sdk::Volumes<api::Api>;
template class docker::sdk::System<api::Api>;
