// Containers: lifecycle, exec, archive and stats (see instantiate.hpp); the
// wait's result is read in wait.cpp.
#include "instantiate.hpp"

#include DOCKER_SDK_TAG(container_api_decl)
#include DOCKER_SDK_TAG(exec_api_decl)
// (1.25 names it container_archive_head)
#if __has_include(DOCKER_SDK_RESULT(container_archive_info))
#include DOCKER_SDK_RESULT(container_archive_info)
#else
#include DOCKER_SDK_RESULT(container_archive_head)
#endif
#include DOCKER_SDK_RESULT(container_exec)
#include DOCKER_SDK_RESULT(container_inspect)
#include DOCKER_SDK_RESULT(container_stats)
#include DOCKER_SDK_RESULT(exec_inspect)

#include "docker/sdk/impl/archive.hpp"
#include "docker/sdk/impl/container.hpp"
#include "docker/sdk/impl/copy.hpp"
#include "docker/sdk/impl/stats.hpp"

template class docker::sdk::Container<api::Api>;
template class docker::sdk::ScopedContainer<api::Api>;
template class docker::sdk::ExecSession<api::Api>;
template class docker::sdk::Archive<api::Api>;
template class docker::sdk::Stats<api::Api>;
