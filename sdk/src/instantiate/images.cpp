// Images and builds (see instantiate.hpp).
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(image_api_decl)
#include DOCKER_SDK_TAG(system_api_decl)
#include DOCKER_SDK_RESULT(image_commit)
#include DOCKER_SDK_RESULT(image_create)
#include DOCKER_SDK_RESULT(image_delete)
#include DOCKER_SDK_RESULT(image_history)
#include DOCKER_SDK_RESULT(image_inspect)
#include DOCKER_SDK_RESULT(image_list)
#include DOCKER_SDK_RESULT(image_prune)
#include DOCKER_SDK_RESULT(image_push)
#include DOCKER_SDK_MODEL(BuildInfo)

#include "docker/sdk/impl/build.hpp"
#include "docker/sdk/impl/images.hpp"

template class docker::sdk::Images<api::Api>;
template class docker::sdk::BuildReader<api::Api>;
