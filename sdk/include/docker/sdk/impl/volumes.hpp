// Definitions of docker/sdk/volumes.hpp (see impl/container.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/resource_requests.hpp"
#include "docker/sdk/volumes.hpp"

namespace docker::sdk {

/// The API version from which a volume prune removes anonymous volumes only,
/// unless given the filter all=true (Docker 23).
inline constexpr ApiVersion kVolumePruneAllFilterSince{1, 42};

template <class Api>
typename Api::VolumeCreateResult Volumes<Api>::create(const VolumeOptions& options) {
  // The body's model is VolumeCreateOptions in some versions, VolumeCreateRequest in others.
  using Request = decltype(std::declval<typename Api::VolumeCreateParams>().volume_config);
  typename Api::VolumeCreateParams params{
      .volume_config = docker::decode_value<Request>(internal::volume_create_json(options)),
  };
  return typename Api::VolumeApi(*client_).volume_create(params, options_);
}

template <class Api>
typename Api::VolumeInspectResult Volumes<Api>::inspect(const std::string& name) {
  internal::require_name(name, "inspect: the volume name", Api::VolumeInspectParams::route);
  typename Api::VolumeInspectParams params{};
  params.name = name;
  return typename Api::VolumeApi(*client_).volume_inspect(params, options_);
}

template <class Api>
typename Api::VolumeListResult Volumes<Api>::list(const Filters& filters) {
  typename Api::VolumeListParams params{};
  if (!filters.empty()) params.filters = filters;
  return typename Api::VolumeApi(*client_).volume_list(params, options_);
}

template <class Api>
void Volumes<Api>::remove(const std::string& name, bool force) {
  internal::require_name(name, "remove: the volume name", Api::VolumeDeleteParams::route);
  typename Api::VolumeDeleteParams params{};
  params.name = name;
  if (force) params.force = true;
  typename Api::VolumeApi(*client_).volume_delete(params, options_);
}

template <class Api>
PruneResult Volumes<Api>::prune(const VolumePruneOptions& options) {
  auto filters = options.filters;
  const bool daemon_has_all_filter = client_->api_version(options_) >= kVolumePruneAllFilterSince;
  if (options.all) {
    if (daemon_has_all_filter) filters["all"] = {"true"};
  } else if (!daemon_has_all_filter) {
    throw VersionError("volume prune: below API " + kVolumePruneAllFilterSince.str() + " (negotiated " +
                           client_->api_version(options_).str() +
                           ") the daemon removes named volumes too; set VolumePruneOptions::all to accept that",
                       Api::VolumePruneParams::route.method, Api::VolumePruneParams::route.path);
  }
  typename Api::VolumePruneParams params{};
  internal::set_filters<Api>(params, filters, "volume prune");
  nlohmann::json answer = typename Api::VolumeApi(*client_).volume_prune(params, options_);
  return internal::prune_result(answer, "VolumesDeleted");
}

}  // namespace docker::sdk
