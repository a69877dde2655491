// Definitions of docker/sdk/system.hpp (see impl/container.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/impl/images.hpp"
#include "docker/sdk/impl/networks.hpp"
#include "docker/sdk/impl/volumes.hpp"
#include "docker/sdk/internal/resource_requests.hpp"
#include "docker/sdk/system.hpp"

namespace docker::sdk {

namespace internal {

inline std::int64_t int_member(const nlohmann::json& j, const char* key, std::int64_t fallback = 0) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

inline std::string string_member(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

inline bool bool_member(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

inline const nlohmann::json& array_member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

// One item of each kind; the same objects in both shapes of the answer.
inline DiskUsageItem image_usage(const nlohmann::json& j) {
  return {string_member(j, "Id"), string_list(j, "RepoTags"), int_member(j, "Size", -1),
          int_member(j, "Containers") > 0};
}

inline DiskUsageItem container_usage(const nlohmann::json& j) {
  auto names = string_list(j, "Names");
  for (auto& name : names)
    if (name.starts_with('/')) name.erase(0, 1);
  return {string_member(j, "Id"), std::move(names), int_member(j, "SizeRw", -1),
          string_member(j, "State") == "running"};
}

inline DiskUsageItem volume_usage(const nlohmann::json& j) {
  const auto usage = j.find("UsageData");
  const bool has_usage = usage != j.end() && usage->is_object();
  return {string_member(j, "Name"),
          {},
          has_usage ? int_member(*usage, "Size", -1) : -1,
          has_usage && int_member(*usage, "RefCount") > 0};
}

inline DiskUsageItem cache_usage(const nlohmann::json& j) {
  return {string_member(j, "ID"), {}, int_member(j, "Size", -1), bool_member(j, "InUse")};
}

template <class ItemOf>
DiskUsageKind usage_items(const nlohmann::json& list, ItemOf item_of) {
  DiskUsageKind kind;
  for (const auto& j : list)
    if (j.is_object()) kind.items.push_back(item_of(j));
  kind.total_count = static_cast<std::int64_t>(kind.items.size());
  for (const auto& item : kind.items) {
    if (item.in_use) ++kind.active_count;
    if (item.size > 0) kind.total_size += item.size;
  }
  return kind;
}

/// API 1.52 on: {"ImageUsage": {"TotalCount", "ActiveCount", "TotalSize", "Reclaimable", "Items"}, …}.
template <class ItemOf>
DiskUsageKind usage_summary(const nlohmann::json& summary, ItemOf item_of) {
  auto kind = usage_items(array_member(summary, "Items"), item_of);
  kind.total_count = int_member(summary, "TotalCount");
  kind.active_count = int_member(summary, "ActiveCount");
  kind.total_size = int_member(summary, "TotalSize");
  kind.reclaimable = int_member(summary, "Reclaimable");
  return kind;
}

/// Either shape of GET /system/df. For the lists of API < 1.52 the totals
/// and what is reclaimable are computed as the docker CLI (20.10) does.
inline DiskUsage disk_usage_from(const nlohmann::json& answer) {
  DiskUsage out;
  if (answer.contains("ImageUsage") || answer.contains("ContainerUsage") || answer.contains("VolumeUsage")) {
    const auto empty = nlohmann::json::object();
    auto member = [&](const char* key) -> const nlohmann::json& {
      auto it = answer.find(key);
      return it != answer.end() && it->is_object() ? *it : empty;
    };
    out.images = usage_summary(member("ImageUsage"), image_usage);
    out.containers = usage_summary(member("ContainerUsage"), container_usage);
    out.volumes = usage_summary(member("VolumeUsage"), volume_usage);
    out.build_cache = usage_summary(member("BuildCacheUsage"), cache_usage);
    return out;
  }
  const auto& images = array_member(answer, "Images");
  out.images = usage_items(images, image_usage);
  // Layers shared between images count once; an image in use keeps its own layers.
  out.images.total_size = int_member(answer, "LayersSize", out.images.total_size);
  std::int64_t used = 0;
  for (const auto& j : images)
    if (j.is_object() && int_member(j, "Containers") > 0) used += int_member(j, "Size") - int_member(j, "SharedSize");
  out.images.reclaimable = std::max<std::int64_t>(0, out.images.total_size - used);
  out.containers = usage_items(array_member(answer, "Containers"), container_usage);
  for (const auto& item : out.containers.items)
    if (!item.in_use && item.size > 0) out.containers.reclaimable += item.size;
  out.volumes = usage_items(array_member(answer, "Volumes"), volume_usage);
  for (const auto& item : out.volumes.items)
    if (!item.in_use && item.size > 0) out.volumes.reclaimable += item.size;
  const auto& caches = array_member(answer, "BuildCache");
  out.build_cache = usage_items(caches, cache_usage);
  out.build_cache.total_size = 0;
  for (const auto& j : caches) {
    if (!j.is_object() || bool_member(j, "Shared")) continue;
    out.build_cache.total_size += int_member(j, "Size");
    if (!bool_member(j, "InUse")) out.build_cache.reclaimable += int_member(j, "Size");
  }
  return out;
}

}  // namespace internal

template <class Api>
typename Api::SystemInfoResult System<Api>::info() {
  return typename Api::SystemApi(*client_).system_info({}, options_);
}

template <class Api>
typename Api::SystemVersionResult System<Api>::version() {
  return typename Api::SystemApi(*client_).system_version({}, options_);
}

template <class Api>
PingResult System<Api>::ping() {
  auto answer = client_->ping(options_);
  auto header = [&](std::string_view name) { return std::string(answer.headers.get(name).value_or("")); };
  return PingResult{header("Api-Version"), header("OSType"), header("Docker-Experimental") == "true",
                    header("Builder-Version")};
}

template <class Api>
DiskUsage System<Api>::disk_usage() {
  using Params = typename Api::SystemDataUsageParams;
  Params params{};
  // From the version that has `verbose`, /system/df lists the objects only when asked.
  if constexpr (requires { params.verbose = true; }) {
    if (client_->api_version(options_) >= Params::Since::verbose) params.verbose = true;
  }
  nlohmann::json answer = typename Api::SystemApi(*client_).system_data_usage(params, options_);
  return internal::disk_usage_from(answer);
}

template <class Api>
PruneResult System<Api>::prune_containers(const Filters& filters) {
  typename Api::ContainerPruneParams params{};
  internal::set_filters<Api>(params, filters, "container prune");
  nlohmann::json answer = typename Api::ContainerApi(*client_).container_prune(params, options_);
  return internal::prune_result(answer, "ContainersDeleted");
}

template <class Api>
PruneResult System<Api>::prune_images(const Filters& filters) {
  typename Api::ImagePruneParams params{};
  internal::set_filters<Api>(params, filters, "image prune");
  nlohmann::json answer = typename Api::ImageApi(*client_).image_prune(params, options_);
  RemovedImages removed;
  if (auto it = answer.find("ImagesDeleted"); it != answer.end()) add_removed_items(*it, removed);
  return PruneResult{std::move(removed.deleted), internal::int_member(answer, "SpaceReclaimed"),
                     std::move(removed.untagged)};
}

template <class Api>
PruneResult System<Api>::prune_networks(const Filters& filters) {
  return PruneResult{Networks<Api>(client_, options_).prune(filters), 0};
}

template <class Api>
PruneResult System<Api>::prune_volumes(const VolumePruneOptions& options) {
  return Volumes<Api>(client_, options_).prune(options);
}

template <class Api>
PruneResult System<Api>::prune_build_cache(const BuildCachePruneOptions& options) {
  if constexpr (requires { typename Api::BuildPruneParams; }) {
    using Params = typename Api::BuildPruneParams;
    Params params{};
    if (options.all) {
      if constexpr (requires { params.all = true; }) {
        params.all = true;
      } else {  // API 1.31 to 1.38: the operation takes no parameters
        throw VersionError("build cache prune: these bindings (API " + Api::version.str() + ") have no `all` parameter",
                           Params::route.method, Params::route.path);
      }
    }
    internal::set_filters<Api>(params, options.filters, "build cache prune");
    nlohmann::json answer = typename Api::ImageApi(*client_).build_prune(params, options_);
    return internal::prune_result(answer, "CachesDeleted");
  } else {
    // Bindings without the operation have no route for it either: the error names the layer's call.
    throw VersionError("prune_build_cache: these bindings (API " + Api::version.str() +
                       ") have no build cache prune operation");
  }
}

}  // namespace docker::sdk
