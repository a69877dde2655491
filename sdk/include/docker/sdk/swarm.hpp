// Swarm mode over the generated bindings of any API version: the swarm
// itself (init, join, inspect, join tokens, update, leave) and its nodes (list,
// inspect, availability and labels).
//
//   auto swarm = docker.swarm();
//   auto node_id = swarm.init({.advertise_addr = "127.0.0.1"});
//   auto tokens = swarm.join_tokens();
//   other.swarm().join({.remote_addrs = {"10.0.0.1:2377"}, .join_token = tokens.worker});
//   docker.nodes().update(node_id, {.availability = docker::sdk::NodeAvailability::drain});
//   swarm.leave(/*force=*/true);
//
// Like the other services of the layer, these objects are handed out by
// Docker with its client and CallOptions, and with() returns a copy whose
// calls use other CallOptions. Declarations only (bodies: impl/swarm.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/api_version.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"

namespace docker::sdk {

/// POST /swarm/init. Fields newer than the API version in use raise
/// VersionError before anything is sent (data_path_addr 1.30,
/// default_addr_pool and subnet_size 1.39, data_path_port 1.40).
struct SwarmInitOptions {
  /// Address (or interface) other nodes reach this one on: "127.0.0.1", "eth0", "10.0.0.1:2377".
  std::string advertise_addr{};
  /// Where the manager listens for the cluster (daemon default "0.0.0.0:2377").
  std::string listen_addr{};
  /// Address (or interface) for data traffic between tasks, when it should
  /// differ from advertise_addr (API 1.30); empty: the same.
  std::string data_path_addr{};
  /// UDP port of that traffic (VXLAN; API 1.40); unset: the daemon's 4789.
  std::optional<std::uint32_t> data_path_port{};
  /// Subnets overlay networks are allocated from ("10.20.0.0/16").
  std::vector<std::string> default_addr_pool{};
  /// Prefix length of each overlay network's subnet from those pools (daemon default 24).
  std::optional<std::uint32_t> subnet_size{};
  /// Start a new single-manager cluster from this node's state (disaster recovery).
  bool force_new_cluster = false;
  /// Completed tasks kept per slot (daemon default 5).
  std::optional<std::int64_t> task_history_limit{};
  /// Encrypt the managers' keys at rest (needs the unlock key after a restart).
  bool autolock = false;
  std::map<std::string, std::string> labels{};  ///< labels of the swarm (Spec.Labels)
};

/// POST /swarm/join: how this daemon joins an existing swarm (`docker swarm
/// join`). An empty `remote_addrs` or `join_token` is InvalidInput before
/// anything is sent; data_path_addr needs API 1.30 (VersionError).
struct SwarmJoinOptions {
  /// Managers of the swarm to reach: "10.0.0.1:2377" (at least one).
  std::vector<std::string> remote_addrs{};
  /// SwarmJoinTokens::worker or SwarmJoinTokens::manager of that swarm; it decides the role.
  std::string join_token{};
  /// Address (or interface) the other nodes reach this one on; empty: detected by the daemon.
  std::string advertise_addr{};
  /// Where this node listens for the cluster (daemon default "0.0.0.0:2377").
  std::string listen_addr{};
  /// Address (or interface) for data traffic between tasks (API 1.30); empty: advertise_addr.
  std::string data_path_addr{};
};

/// What another node passes to join as a worker or as a manager.
struct SwarmJoinTokens {
  std::string worker;   ///< `docker swarm join --token` as a worker
  std::string manager;  ///< `docker swarm join --token` as a manager
};

/// POST /swarm/update: the current spec with these changes. `version` is the
/// swarm's version index the change is based on (unset: the current one,
/// read first); a stale one is a Conflict.
struct SwarmUpdateOptions {
  std::optional<std::int64_t> version{};             ///< see above; unset: read first
  std::optional<std::int64_t> task_history_limit{};  ///< completed tasks kept per slot; unset: unchanged
  std::optional<bool> autolock{};                    ///< turn autolock on or off; unset: unchanged
  /// Replaces the swarm's labels when set.
  std::optional<std::map<std::string, std::string>> labels{};
  bool rotate_worker_token = false;   ///< issue a new worker join token (the old one stops working)
  bool rotate_manager_token = false;  ///< issue a new manager join token (the old one stops working)
};

/// The swarm this daemon is part of (Swarm mode calls answer 503 Unavailable
/// when it is in none).
template <class Api>
class Swarm {
 public:
  /// What Docker::swarm() hands out: the Docker's client and call options.
  explicit Swarm(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Swarm with(CallOptions options) const { return Swarm(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// Makes this daemon the first manager of a new swarm; returns its node id.
  /// Unavailable when it is already part of one.
  std::string init(const SwarmInitOptions& options = {});

  /// Joins the swarm of `options.remote_addrs` as a worker or a manager
  /// (the token decides). Unavailable when this daemon is already in a swarm.
  void join(const SwarmJoinOptions& options);

  /// GET /swarm: the version's Swarm model (include its model header).
  typename Api::SwarmInspectResult inspect();

  /// The join tokens (from GET /swarm).
  SwarmJoinTokens join_tokens();

  /// Changes the swarm's spec (see SwarmUpdateOptions).
  void update(const SwarmUpdateOptions& options);

  /// Leaves the swarm; `force` is needed for the last manager (and loses the swarm).
  void leave(bool force = false);

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

/// Whether the scheduler gives a node tasks (`docker node update --availability`).
enum class NodeAvailability {
  active,  ///< takes new tasks
  pause,   ///< keeps its tasks, takes no new ones
  drain    ///< its tasks are moved to other nodes, takes no new ones
};

/// POST /nodes/{id}/update: the node's current spec with these changes.
struct NodeUpdate {
  std::optional<NodeAvailability> availability{};  ///< unset: unchanged
  /// Labels set (added or replaced) and removed; the others are kept.
  std::map<std::string, std::string> add_labels{};
  std::vector<std::string> remove_labels{};  ///< keys of labels to remove (absent ones are ignored)
  /// The node's version index the change is based on (unset: the current
  /// one, read first); a stale one is a Conflict.
  std::optional<std::int64_t> version{};
};

/// The nodes of the swarm (Docker::nodes()); listing needs a manager.
template <class Api>
class Nodes {
 public:
  /// What Docker::nodes() hands out: the Docker's client and call options.
  explicit Nodes(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Nodes with(CallOptions options) const { return Nodes(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// GET /nodes; `filters` as in `docker node ls --filter` (role, name, node.label…).
  typename Api::NodeListResult list(const Filters& filters = {});
  /// GET /nodes/{id}: by id or hostname.
  typename Api::NodeInspectResult inspect(const std::string& id);
  /// Changes availability and labels (see NodeUpdate).
  void update(const std::string& id, const NodeUpdate& update);

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
