// Version-free request building for swarm mode (docker/sdk/swarm.hpp,
// services.hpp, secrets.hpp): bodies as JSON, decoded into the version's
// model by the caller (see requests.hpp), and the API version each readable
// option needs (the generated facts of the operation's body, Params), checked
// before anything is sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docker/api_version.hpp"
#include "docker/errors.hpp"
#include "docker/sdk/internal/body_facts.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/services.hpp"
#include "docker/sdk/swarm.hpp"

namespace docker::sdk::internal {

/// An option in use and the API version it needs.
struct Requirement {
  ApiVersion version;
  std::string what;
};

/// Params: the version's SwarmInitParams.
template <class Params>
std::vector<Requirement> swarm_init_requirements(const SwarmInitOptions& o) {
  std::vector<Requirement> out;
  if (!o.data_path_addr.empty())
    out.push_back({body_field_since<Params>("DataPathAddr"), "SwarmInitOptions::data_path_addr"});
  if (!o.default_addr_pool.empty())
    out.push_back({body_field_since<Params>("DefaultAddrPool"), "SwarmInitOptions::default_addr_pool"});
  if (o.subnet_size) out.push_back({body_field_since<Params>("SubnetSize"), "SwarmInitOptions::subnet_size"});
  if (o.data_path_port) out.push_back({body_field_since<Params>("DataPathPort"), "SwarmInitOptions::data_path_port"});
  return out;
}

/// Params: the version's SwarmJoinParams.
template <class Params>
std::vector<Requirement> swarm_join_requirements(const SwarmJoinOptions& o) {
  std::vector<Requirement> out;
  if (!o.data_path_addr.empty())
    out.push_back({body_field_since<Params>("DataPathAddr"), "SwarmJoinOptions::data_path_addr"});
  return out;
}

/// Params: the version's ServiceCreateParams (an update sends the same spec).
template <class Params>
std::vector<Requirement> service_requirements(const ServiceOptions& o) {
  std::vector<Requirement> out;
  if (!o.secrets.empty())
    out.push_back({body_field_since<Params>("TaskTemplate.ContainerSpec.Secrets"), "ServiceOptions::secrets"});
  if (o.rollback) out.push_back({body_field_since<Params>("RollbackConfig"), "ServiceOptions::rollback"});
  if (!o.placement_preferences.empty())
    out.push_back(
        {body_field_since<Params>("TaskTemplate.Placement.Preferences"), "ServiceOptions::placement_preferences"});
  if (o.update && o.update->order)
    out.push_back({body_field_since<Params>("UpdateConfig.Order"), "UpdatePolicy::order (update)"});
  if (o.rollback && o.rollback->order)
    out.push_back({body_field_since<Params>("RollbackConfig.Order"), "UpdatePolicy::order (rollback)"});
  if (!o.configs.empty())
    out.push_back({body_field_since<Params>("TaskTemplate.ContainerSpec.Configs"), "ServiceOptions::configs"});
  for (const auto& p : o.ports)
    if (p.mode == PublishMode::host) {
      // Only host mode is sent (ingress is the default), so the field's version is the mode's.
      out.push_back({body_field_since<Params>("EndpointSpec.Ports.PublishMode"), "PublishedPort::mode host"});
      break;
    }
  if (o.max_replicas_per_node)
    out.push_back(
        {body_field_since<Params>("TaskTemplate.Placement.MaxReplicas"), "ServiceOptions::max_replicas_per_node"});
  return out;
}

inline nlohmann::json swarm_init_json(const SwarmInitOptions& o) {
  nlohmann::json j = {{"ListenAddr", o.listen_addr.empty() ? std::string("0.0.0.0:2377") : o.listen_addr}};
  if (!o.advertise_addr.empty()) j["AdvertiseAddr"] = o.advertise_addr;
  if (!o.data_path_addr.empty()) j["DataPathAddr"] = o.data_path_addr;
  if (o.data_path_port) j["DataPathPort"] = *o.data_path_port;
  if (!o.default_addr_pool.empty()) j["DefaultAddrPool"] = o.default_addr_pool;
  if (o.subnet_size) j["SubnetSize"] = *o.subnet_size;
  if (o.force_new_cluster) j["ForceNewCluster"] = true;
  nlohmann::json spec = nlohmann::json::object();
  if (!o.labels.empty()) spec["Labels"] = o.labels;
  if (o.task_history_limit) spec["Orchestration"]["TaskHistoryRetentionLimit"] = *o.task_history_limit;
  if (o.autolock) spec["EncryptionConfig"]["AutoLockManagers"] = true;
  j["Spec"] = spec;
  return j;
}

/// The body of POST /swarm/join; InvalidInput for what the daemon cannot
/// join with (no manager address, no token), naming no call (the caller names it).
inline nlohmann::json swarm_join_json(const SwarmJoinOptions& o) {
  if (o.remote_addrs.empty())
    throw InvalidInput("SwarmJoinOptions::remote_addrs is empty: name a manager (\"10.0.0.1:2377\")");
  for (const auto& addr : o.remote_addrs)
    if (addr.empty()) throw InvalidInput("SwarmJoinOptions::remote_addrs holds an empty address");
  if (o.join_token.empty())
    throw InvalidInput("SwarmJoinOptions::join_token is empty (SwarmJoinTokens::worker or ::manager)");
  nlohmann::json j = {{"ListenAddr", o.listen_addr.empty() ? std::string("0.0.0.0:2377") : o.listen_addr},
                      {"RemoteAddrs", o.remote_addrs},
                      {"JoinToken", o.join_token}};
  if (!o.advertise_addr.empty()) j["AdvertiseAddr"] = o.advertise_addr;
  if (!o.data_path_addr.empty()) j["DataPathAddr"] = o.data_path_addr;
  return j;
}

/// The swarm's spec (from GET /swarm) with the changes of `o`.
inline nlohmann::json swarm_spec_json(nlohmann::json spec, const SwarmUpdateOptions& o) {
  if (!spec.is_object()) spec = nlohmann::json::object();
  if (o.task_history_limit) spec["Orchestration"]["TaskHistoryRetentionLimit"] = *o.task_history_limit;
  if (o.autolock) spec["EncryptionConfig"]["AutoLockManagers"] = *o.autolock;
  if (o.labels) spec["Labels"] = *o.labels;
  return spec;
}

inline std::string_view availability_name(NodeAvailability a) {
  switch (a) {
    case NodeAvailability::pause: return "pause";
    case NodeAvailability::drain: return "drain";
    case NodeAvailability::active: break;
  }
  return "active";
}

/// A node's spec (from GET /nodes/{id}) with the changes of `u`.
inline nlohmann::json node_spec_json(nlohmann::json spec, const NodeUpdate& u) {
  if (!spec.is_object()) spec = nlohmann::json::object();
  if (u.availability) spec["Availability"] = availability_name(*u.availability);
  if (!u.add_labels.empty() || !u.remove_labels.empty()) {
    auto& labels = spec["Labels"];
    if (!labels.is_object()) labels = nlohmann::json::object();
    for (const auto& [k, v] : u.add_labels) labels[k] = v;
    for (const auto& k : u.remove_labels) labels.erase(k);
  }
  return spec;
}

inline std::int64_t nanos(std::chrono::nanoseconds d) { return d.count(); }

inline nlohmann::json update_policy_json(const UpdatePolicy& p) {
  nlohmann::json j = {{"Parallelism", p.parallelism}};
  if (p.delay) j["Delay"] = nanos(*p.delay);
  if (p.failure_action) {
    switch (*p.failure_action) {
      case FailureAction::pause: j["FailureAction"] = "pause"; break;
      case FailureAction::continue_: j["FailureAction"] = "continue"; break;
      case FailureAction::rollback: j["FailureAction"] = "rollback"; break;
    }
  }
  if (p.monitor) j["Monitor"] = nanos(*p.monitor);
  if (p.max_failure_ratio) j["MaxFailureRatio"] = *p.max_failure_ratio;
  if (p.order) j["Order"] = *p.order == UpdateOrder::start_first ? "start-first" : "stop-first";
  return j;
}

inline nlohmann::json file_reference_json(const FileReference& r, const std::string& target) {
  return {{"Name", target}, {"UID", r.uid}, {"GID", r.gid}, {"Mode", r.mode}};
}

/// A secret or config reference: `id` is the id resolved from r.name.
inline nlohmann::json secret_reference_json(const FileReference& r, const std::string& id, const std::string& name) {
  return {{"SecretID", id}, {"SecretName", name}, {"File", file_reference_json(r, r.target.empty() ? name : r.target)}};
}
inline nlohmann::json config_reference_json(const FileReference& r, const std::string& id, const std::string& name) {
  return {{"ConfigID", id},
          {"ConfigName", name},
          {"File", file_reference_json(r, r.target.empty() ? "/" + name : r.target)}};
}

/// The ServiceSpec of `o`. `secret_refs` / `config_refs` are the references
/// already resolved to ids (the caller asks the daemon). InvalidInput naming
/// no call: the caller names it (internal::for_call).
inline nlohmann::json service_spec_json(const ServiceOptions& o, const nlohmann::json& secret_refs = nullptr,
                                        const nlohmann::json& config_refs = nullptr) {
  if (o.image.empty()) throw InvalidInput("ServiceOptions::image is empty");
  if (o.global && o.replicas) throw InvalidInput("ServiceOptions: replicas and global exclude each other");
  for (const auto& p : o.ports)
    if (p.target == 0 || p.target > 65535 || (p.published && *p.published > 65535))
      throw InvalidInput("PublishedPort: a port is 1..65535 (target " + std::to_string(p.target) + ")");

  nlohmann::json container = {{"Image", o.image}};
  if (!o.cmd.empty()) container["Args"] = o.cmd;
  if (!o.entrypoint.empty()) container["Command"] = o.entrypoint;
  if (!o.env.empty()) container["Env"] = o.env;
  if (!o.working_dir.empty()) container["Dir"] = o.working_dir;
  if (!o.user.empty()) container["User"] = o.user;
  if (o.tty) container["TTY"] = true;
  if (!o.container_labels.empty()) container["Labels"] = o.container_labels;
  for (const auto& m : o.mounts) container["Mounts"].push_back(mount_json(m));
  if (o.stop_grace_period) container["StopGracePeriod"] = nanos(*o.stop_grace_period);
  if (secret_refs.is_array() && !secret_refs.empty()) container["Secrets"] = secret_refs;
  if (config_refs.is_array() && !config_refs.empty()) container["Configs"] = config_refs;

  nlohmann::json task = {{"ContainerSpec", container}};
  nlohmann::json resources = nlohmann::json::object();
  const auto& r = o.resources;
  auto nano_cpus = [](double cpus) { return static_cast<std::int64_t>(cpus * 1e9); };
  if (r.cpu_limit) resources["Limits"]["NanoCPUs"] = nano_cpus(*r.cpu_limit);
  if (r.memory_limit) resources["Limits"]["MemoryBytes"] = *r.memory_limit;
  if (r.cpu_reservation) resources["Reservations"]["NanoCPUs"] = nano_cpus(*r.cpu_reservation);
  if (r.memory_reservation) resources["Reservations"]["MemoryBytes"] = *r.memory_reservation;
  if (!resources.empty()) task["Resources"] = resources;
  if (o.restart) {
    nlohmann::json policy;
    switch (o.restart->condition) {
      case RestartCondition::none: policy["Condition"] = "none"; break;
      case RestartCondition::on_failure: policy["Condition"] = "on-failure"; break;
      case RestartCondition::any: policy["Condition"] = "any"; break;
    }
    if (o.restart->delay) policy["Delay"] = nanos(*o.restart->delay);
    if (o.restart->max_attempts) policy["MaxAttempts"] = *o.restart->max_attempts;
    if (o.restart->window) policy["Window"] = nanos(*o.restart->window);
    task["RestartPolicy"] = policy;
  }
  nlohmann::json placement = nlohmann::json::object();
  if (!o.constraints.empty()) placement["Constraints"] = o.constraints;
  for (const auto& d : o.placement_preferences)
    placement["Preferences"].push_back({{"Spread", {{"SpreadDescriptor", d}}}});
  if (o.max_replicas_per_node) placement["MaxReplicas"] = *o.max_replicas_per_node;
  if (!placement.empty()) task["Placement"] = placement;
  for (const auto& n : o.networks) task["Networks"].push_back({{"Target", n}});
  if (o.log_driver) task["LogDriver"] = {{"Name", *o.log_driver}};

  nlohmann::json spec = {{"TaskTemplate", task}};
  if (!o.name.empty()) spec["Name"] = o.name;
  if (!o.labels.empty()) spec["Labels"] = o.labels;
  if (o.global)
    spec["Mode"] = {{"Global", nlohmann::json::object()}};
  else
    spec["Mode"] = {{"Replicated", {{"Replicas", o.replicas.value_or(1)}}}};
  if (o.update) spec["UpdateConfig"] = update_policy_json(*o.update);
  if (o.rollback) spec["RollbackConfig"] = update_policy_json(*o.rollback);
  if (!o.ports.empty()) {
    nlohmann::json ports = nlohmann::json::array();
    for (const auto& p : o.ports) {
      nlohmann::json port = {{"Protocol", p.protocol}, {"TargetPort", p.target}};
      if (p.published) port["PublishedPort"] = *p.published;
      // Ingress is the daemon's default: sent only for host, so that 1.25..1.33 accept it.
      if (p.mode == PublishMode::host) port["PublishMode"] = "host";
      ports.push_back(std::move(port));
    }
    spec["EndpointSpec"] = {{"Ports", ports}};
  }
  return spec;
}

/// A string member of a JSON object, "" when absent or not a string.
inline std::string string_at(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

inline TaskSummary task_summary(const nlohmann::json& t) {
  TaskSummary s;
  s.id = string_at(t, "ID");
  s.service_id = string_at(t, "ServiceID");
  s.node_id = string_at(t, "NodeID");
  if (auto it = t.find("Slot"); it != t.end() && it->is_number_integer()) s.slot = it->get<std::int64_t>();
  s.desired_state = string_at(t, "DesiredState");
  if (auto status = t.find("Status"); status != t.end() && status->is_object()) {
    s.state = string_at(*status, "State");
    s.message = string_at(*status, "Message");
    s.error = string_at(*status, "Err");
    if (auto cs = status->find("ContainerStatus"); cs != status->end()) s.container_id = string_at(*cs, "ContainerID");
  }
  return s;
}

/// "3f2a1b0c9d8e rejected (No such image: x:latest)", for Timeout messages.
inline std::string describe_tasks(const std::vector<TaskSummary>& tasks, std::size_t limit = 12) {
  if (tasks.empty()) return "no tasks";
  std::string out;
  std::size_t shown = 0;
  for (const auto& t : tasks) {
    if (shown == limit) {
      out += "; … " + std::to_string(tasks.size() - shown) + " more";
      break;
    }
    if (shown++) out += "; ";
    out += t.id.substr(0, 12) + " " + (t.state.empty() ? std::string("unknown") : t.state);
    if (!t.desired_state.empty() && t.desired_state != "running") out += " (desired " + t.desired_state + ")";
    if (!t.error.empty())
      out += ": " + t.error;
    else if (!t.message.empty() && t.state != "running")
      out += ": " + t.message;
  }
  return out;
}

}  // namespace docker::sdk::internal
