// Definitions of docker/sdk/archive.hpp (see impl/container.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "docker/errors.hpp"
#include "docker/route.hpp"
#include "docker/sdk/archive.hpp"

namespace docker::sdk {

namespace internal {
/// Sets a boolean query flag whichever type the bindings chose for it.
template <class Field>
void set_flag(Field& field) {
  if constexpr (std::is_assignable_v<Field&, std::string>)
    field = std::string("true");
  else
    field = true;
}
}  // namespace internal

namespace internal {
/// The route of PUT /containers/{id}/archive (its operationId changed in 1.28).
template <class Api>
constexpr Route put_archive_route() {
  if constexpr (requires { typename Api::PutContainerArchiveParams; })
    return Api::PutContainerArchiveParams::route;
  else
    return Api::ContainerPutArchiveParams::route;
}
/// The route of GET /containers/{id}/archive (its operationId changed in 1.28).
template <class Api>
constexpr Route get_archive_route() {
  if constexpr (requires { typename Api::ContainerArchiveParams; })
    return Api::ContainerArchiveParams::route;
  else
    return Api::ContainerGetArchiveParams::route;
}
}  // namespace internal

template <class Api>
PathStat Archive<Api>::stat(const std::string& container, const std::string& path) {
  nlohmann::json j;
  if constexpr (requires { typename Api::ContainerArchiveInfoParams; }) {
    j = api().container_archive_info(typename Api::ContainerArchiveInfoParams{.id = container, .path = path}, options_);
  } else {
    j = api().container_archive_head(typename Api::ContainerArchiveHeadParams{.id = container, .path = path}, options_);
  }
  PathStat out;
  out.name = j.value("name", std::string{});
  out.size = j.value("size", std::int64_t{0});
  out.mode = j.value("mode", std::uint32_t{0});
  out.mtime = j.value("mtime", std::string{});
  out.link_target = j.value("linkTarget", std::string{});
  return out;
}

template <class Api>
std::unique_ptr<ByteReader> Archive<Api>::get(const std::string& container, const std::string& path) {
  if constexpr (requires { typename Api::ContainerArchiveParams; }) {
    return api().container_archive(typename Api::ContainerArchiveParams{.id = container, .path = path}, options_);
  } else {
    return api().container_get_archive(typename Api::ContainerGetArchiveParams{.id = container, .path = path},
                                       options_);
  }
}

template <class Api>
void Archive<Api>::put(const std::string& container, const std::string& path, StreamBody tar,
                       const PutArchiveOptions& options) {
  if constexpr (requires { typename Api::PutContainerArchiveParams; }) {
    typename Api::PutContainerArchiveParams params;
    fill(params, container, path, std::move(tar), options);
    api().put_container_archive(params, options_);
  } else {
    typename Api::ContainerPutArchiveParams params;
    fill(params, container, path, std::move(tar), options);
    api().container_put_archive(params, options_);
  }
}

template <class Api>
template <class Params>
// NOLINTNEXTLINE(performance-unnecessary-value-param): it is moved; clang-tidy 14 misses a move into a dependent type
void Archive<Api>::fill(Params& params, const std::string& container, const std::string& path, StreamBody tar,
                        const PutArchiveOptions& options) {
  params.id = container;
  params.path = path;
  params.input_stream = std::move(tar);
  if (options.no_overwrite_dir_non_dir) internal::set_flag(params.no_overwrite_dir_non_dir);
  if (options.copy_uid_gid) {
    if constexpr (requires { params.copy_uidgid; })
      internal::set_flag(params.copy_uidgid);
    else
      throw VersionError("copy_uid_gid: these bindings (API " + Api::version.str() + ") have no `copyUIDGID` parameter",
                         Params::route.method, Params::route.fill({container}));
  }
}

template <class Api>
typename Api::ContainerApi Archive<Api>::api() {
  return typename Api::ContainerApi(*client_);
}

}  // namespace docker::sdk
