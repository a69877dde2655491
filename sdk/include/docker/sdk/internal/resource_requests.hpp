// Version-free request bodies of Networks, Volumes and System (see
// internal/requests.hpp): JSON here, decoded into the version's model by the
// caller, after it checked that the version has every member set.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "docker/errors.hpp"
#include "docker/sdk/networks.hpp"
#include "docker/sdk/prune.hpp"
#include "docker/sdk/volumes.hpp"

namespace docker::sdk::internal {

/// The body of POST /networks/create; InvalidInput naming no call (the caller names it).
inline nlohmann::json network_create_json(const NetworkOptions& o) {
  if (o.name.empty()) throw InvalidInput("NetworkOptions::name is empty");
  nlohmann::json j = {{"Name", o.name}};
  if (!o.driver.empty()) j["Driver"] = o.driver;
  if (!o.labels.empty()) j["Labels"] = o.labels;
  if (o.internal) j["Internal"] = true;
  if (o.attachable) j["Attachable"] = true;
  if (o.enable_ipv6) j["EnableIPv6"] = *o.enable_ipv6;
  if (!o.driver_options.empty()) j["Options"] = o.driver_options;
  if (!o.ipam_driver.empty() || !o.ipam.empty()) {
    nlohmann::json ipam = nlohmann::json::object();
    if (!o.ipam_driver.empty()) ipam["Driver"] = o.ipam_driver;
    for (const auto& pool : o.ipam) {
      if (pool.subnet.empty()) throw InvalidInput("NetworkOptions::ipam: a pool without a subnet");
      nlohmann::json config = {{"Subnet", pool.subnet}};
      if (!pool.gateway.empty()) config["Gateway"] = pool.gateway;
      if (!pool.ip_range.empty()) config["IPRange"] = pool.ip_range;
      ipam["Config"].push_back(std::move(config));
    }
    j["IPAM"] = std::move(ipam);
  }
  return j;
}

inline nlohmann::json network_connect_json(const std::string& container, const NetworkConnectOptions& o) {
  nlohmann::json j = {{"Container", container}};
  nlohmann::json endpoint = nlohmann::json::object();
  if (!o.aliases.empty()) endpoint["Aliases"] = o.aliases;
  if (!o.ipv4_address.empty() || !o.ipv6_address.empty()) {
    nlohmann::json ipam = nlohmann::json::object();
    if (!o.ipv4_address.empty()) ipam["IPv4Address"] = o.ipv4_address;
    if (!o.ipv6_address.empty()) ipam["IPv6Address"] = o.ipv6_address;
    endpoint["IPAMConfig"] = std::move(ipam);
  }
  if (!endpoint.empty()) j["EndpointConfig"] = std::move(endpoint);
  return j;
}

inline nlohmann::json volume_create_json(const VolumeOptions& o) {
  nlohmann::json j = nlohmann::json::object();
  if (!o.name.empty()) j["Name"] = o.name;
  if (!o.driver.empty()) j["Driver"] = o.driver;
  if (!o.driver_options.empty()) j["DriverOpts"] = o.driver_options;
  if (!o.labels.empty()) j["Labels"] = o.labels;
  return j;
}

/// The strings of `key` in a JSON answer (an absent or null member: none).
inline std::vector<std::string> string_list(const nlohmann::json& answer, const char* key) {
  std::vector<std::string> out;
  auto it = answer.find(key);
  if (it == answer.end() || !it->is_array()) return out;
  for (const auto& item : *it)
    if (item.is_string() && !item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
  return out;
}

/// A prune answer: the names under `key` and SpaceReclaimed.
inline PruneResult prune_result(const nlohmann::json& answer, const char* key) {
  PruneResult out{string_list(answer, key), 0};
  if (auto it = answer.find("SpaceReclaimed"); it != answer.end() && it->is_number_integer())
    out.space_reclaimed = it->get<std::int64_t>();
  return out;
}

/// Puts `filters` into an operation's parameters. Bindings whose spec has no
/// `filters` parameter there (API 1.27's container, network and volume prune;
/// the build cache prune before 1.39) refuse filters rather than drop them:
/// a VersionError naming `what` and the route.
template <class Api, class Params>
void set_filters(Params& params, const Filters& filters, const char* what) {
  if (filters.empty()) return;
  if constexpr (requires { params.filters = filters; }) {
    params.filters = filters;
  } else {
    throw VersionError(
        std::string(what) + ": these bindings (API " + Api::version.str() + ") have no `filters` parameter",
        Params::route.method, Params::route.path);
  }
}

}  // namespace docker::sdk::internal
