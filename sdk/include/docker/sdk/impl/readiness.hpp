// Definitions of Container<Api>'s published-port lookups and readiness
// waits (declared in docker/sdk/container.hpp). The inspect result is read
// as JSON: the fields used (State, State.Health, NetworkSettings.Ports,
// Config.Healthcheck) have the same names in every version, while their C++
// types, or their presence in older bindings, differ.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "docker/errors.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/deadline_watch.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/internal/tcp_probe.hpp"
#include "docker/sdk/ports.hpp"
#include "docker/sdk/readiness.hpp"

namespace docker::sdk {
namespace internal {

/// What one inspect said about the container, as far as the waits care.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move (clang-tidy 14 false positive)
struct SeenState {
  std::string status;  // State.Status
  bool running = false;
  bool restarting = false;
  std::optional<std::int64_t> exit_code;
  std::string health;  // State.Health.Status, empty without a check
  std::string health_output;
  bool has_health_check = false;
  nlohmann::json ports;  // NetworkSettings.Ports

  [[nodiscard]] std::string describe() const {
    std::string out = "state " + (status.empty() ? std::string("unknown") : status);
    if (!running && exit_code) out += " (exit code " + std::to_string(*exit_code) + ")";
    if (!health.empty()) out += ", health " + health;
    if (!health_output.empty()) out += " (last check output: " + health_output + ")";
    return out;
  }
};

inline std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline std::string trimmed(std::string s, std::size_t limit = 200) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.size() > limit) s = s.substr(0, limit) + "…";
  return s;
}

inline SeenState seen_state(const nlohmann::json& info) {
  SeenState seen;
  const auto state = info.value("State", nlohmann::json::object());
  seen.status = json_string(state, "Status");
  seen.running = state.value("Running", false);
  seen.restarting = state.value("Restarting", false);
  if (!seen.running && state.contains("ExitCode") && state["ExitCode"].is_number_integer() && seen.status != "created")
    seen.exit_code = state["ExitCode"].get<std::int64_t>();
  if (auto health = state.find("Health"); health != state.end() && health->is_object()) {
    seen.health = json_string(*health, "Status");
    if (auto log = health->find("Log"); log != health->end() && log->is_array() && !log->empty())
      seen.health_output = trimmed(json_string(log->back(), "Output"));
  }
  const auto config = info.value("Config", nlohmann::json::object());
  if (auto check = config.find("Healthcheck"); check != config.end() && check->is_object()) {
    auto test = check->value("Test", nlohmann::json::array());
    seen.has_health_check = test.is_array() && !test.empty() && test[0] != "NONE";
  }
  const auto network = info.value("NetworkSettings", nlohmann::json::object());
  seen.ports = network.value("Ports", nlohmann::json::object());
  if (seen.ports.is_null()) seen.ports = nlohmann::json::object();
  return seen;
}

/// The earlier of the handle's deadline and now + `timeout`; neither: now + kReadinessTimeout.
inline Clock::time_point readiness_deadline(const CallOptions& options, std::optional<Clock::duration> timeout) {
  const auto handle = options.started_now();  // a per-call timeout bounds the wait as a whole
  if (!timeout && handle.deadline) return *handle.deadline;
  auto own = Clock::now() + timeout.value_or(std::chrono::duration_cast<Clock::duration>(kReadinessTimeout));
  return handle.deadline ? std::min(own, *handle.deadline) : own;
}

inline std::string seconds_text(Clock::duration d) {
  auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(d).count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

/// A growing pause between polls: 10 ms doubling up to kReadinessPollCap,
/// never past the deadline; a cancellation is noticed after each pause.
class PollPause {
 public:
  PollPause(Clock::time_point deadline, CancellationToken cancel) : deadline_(deadline), cancel_(std::move(cancel)) {}
  /// False when the deadline has passed (no pause then).
  bool wait(std::string_view what) {
    auto now = Clock::now();
    if (now >= deadline_) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(pause_, deadline_ - now));
    pause_ = std::min<std::chrono::milliseconds>(pause_ * 2, kReadinessPollCap);
    if (cancel_.is_cancelled()) throw Cancelled(std::string(what) + ": cancelled");
    return true;
  }

 private:
  Clock::time_point deadline_;
  CancellationToken cancel_;
  std::chrono::milliseconds pause_{10};
};

/// The loop of wait_for_healthy and wait_for_port: inspects (through
/// `inspect`, bounded by `deadline`) and hands each state to `step` until it
/// returns a value or the deadline passes. `step` may throw, and records in
/// `last_seen` what the Timeout should report ("<what>: <failure> within
/// N s; last seen: …"), which a timed-out inspect raises too.
template <class Result, class Inspect, class Step>
Result poll_inspect(Clock::time_point deadline, const CancellationToken& cancel, const std::string& what,
                    std::string_view failure, const NamedCall& call, Inspect inspect, Step step) {
  const auto started = Clock::now();
  PollPause pause(deadline, cancel);
  std::string last_seen = "nothing yet";
  auto timed_out = [&] {
    return Timeout(what + ": " + std::string(failure) + " within " + seconds_text(Clock::now() - started) +
                       "; last seen: " + last_seen,
                   call.method, call.path);
  };
  do {
    nlohmann::json info;
    try {
      info = inspect();
    } catch (const Timeout&) {
      throw timed_out();
    }
    if (std::optional<Result> done = step(seen_state(info), last_seen)) return *std::move(done);
  } while (pause.wait(what));
  throw timed_out();
}

[[noreturn]] inline void throw_not_running(const std::string& what, const SeenState& seen, const NamedCall& call) {
  std::string message = what + ": the container is not running (" + seen.describe() + ")";
  throw ContainerNotRunning(message, seen.status, seen.exit_code, call.method, call.path);
}

/// The host bindings of `key` in a running container's NetworkSettings.Ports.
inline std::vector<HostPort> published_ports(const SeenState& seen, const std::string& key, const std::string& what,
                                             const NamedCall& call) {
  if (!seen.running) throw_not_running(what, seen, call);
  std::vector<HostPort> out;
  if (auto it = seen.ports.find(key); it != seen.ports.end() && it->is_array()) {
    for (const auto& binding : *it) {
      auto port = parse_port_number(json_string(binding, "HostPort"));
      if (port) out.push_back(HostPort{json_string(binding, "HostIp"), *port});
    }
  }
  if (out.empty()) {
    std::string published;
    for (const auto& [k, v] : seen.ports.items())
      if (v.is_array() && !v.empty()) published += (published.empty() ? "" : ", ") + k;
    throw NotFound(0,
                   what + ": port " + key +
                       " is not published (published: " + (published.empty() ? std::string("none") : published) + ")",
                   call.method, call.path);
  }
  return out;
}

}  // namespace internal

template <class Api>
std::vector<HostPort> Container<Api>::ports(std::string_view container_port) {
  auto key = internal::container_port_key(container_port, container_port);
  nlohmann::json info = inspect();
  return internal::published_ports(internal::seen_state(info), key, "port(" + key + ") of " + id_,
                                   internal::named_call<typename Api::ContainerInspectParams>({id_}));
}

template <class Api>
HostPort Container<Api>::port(std::string_view container_port) {
  return ports(container_port).front();
}

template <class Api>
void Container<Api>::wait_for_log(const LogPattern& pattern, std::size_t occurrences,
                                  std::optional<Clock::duration> timeout) {
  const auto started = Clock::now();
  const auto deadline = internal::readiness_deadline(options_, timeout);
  const std::string what = "wait_for_log(\"" + pattern.text + "\") of " + id_;
  const auto call = internal::named_call<typename Api::ContainerLogsParams>({id_});
  std::optional<std::regex> regex;
  if (pattern.is_regex) {
    try {
      regex.emplace(pattern.text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw InvalidInput(what + ": bad regular expression: " + e.what(), call.method, call.path);
    }
  }
  if (occurrences == 0) return;

  std::size_t matched = 0;
  std::string last_line;
  auto summary = [&] {
    return std::to_string(matched) + " of " + std::to_string(occurrences) + " matching lines" +
           (last_line.empty() ? std::string("; no line yet") : "; last line: \"" + internal::trimmed(last_line) + "\"");
  };
  // A line at a time, per stream (a line may come in several chunks).
  std::string partial[2];
  auto take_line = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    last_line.assign(line);
    bool hit =
        regex ? std::regex_search(line.begin(), line.end(), *regex) : line.find(pattern.text) != std::string_view::npos;
    return hit && ++matched >= occurrences;
  };

  internal::DeadlineWatch watch(CallOptions{deadline, options_.cancel});
  try {
    auto output = with(watch.options()).logs({.follow = true});
    while (auto chunk = output.next()) {
      auto& buffer = partial[chunk->stream == StreamKind::stderr_stream ? 1 : 0];
      buffer.append(chunk->data);
      std::size_t start = 0;
      for (auto end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n', start)) {
        if (take_line(std::string_view(buffer).substr(start, end - start))) return;
        start = end + 1;
      }
      buffer.erase(0, start);
      // A line without an end: keep a bounded tail of it.
      if (buffer.size() > (1u << 16)) buffer.erase(0, buffer.size() - (1u << 16));
    }
    for (auto& rest : partial)
      if (!rest.empty() && take_line(rest)) return;
  } catch (const Cancelled& e) {
    if (!watch.timed_out()) throw;
    throw Timeout(what + ": not seen within " + internal::seconds_text(Clock::now() - started) + "; saw " + summary(),
                  call.method, call.path);
  } catch (const Timeout&) {
    throw Timeout(what + ": not seen within " + internal::seconds_text(Clock::now() - started) + "; saw " + summary(),
                  call.method, call.path);
  }
  // The followed logs end when the container stops; its state may say so a
  // moment later.
  internal::SeenState seen;
  internal::PollPause settle(std::min(deadline, Clock::now() + std::chrono::seconds(1)), options_.cancel);
  do {
    seen = internal::seen_state(nlohmann::json(inspect()));
  } while (seen.running && settle.wait(what));
  if (!seen.running) {
    throw ContainerNotRunning(what + ": the container stopped (" + seen.describe() + ") after " + summary(),
                              seen.status, seen.exit_code, call.method, call.path);
  }
  throw StreamError(
      what + ": the log stream ended while the container runs (" + seen.describe() + ") after " + summary(),
      call.method, call.path);
}

template <class Api>
void Container<Api>::wait_for_healthy(std::optional<Clock::duration> timeout) {
  const auto deadline = internal::readiness_deadline(options_, timeout);
  const std::string what = "wait_for_healthy() of " + id_;
  const auto call = internal::named_call<typename Api::ContainerInspectParams>({id_});
  auto bounded = with(CallOptions{deadline, options_.cancel});
  internal::poll_inspect<bool>(
      deadline, options_.cancel, what, "not healthy", call, [&] { return bounded.inspect(); },
      [&](const internal::SeenState& seen, std::string& last_seen) -> std::optional<bool> {
        last_seen = seen.describe();
        if (!seen.has_health_check)
          throw InvalidInput(what + ": the container has no health check (ContainerOptions::health_check)", call.method,
                             call.path);
        if (!seen.running && !seen.restarting) internal::throw_not_running(what, seen, call);
        if (seen.health == "healthy") return true;
        if (seen.health == "unhealthy")
          throw ContainerUnhealthy(what + ": the health check reports unhealthy (" + last_seen + ")",
                                   seen.health_output, call.method, call.path);
        return std::nullopt;
      });
}

template <class Api>
HostPort Container<Api>::wait_for_port(std::string_view container_port, std::optional<Clock::duration> timeout) {
  const auto deadline = internal::readiness_deadline(options_, timeout);
  auto key = internal::container_port_key(container_port, container_port);
  const std::string what = "wait_for_port(" + key + ") of " + id_;
  const auto call = internal::named_call<typename Api::ContainerInspectParams>({id_});
  if (!key.ends_with("/tcp"))
    throw InvalidInput(what + ": only tcp ports can be probed with a connection", call.method, call.path);
  auto bounded = with(CallOptions{deadline, options_.cancel});
  return internal::poll_inspect<HostPort>(
      deadline, options_.cancel, what, "no connection", call, [&] { return bounded.inspect(); },
      [&](const internal::SeenState& seen, std::string& last_seen) -> std::optional<HostPort> {
        if (seen.restarting) {
          last_seen = seen.describe();
          return std::nullopt;
        }
        for (const auto& binding : internal::published_ports(seen, key, what, call)) {
          auto address = internal::probe_address(binding.host_ip);
          auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
          std::string why;
          if (internal::tcp_accepts(address, binding.host_port,
                                    std::clamp(left, std::chrono::milliseconds(1), std::chrono::milliseconds(1000)),
                                    why))
            return binding;
          last_seen = address;
          last_seen.append(":").append(std::to_string(binding.host_port)).append(": ").append(why);
        }
        return std::nullopt;
      });
}

}  // namespace docker::sdk
