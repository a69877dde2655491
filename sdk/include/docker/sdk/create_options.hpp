// The parts of ContainerOptions that are more than a string or a flag:
// health check, restart policy, resources, ulimits, devices, networks.
// Version-free, like options.hpp: each is written into the create body as
// JSON and decoded into the model of the API version in use.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace docker::sdk {

/// A health check (Config.Healthcheck). Durations are sent in nanoseconds;
/// dockerd refuses an interval, timeout or start period below 1 ms
/// (InvalidInput). Unset fields take the image's, else the daemon's
/// defaults (30 s interval, 30 s timeout, 3 retries, no start period).
struct HealthCheck {
  /// ["CMD", args…], ["CMD-SHELL", "command"] or ["NONE"] (disables the
  /// image's check). Use shell(), exec() or disabled().
  std::vector<std::string> test{};
  std::optional<std::chrono::nanoseconds> interval{};  ///< time between two runs of the check
  std::optional<std::chrono::nanoseconds> timeout{};   ///< a run taking longer counts as a failure
  /// Consecutive failures before the container counts as unhealthy.
  std::optional<int> retries{};
  /// Failures during this time after start do not count (API 1.29+).
  std::optional<std::chrono::nanoseconds> start_period{};

  /// Runs `command` with the container's shell (/bin/sh -c).
  [[nodiscard]] static HealthCheck shell(std::string command) { return HealthCheck{{"CMD-SHELL", std::move(command)}}; }
  /// Runs `argv` directly.
  [[nodiscard]] static HealthCheck exec(std::vector<std::string> argv) {
    argv.insert(argv.begin(), "CMD");
    return HealthCheck{std::move(argv)};
  }
  /// Turns off a check the image defines.
  [[nodiscard]] static HealthCheck disabled() { return HealthCheck{{"NONE"}}; }
};

/// What the daemon does when the container exits (HostConfig.RestartPolicy).
struct ContainerRestartPolicy {
  /// The API's Name: "no", "always", "unless-stopped", "on-failure".
  enum class Mode { no, always, unless_stopped, on_failure };
  Mode mode = Mode::no;  ///< when to restart (no: never)
  /// on_failure only: give up after this many restarts (0: never give up).
  int max_retries = 0;

  /// `--restart no`: never restarted.
  [[nodiscard]] static ContainerRestartPolicy never() { return {Mode::no, 0}; }
  /// `--restart always`: after every exit, and when the daemon starts.
  [[nodiscard]] static ContainerRestartPolicy always() { return {Mode::always, 0}; }
  /// `--restart unless-stopped`: like always, except after a stop by the user.
  [[nodiscard]] static ContainerRestartPolicy unless_stopped() { return {Mode::unless_stopped, 0}; }
  /// `--restart on-failure[:max_retries]`: after a non-zero exit (0: no retry limit).
  [[nodiscard]] static ContainerRestartPolicy on_failure(int max_retries = 0) {
    return {Mode::on_failure, max_retries};
  }
};

/// Resource limits (HostConfig). Unset: no limit / the daemon's default.
struct ContainerResources {
  /// Memory limit in bytes (dockerd: at least 6 MiB).
  std::optional<std::int64_t> memory_bytes{};
  /// Memory plus swap in bytes; -1: unlimited swap. Needs memory_bytes.
  std::optional<std::int64_t> memory_swap_bytes{};
  /// CPUs as a fraction, like `docker run --cpus 1.5` (sent as NanoCpus).
  std::optional<double> cpus{};
  /// Relative CPU weight (default 1024).
  std::optional<std::int64_t> cpu_shares{};
  /// Most processes the container may have; -1: unlimited.
  std::optional<std::int64_t> pids_limit{};
};

/// A resource limit of the container's processes, like `--ulimit nofile=1024:2048`.
struct Ulimit {
  std::string name{};     ///< "nofile", "nproc", "core", …
  std::int64_t soft = 0;  ///< the limit enforced; a process may raise it up to `hard`
  std::int64_t hard = 0;  ///< the ceiling of the soft limit
};

/// A host device made available in the container, like `--device /dev/null:/dev/xnull:rwm`.
struct HostDevice {
  std::string host_path{};                 ///< the device on the host ("/dev/fuse")
  std::string container_path{};            ///< empty: the same as host_path
  std::string cgroup_permissions = "rwm";  ///< r (read), w (write), m (mknod), any subset
};

/// A network to join at create time (NetworkingConfig.EndpointsConfig), with
/// the extra names the container has on it. Before API 1.44 dockerd accepts
/// one network at create (connect more after create).
struct ContainerNetwork {
  std::string network{};               ///< network name or id
  std::vector<std::string> aliases{};  ///< further names it resolves by on that network
};

}  // namespace docker::sdk
