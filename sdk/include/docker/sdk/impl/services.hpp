// Definitions of docker/sdk/services.hpp (see impl/container.hpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/internal/query.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/impl/swarm.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/swarm_requests.hpp"
#include "docker/sdk/services.hpp"

namespace docker::sdk {

namespace internal {

/// References by name (or id) resolved against a listing of secrets or
/// configs (JSON array of {ID, Spec: {Name}}); `kind` is "secret" or "config",
/// `listed_by` the route of that listing (a NotFound names it).
inline nlohmann::json resolve_references(const std::vector<FileReference>& refs, const nlohmann::json& listed,
                                         std::string_view kind, const Route& listed_by) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : refs) {
    std::string id, name;
    if (listed.is_array())
      for (const auto& item : listed) {
        auto item_name = string_at(item.value("Spec", nlohmann::json::object()), "Name");
        if (string_at(item, "ID") == r.name || item_name == r.name) {
          id = string_at(item, "ID");
          name = item_name;
          break;
        }
      }
    if (id.empty())
      throw NotFound(
          0, "ServiceOptions::" + std::string(kind) + "s: no " + std::string(kind) + " named \"" + r.name + "\"",
          listed_by.method, listed_by.path);
    out.push_back(kind == "secret" ? secret_reference_json(r, id, name) : config_reference_json(r, id, name));
  }
  return out;
}

// The spec of `options` with its secrets and configs resolved to ids; every
// version requirement is checked before the first request.
template <class Api>
nlohmann::json resolved_service_spec(Client& client, const ServiceOptions& options, const CallOptions& call) {
  using Create = typename Api::ServiceCreateParams;
  require_all(client, service_requirements<Create>(options), call);
  // Local validation before any request.
  (void)for_call<Create>([&] { return service_spec_json(options); });
  nlohmann::json secrets = nullptr, configs = nullptr;
  if (!options.secrets.empty()) {
    nlohmann::json listed = typename Api::SecretApi(client).secret_list({}, call);
    secrets = resolve_references(options.secrets, listed, "secret", Api::SecretListParams::route);
  }
  if (!options.configs.empty()) {
    if constexpr (requires { typename Api::ConfigApi; }) {
      nlohmann::json listed = typename Api::ConfigApi(client).config_list({}, call);
      configs = resolve_references(options.configs, listed, "config", Api::ConfigListParams::route);
    } else {
      throw VersionError(
          "ServiceOptions::configs: these bindings (API " + Api::version.str() + ") have no config operations",
          Create::route.method, Create::route.path);
    }
  }
  return for_call<Create>([&] { return service_spec_json(options, secrets, configs); });
}

}  // namespace internal

template <class Api>
std::string Services<Api>::create(const ServiceOptions& options) {
  using Params = typename Api::ServiceCreateParams;
  auto spec = internal::resolved_service_spec<Api>(*client_, options, options_);
  Params p{};
  p.body = docker::decode_value<typename Api::ServiceCreateRequest>(spec);
  nlohmann::json created = typename Api::ServiceApi(*client_).service_create(p, options_);
  auto id = internal::string_at(created, "ID");
  if (id.empty())
    throw ProtocolError("service create: the daemon sent no id", Params::route.method, Params::route.path);
  return id;
}

template <class Api>
typename Api::ServiceInspectResult Services<Api>::inspect(const std::string& id) {
  typename Api::ServiceInspectParams p{};
  p.id = id;
  return typename Api::ServiceApi(*client_).service_inspect(p, options_);
}

template <class Api>
std::int64_t Services<Api>::version(const std::string& id) {
  return internal::version_index(nlohmann::json(inspect(id)), "service inspect");
}

template <class Api>
typename Api::ServiceListResult Services<Api>::list(const Filters& filters) {
  typename Api::ServiceListParams p{};
  if (!filters.empty()) p.filters = filters;
  return typename Api::ServiceApi(*client_).service_list(p, options_);
}

template <class Api>
std::vector<std::string> Services<Api>::send_update(const std::string& id, std::int64_t version,
                                                    const std::string& spec_json, bool rollback) {
  using Params = typename Api::ServiceUpdateParams;
  Params p{};
  p.id = id;
  p.version = version;
  p.body = docker::decode<typename Api::ServiceUpdateRequest>(spec_json);
  if (rollback) {
    if constexpr (requires { p.rollback = std::string("previous"); })
      p.rollback = std::string("previous");
    else
      throw VersionError(
          "service rollback: these bindings (API " + Api::version.str() + ") have no `rollback` parameter",
          Params::route.method, Params::route.fill({id}));
  }
  return internal::with_sequence_conflict([&] {
    nlohmann::json answer = typename Api::ServiceApi(*client_).service_update(p, options_);
    std::vector<std::string> warnings;
    if (auto w = answer.find("Warnings"); answer.is_object() && w != answer.end() && w->is_array())
      for (const auto& item : *w)
        if (item.is_string()) warnings.push_back(item.get<std::string>());
    return warnings;
  });
}

template <class Api>
std::vector<std::string> Services<Api>::update(const std::string& id, std::int64_t version,
                                               const ServiceOptions& options) {
  return send_update(
      id, version, docker::internal::text_of(internal::resolved_service_spec<Api>(*client_, options, options_)), false);
}

template <class Api>
void Services<Api>::scale(const std::string& id, std::uint64_t replicas) {
  nlohmann::json current = inspect(id);
  auto spec = current.value("Spec", nlohmann::json::object());
  auto mode = spec.find("Mode");
  if (mode == spec.end() || !mode->is_object() || !mode->contains("Replicated"))
    throw InvalidInput("scale: service " + id + " is not replicated", Api::ServiceUpdateParams::route.method,
                       Api::ServiceUpdateParams::route.fill({id}));
  (*mode)["Replicated"]["Replicas"] = replicas;
  send_update(id, internal::version_index(current, "service inspect"), docker::internal::text_of(spec), false);
}

template <class Api>
void Services<Api>::rollback(const std::string& id) {
  using Update = typename Api::ServiceUpdateParams;
  // Bindings without the parameter refuse in send_update.
  if constexpr (requires(Update p) { p.rollback; })
    client_->require_version(Update::Since::rollback, "service rollback", options_);
  nlohmann::json current = inspect(id);
  // The daemon ignores the spec sent with rollback=previous; the current one is sent.
  send_update(id, internal::version_index(current, "service inspect"),
              docker::internal::text_of(current.value("Spec", nlohmann::json::object())), true);
}

template <class Api>
Output Services<Api>::logs(const std::string& id, const LogOptions& options) {
  using Params = typename Api::ServiceLogsParams;
  if (options.until)
    throw InvalidInput("service logs: LogOptions::until is not a parameter of service logs", Params::route.method,
                       Params::route.fill({id}));
  auto framing = OutputFraming::detect;
  if (client_->api_version(options_) < kFramingInContentType) {
    // Before 1.42 only the service's TTY setting tells the framing.
    nlohmann::json service = inspect(id);
    bool tty = false;
    auto container = service.value("Spec", nlohmann::json::object())
                         .value("TaskTemplate", nlohmann::json::object())
                         .value("ContainerSpec", nlohmann::json::object());
    tty = container.value("TTY", false);
    framing = tty ? OutputFraming::raw : OutputFraming::multiplexed;
  }
  docker::internal::QueryString q;
  q.add("stdout", options.with_stdout);
  q.add("stderr", options.with_stderr);
  if (options.follow) q.add("follow", true);
  if (options.since) q.add("since", internal::unix_seconds(*options.since));
  if (options.timestamps) q.add("timestamps", true);
  q.add("tail", options.tail ? std::to_string(*options.tail) : std::string("all"));
  Request req;
  req.method = Params::route.method;
  req.target = Params::route.target({id}, q);
  req.options = options_;
  auto response = client_->stream(std::move(req));
  return Output(docker::internal::open_output(std::move(response), framing, client_->api_version(options_)));
}

template <class Api>
void Services<Api>::remove(const std::string& id) {
  typename Api::ServiceDeleteParams p{};
  p.id = id;
  typename Api::ServiceApi(*client_).service_delete(p, options_);
}

template <class Api>
typename Api::TaskListResult Tasks<Api>::list(const Filters& filters) {
  typename Api::TaskListParams p{};
  if (!filters.empty()) p.filters = filters;
  return typename Api::TaskApi(*client_).task_list(p, options_);
}

template <class Api>
std::vector<TaskSummary> Tasks<Api>::of_service(const std::string& service) {
  nlohmann::json listed = list(Filters{{"service", {service}}});
  std::vector<TaskSummary> out;
  if (listed.is_array())
    for (const auto& t : listed) out.push_back(internal::task_summary(t));
  // Oldest slot first, then by state, for stable messages.
  std::sort(out.begin(), out.end(), [](const TaskSummary& a, const TaskSummary& b) {
    return std::tie(a.slot, a.state, a.id) < std::tie(b.slot, b.state, b.id);
  });
  return out;
}

template <class Api>
std::vector<TaskSummary> Tasks<Api>::wait_running(const std::string& service, std::size_t count) {
  const auto started = Clock::now();
  // A per-call timeout bounds the wait as a whole.
  const auto deadline = options_.started_now().deadline.value_or(started + kDefaultTaskWait);
  Tasks bounded(client_, CallOptions{deadline, options_.cancel});
  std::vector<TaskSummary> seen;
  std::size_t running_count = 0;
  auto timed_out = [&] {
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    return Timeout("wait_running(" + service + "): " + std::to_string(running_count) + " of " + std::to_string(count) +
                       " tasks running after " + std::to_string(waited) +
                       " ms; tasks: " + internal::describe_tasks(seen),
                   Api::TaskListParams::route.method, Api::TaskListParams::route.path);
  };
  auto pause = std::chrono::milliseconds(50);
  for (;;) {
    if (options_.cancel.is_cancelled())
      throw Cancelled("wait_running(" + service + "): cancelled", Api::TaskListParams::route.method,
                      Api::TaskListParams::route.path);
    try {
      seen = bounded.of_service(service);
    } catch (const Timeout&) {
      throw timed_out();
    }
    std::vector<TaskSummary> running;
    for (const auto& t : seen)
      if (t.state == "running") running.push_back(t);
    running_count = running.size();
    if (running_count == count) return running;
    auto now = Clock::now();
    if (now >= deadline) throw timed_out();
    std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(500));
  }
}

}  // namespace docker::sdk
