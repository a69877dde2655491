// Networks, volumes and the system calls (info, version, disk usage, prune)
// (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api)
#include DOCKER_SDK_TAG(image_api)
#include DOCKER_SDK_TAG(network_api)
#include DOCKER_SDK_TAG(system_api)
#include DOCKER_SDK_TAG(volume_api)

#include "docker/sdk/impl/networks.hpp"
#include "docker/sdk/impl/system.hpp"
#include "docker/sdk/impl/volumes.hpp"

template class docker::sdk::Networks<api::Api>;
template class docker::sdk::Volumes<api::Api>;
template class docker::sdk::System<api::Api>;
