// Definitions of docker/sdk/swarm.hpp (see impl/container.hpp).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/swarm_requests.hpp"
#include "docker/sdk/swarm.hpp"

namespace docker::sdk {

namespace internal {

/// The version index of an object read back as JSON ({"Version": {"Index": n}}).
inline std::int64_t version_index(const nlohmann::json& object, std::string_view what) {
  if (object.is_object())
    if (auto v = object.find("Version"); v != object.end() && v->is_object())
      if (auto i = v->find("Index"); i != v->end() && i->is_number_integer()) return i->get<std::int64_t>();
  throw ProtocolError(std::string(what) + ": the daemon sent no version index");
}

/// Runs an update at a version index. dockerd 20.10 answers a stale index
/// with 500 "rpc error: code = Unknown desc = update out of sequence": raised
/// as Conflict (the status and message stay the daemon's).
template <class F>
decltype(auto) with_sequence_conflict(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const Internal& e) {
    if (e.message().find("update out of sequence") != std::string::npos)
      throw Conflict(e.status(), e.message(), e.method(), e.path());
    throw;
  }
}

inline void require_all(Client& client, const std::vector<Requirement>& needs, const CallOptions& options) {
  for (const auto& need : needs) client.require_version(need.version, need.what, options);
}

}  // namespace internal

template <class Api>
std::string Swarm<Api>::init(const SwarmInitOptions& options) {
  internal::require_all(*client_, internal::swarm_init_requirements<typename Api::SwarmInitParams>(options), options_);
  typename Api::SwarmInitParams p{
      .body = docker::decode_value<typename Api::SwarmInitRequest>(internal::swarm_init_json(options)),
  };
  return typename Api::SwarmApi(*client_).swarm_init(p, options_);
}

template <class Api>
void Swarm<Api>::join(const SwarmJoinOptions& options) {
  // InvalidInput first: nothing is sent.
  auto body = internal::for_call<typename Api::SwarmJoinParams>([&] { return internal::swarm_join_json(options); });
  internal::require_all(*client_, internal::swarm_join_requirements<typename Api::SwarmJoinParams>(options), options_);
  typename Api::SwarmJoinParams p{
      .body = docker::decode_value<typename Api::SwarmJoinRequest>(body),
  };
  typename Api::SwarmApi(*client_).swarm_join(p, options_);
}

template <class Api>
typename Api::SwarmInspectResult Swarm<Api>::inspect() {
  return typename Api::SwarmApi(*client_).swarm_inspect({}, options_);
}

template <class Api>
SwarmJoinTokens Swarm<Api>::join_tokens() {
  nlohmann::json swarm = inspect();
  SwarmJoinTokens out;
  if (auto t = swarm.find("JoinTokens"); t != swarm.end()) {
    out.worker = internal::string_at(*t, "Worker");
    out.manager = internal::string_at(*t, "Manager");
  }
  return out;
}

template <class Api>
void Swarm<Api>::update(const SwarmUpdateOptions& options) {
  nlohmann::json current = inspect();
  // Members assigned one by one: their order differs between versions.
  typename Api::SwarmUpdateParams p{};
  p.body = docker::decode_value<typename Api::SwarmSpec>(
      internal::swarm_spec_json(current.value("Spec", nlohmann::json::object()), options));
  p.version = options.version.value_or(internal::version_index(current, "swarm update"));
  if (options.rotate_worker_token) p.rotate_worker_token = true;
  if (options.rotate_manager_token) p.rotate_manager_token = true;
  internal::with_sequence_conflict([&] { typename Api::SwarmApi(*client_).swarm_update(p, options_); });
}

template <class Api>
void Swarm<Api>::leave(bool force) {
  typename Api::SwarmLeaveParams p;
  if (force) p.force = true;
  typename Api::SwarmApi(*client_).swarm_leave(p, options_);
}

template <class Api>
typename Api::NodeListResult Nodes<Api>::list(const Filters& filters) {
  typename Api::NodeListParams p;
  if (!filters.empty()) p.filters = filters;
  return typename Api::NodeApi(*client_).node_list(p, options_);
}

template <class Api>
typename Api::NodeInspectResult Nodes<Api>::inspect(const std::string& id) {
  return typename Api::NodeApi(*client_).node_inspect({.id = id}, options_);
}

template <class Api>
void Nodes<Api>::update(const std::string& id, const NodeUpdate& update) {
  nlohmann::json current = inspect(id);
  typename Api::NodeUpdateParams p{};
  p.id = id;
  p.body = docker::decode_value<typename Api::NodeSpec>(
      internal::node_spec_json(current.value("Spec", nlohmann::json::object()), update));
  p.version = update.version.value_or(internal::version_index(current, "node update"));
  internal::with_sequence_conflict([&] { typename Api::NodeApi(*client_).node_update(p, options_); });
}

}  // namespace docker::sdk
