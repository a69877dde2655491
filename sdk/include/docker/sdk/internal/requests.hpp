// Version-free request building. Bodies are built as JSON and decoded into
// the generated model of the version in use: field names are stable across
// versions while their C++ types are not (Cmd was a JSON value before 1.26,
// PortBindings a map of inline structs), and decoding absorbs that.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>

#include "docker/errors.hpp"
#include "docker/internal/query.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/options.hpp"

namespace docker::sdk::internal {

inline nlohmann::json mount_json(const MountSpec& m) {
  nlohmann::json j = {{"Type", m.type}, {"Target", m.target}};
  if (!m.source.empty()) j["Source"] = m.source;
  if (m.read_only) j["ReadOnly"] = true;
  if (m.tmpfs_size_bytes) {
    if (m.type != "tmpfs")
      throw InvalidInput("MountSpec::tmpfs_size_bytes is for tmpfs mounts; " + m.target + " is " + m.type);
    j["TmpfsOptions"] = {{"SizeBytes", *m.tmpfs_size_bytes}};
  }
  return j;
}

inline std::string_view restart_name(ContainerRestartPolicy::Mode mode) {
  switch (mode) {
    case ContainerRestartPolicy::Mode::always: return "always";
    case ContainerRestartPolicy::Mode::unless_stopped: return "unless-stopped";
    case ContainerRestartPolicy::Mode::on_failure: return "on-failure";
    case ContainerRestartPolicy::Mode::no: break;
  }
  return "no";
}

/// InvalidInput naming no call: create_params names it (internal::for_call).
[[noreturn]] inline void bad_option(const std::string& message) { throw InvalidInput(message); }

inline nlohmann::json health_json(const HealthCheck& h) {
  if (h.test.empty()) bad_option("HealthCheck::test is empty (use HealthCheck::shell, exec or disabled)");
  nlohmann::json j = {{"Test", h.test}};
  if (h.interval) j["Interval"] = h.interval->count();
  if (h.timeout) j["Timeout"] = h.timeout->count();
  if (h.retries) j["Retries"] = *h.retries;
  if (h.start_period) j["StartPeriod"] = h.start_period->count();
  return j;
}

inline void add_resources(nlohmann::json& host, const ContainerResources& r) {
  if (r.memory_bytes) host["Memory"] = *r.memory_bytes;
  if (r.memory_swap_bytes) host["MemorySwap"] = *r.memory_swap_bytes;
  if (r.cpus) {
    // NaN fails both comparisons.
    if (!(*r.cpus > 0 && *r.cpus < 1e6))
      bad_option("Resources::cpus must be a positive number of CPUs, not " + std::to_string(*r.cpus));
    host["NanoCpus"] = std::llround(*r.cpus * 1e9);
  }
  if (r.cpu_shares) host["CpuShares"] = *r.cpu_shares;
  if (r.pids_limit) host["PidsLimit"] = *r.pids_limit;
}

inline nlohmann::json create_json(const ContainerOptions& o) {
  if (o.image.empty()) bad_option("ContainerOptions::image is empty");
  nlohmann::json j = {{"Image", o.image}, {"AttachStdout", true}, {"AttachStderr", true}};
  if (!o.cmd.empty()) j["Cmd"] = o.cmd;
  if (!o.entrypoint.empty()) j["Entrypoint"] = o.entrypoint;
  if (!o.env.empty()) j["Env"] = o.env;
  if (!o.labels.empty()) j["Labels"] = o.labels;
  if (!o.working_dir.empty()) j["WorkingDir"] = o.working_dir;
  if (!o.user.empty()) j["User"] = o.user;
  if (o.tty) j["Tty"] = true;
  if (o.open_stdin) j["OpenStdin"] = j["AttachStdin"] = true;
  // Without StdinOnce dockerd never passes an attachment's end of stdin on to
  // the process: it ends that attachment's output instead.
  if (o.stdin_once.value_or(o.open_stdin)) j["StdinOnce"] = true;
  if (!o.hostname.empty()) j["Hostname"] = o.hostname;
  if (!o.domain_name.empty()) j["Domainname"] = o.domain_name;
  if (o.health_check) j["Healthcheck"] = health_json(*o.health_check);
  if (o.stop_signal) j["StopSignal"] = *o.stop_signal;
  if (o.stop_timeout) j["StopTimeout"] = o.stop_timeout->count();

  nlohmann::json host = nlohmann::json::object();
  if (!o.ports.empty()) {
    nlohmann::json exposed = nlohmann::json::object(), bindings = nlohmann::json::object();
    for (const auto& p : o.ports) {
      p.validate();
      auto key = p.key();
      exposed[key] = nlohmann::json::object();
      bindings[key].push_back({{"HostIp", p.host_ip}, {"HostPort", p.host_port}});
    }
    j["ExposedPorts"] = exposed;
    host["PortBindings"] = bindings;
  }
  for (const auto& m : o.mounts) host["Mounts"].push_back(mount_json(m));
  if (o.network_mode) {
    host["NetworkMode"] = *o.network_mode;
  } else if (!o.networks.empty()) {
    host["NetworkMode"] = o.networks.front().network;
  }
  if (!o.networks.empty()) {
    nlohmann::json endpoints = nlohmann::json::object();
    for (const auto& n : o.networks) {
      if (n.network.empty()) bad_option("NetworkAttachment::network is empty");
      nlohmann::json endpoint = nlohmann::json::object();
      if (!n.aliases.empty()) endpoint["Aliases"] = n.aliases;
      endpoints[n.network] = endpoint;
    }
    j["NetworkingConfig"] = {{"EndpointsConfig", endpoints}};
  }
  if (o.log_driver) host["LogConfig"] = {{"Type", *o.log_driver}};
  if (o.auto_remove) host["AutoRemove"] = true;
  if (o.privileged) host["Privileged"] = true;
  if (o.restart_policy) {
    host["RestartPolicy"] = {{"Name", restart_name(o.restart_policy->mode)}};
    if (o.restart_policy->mode == ContainerRestartPolicy::Mode::on_failure)
      host["RestartPolicy"]["MaximumRetryCount"] = o.restart_policy->max_retries;
  }
  add_resources(host, o.resources);
  if (!o.extra_hosts.empty()) host["ExtraHosts"] = o.extra_hosts;
  if (!o.dns_servers.empty()) host["Dns"] = o.dns_servers;
  if (!o.dns_search.empty()) host["DnsSearch"] = o.dns_search;
  if (!o.dns_options.empty()) host["DnsOptions"] = o.dns_options;
  if (!o.cap_add.empty()) host["CapAdd"] = o.cap_add;
  if (!o.cap_drop.empty()) host["CapDrop"] = o.cap_drop;
  if (o.read_only_rootfs) host["ReadonlyRootfs"] = true;
  if (o.init) host["Init"] = *o.init;
  if (o.shm_size_bytes) host["ShmSize"] = *o.shm_size_bytes;
  for (const auto& u : o.ulimits) host["Ulimits"].push_back({{"Name", u.name}, {"Soft", u.soft}, {"Hard", u.hard}});
  if (!o.sysctls.empty()) host["Sysctls"] = o.sysctls;
  if (!o.group_add.empty()) host["GroupAdd"] = o.group_add;
  for (const auto& d : o.devices) {
    if (d.host_path.empty()) bad_option("DeviceMapping::host_path is empty");
    host["Devices"].push_back({{"PathOnHost", d.host_path},
                               {"PathInContainer", d.container_path.empty() ? d.host_path : d.container_path},
                               {"CgroupPermissions", d.cgroup_permissions}});
  }
  if (!host.empty()) j["HostConfig"] = host;

  if (!o.raw_json.empty()) {
    nlohmann::json patch = nlohmann::json::parse(o.raw_json, nullptr, /*allow_exceptions=*/false);
    if (patch.is_discarded()) bad_option("ContainerOptions::raw_json is not valid JSON: " + o.raw_json);
    if (!patch.is_object()) bad_option("ContainerOptions::raw_json is not a JSON object: " + o.raw_json);
    j.merge_patch(patch);
  }
  return j;
}

inline nlohmann::json exec_json(const std::vector<std::string>& cmd, const ExecOptions& o, bool attach) {
  nlohmann::json j = {{"Cmd", cmd}, {"AttachStdout", attach}, {"AttachStderr", attach}};
  if (attach && (o.with_stdin || o.input)) j["AttachStdin"] = true;
  if (o.tty) j["Tty"] = true;
  if (!o.env.empty()) j["Env"] = o.env;
  if (!o.user.empty()) j["User"] = o.user;
  if (!o.working_dir.empty()) j["WorkingDir"] = o.working_dir;
  if (o.privileged) j["Privileged"] = true;
  if (o.detach_keys) j["DetachKeys"] = *o.detach_keys;
  return j;
}

/// 128 random bits in hex: a value no other run() shares.
[[nodiscard]] inline std::string random_hex() {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::random_device device;
  std::string out;
  for (int word = 0; word < 4; ++word) {
    auto bits = static_cast<std::uint32_t>(device());
    for (int nibble = 0; nibble < 8; ++nibble, bits >>= 4) out += kDigits[bits & 0xf];
  }
  return out;
}

inline std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// The target of the container logs route (`Params::route` of the version's ContainerLogsParams).
template <class Params>
std::string logs_target(std::string_view id, const LogOptions& o) {
  docker::internal::QueryString q;
  q.add("stdout", o.with_stdout);
  q.add("stderr", o.with_stderr);
  if (o.follow) q.add("follow", true);
  if (o.since) q.add("since", unix_seconds(*o.since));
  if (o.until) q.add("until", unix_seconds(*o.until));
  if (o.timestamps) q.add("timestamps", true);
  q.add("tail", o.tail ? std::to_string(*o.tail) : std::string("all"));
  return Params::route.target({id}, q);
}

inline std::string_view condition_name(WaitCondition c) {
  switch (c) {
    case WaitCondition::next_exit: return "next-exit";
    case WaitCondition::removed: return "removed";
    case WaitCondition::not_running: break;
  }
  return "not-running";
}

}  // namespace docker::sdk::internal
