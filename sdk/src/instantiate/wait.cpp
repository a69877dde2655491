// A container wait's result (see instantiate.hpp): on its own, as the only
// reader of the wait response, so that editing that model recompiles this
// small file and not the container area.
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api_decl)
#include DOCKER_SDK_RESULT(container_wait)

#include "docker/sdk/impl/container.hpp"

template class docker::sdk::PendingWait<api::Api>;
