// Version-free request building. Bodies are built as JSON and decoded into
// the generated model of the version in use: field names are stable across
// versions while their C++ types are not (Cmd was a JSON value before 1.26,
// PortBindings a map of inline structs), and decoding absorbs that.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/model/query.hpp"
#include "docker/sdk/options.hpp"

namespace docker::sdk::internal {

inline std::string port_key(const std::string& port) {
  return port.find('/') == std::string::npos ? port + "/tcp" : port;
}

inline nlohmann::json mount_json(const MountSpec& m) {
  nlohmann::json j = {{"Type", m.type}, {"Target", m.target}};
  if (!m.source.empty()) j["Source"] = m.source;
  if (m.read_only) j["ReadOnly"] = true;
  return j;
}

inline nlohmann::json create_json(const ContainerOptions& o) {
  if (o.image.empty()) throw InvalidInput("ContainerOptions::image is empty", "POST", "/containers/create");
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

  nlohmann::json host = nlohmann::json::object();
  if (!o.ports.empty()) {
    nlohmann::json exposed = nlohmann::json::object(), bindings = nlohmann::json::object();
    for (const auto& p : o.ports) {
      auto key = port_key(p.container_port);
      exposed[key] = nlohmann::json::object();
      bindings[key].push_back({{"HostIp", p.host_ip}, {"HostPort", p.host_port}});
    }
    j["ExposedPorts"] = exposed;
    host["PortBindings"] = bindings;
  }
  for (const auto& m : o.mounts) host["Mounts"].push_back(mount_json(m));
  if (o.network_mode) host["NetworkMode"] = *o.network_mode;
  if (o.log_driver) host["LogConfig"] = {{"Type", *o.log_driver}};
  if (o.auto_remove) host["AutoRemove"] = true;
  if (o.privileged) host["Privileged"] = true;
  if (!host.empty()) j["HostConfig"] = host;
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

inline std::string container_path(std::string_view id, std::string_view suffix) {
  return model::QueryString{}.target({"/containers/", model::escape_path_segment(id), suffix});
}

inline std::string logs_target(std::string_view id, const LogOptions& o) {
  model::QueryString q;
  q.add("stdout", o.with_stdout);
  q.add("stderr", o.with_stderr);
  if (o.follow) q.add("follow", true);
  if (o.since) q.add("since", unix_seconds(*o.since));
  if (o.until) q.add("until", unix_seconds(*o.until));
  if (o.timestamps) q.add("timestamps", true);
  q.add("tail", o.tail ? std::to_string(*o.tail) : std::string("all"));
  return q.target({"/containers/", model::escape_path_segment(id), "/logs"});
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
