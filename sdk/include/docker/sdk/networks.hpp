// Networks over the generated bindings of any API version: create, inspect,
// list, connect, disconnect, remove, prune.
//
//   auto networks = docker.networks();
//   networks.create({.name = "backend", .labels = {{"app", "demo"}},
//                    .ipam = {{.subnet = "10.77.0.0/24", .gateway = "10.77.0.1"}}});
//   networks.connect("backend", "web", {.aliases = {"api"}});   // "api" resolves to web on backend
//   networks.remove("backend");
//
// Declarations only (bodies: docker/sdk/impl/networks.hpp).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"

namespace docker::sdk {

/// One IPAM pool of a network: `docker network create --subnet … --gateway … --ip-range …`.
struct IpamPool {
  std::string subnet;      ///< CIDR, "10.77.0.0/24"
  std::string gateway{};   ///< empty: the IPAM driver picks one
  std::string ip_range{};  ///< empty: the whole subnet; else the CIDR containers get addresses from
};

/// POST /networks/create. Empty or unset members are left to the daemon.
struct NetworkOptions {
  std::string name;                             ///< required (empty: InvalidArgument); unique
  std::string driver{};                         ///< daemon default: "bridge"
  std::map<std::string, std::string> labels{};  ///< network labels, filterable in list() and prune()
  bool internal = false;                        ///< no route out of the network
  bool attachable = false;                      ///< swarm-scoped networks: standalone containers may join (API 1.27+)
  std::optional<bool> enable_ipv6{};            ///< unset: the daemon's default (off)
  std::string ipam_driver{};                    ///< daemon default: "default"
  std::vector<IpamPool> ipam{};                 ///< address pools; empty: the daemon allocates a subnet
  std::map<std::string, std::string> driver_options{};  ///< "com.docker.network.bridge.name", …
};

/// What create() returns: the new network's id and the daemon's warning (often empty).
struct CreatedNetwork {
  std::string id;       ///< the new network's id
  std::string warning;  ///< the daemon's warning; empty when none
};

/// POST /networks/{id}/connect: how the container appears on the network.
struct NetworkConnectOptions {
  /// Further names the container answers to on this network (its name always does).
  std::vector<std::string> aliases{};
  /// A fixed address, inside a subnet the network was created with (NetworkOptions::ipam).
  std::string ipv4_address{};
  /// The same for IPv6 (a network with enable_ipv6 and an IPv6 subnet); empty: assigned.
  std::string ipv6_address{};
};

/// Networks (Docker::networks()). A missing network or container is NotFound.
template <class Api>
class Networks {
 public:
  /// What Docker::networks() hands out: the Docker's client and call options.
  explicit Networks(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same service, its calls made with `options` (deadline, cancellation).
  Networks with(CallOptions options) const { return Networks(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// Creates a network. Names are unique: an existing name is a Conflict
  /// (CheckDuplicate is sent where the version has it, as the CLI does).
  /// An empty name is refused before sending (InvalidArgument); a member
  /// the bindings or the daemon's API version lack is a VersionError.
  CreatedNetwork create(const NetworkOptions& options);

  /// GET /networks/{id}: the version's NetworkInspect (include its model header).
  [[nodiscard]] typename Api::NetworkInspectResult inspect(const std::string& id_or_name);

  /// GET /networks; `filters` as in `docker network ls --filter` (label, name, driver, …).
  [[nodiscard]] typename Api::NetworkListResult list(const Filters& filters = {});

  /// Connects a container (id or name) to the network.
  void connect(const std::string& network, const std::string& container, const NetworkConnectOptions& options = {});

  /// Disconnects a container; `force` also when it is not running / the endpoint is stale.
  void disconnect(const std::string& network, const std::string& container, bool force = false);

  /// DELETE /networks/{id}.
  void remove(const std::string& id_or_name);

  /// POST /networks/prune: removes unused networks matching `filters`
  /// (label, until); returns the names removed.
  std::vector<std::string> prune(const Filters& filters = {});

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
