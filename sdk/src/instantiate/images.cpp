// Images and builds (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(image_api)
#include DOCKER_SDK_TAG(system_api)

#include "docker/sdk/impl/build.hpp"
#include "docker/sdk/impl/images.hpp"

template class docker::sdk::Images<api::Api>;
template class docker::sdk::BuildReader<api::Api>;
