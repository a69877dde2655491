// Waiting until a container is ready (testcontainers-style): a log line, a
// healthy health check, a published port that accepts connections. The
// waits are Container<Api>::wait_for_log / wait_for_healthy / wait_for_port;
// this header has what they take and the errors they raise.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "docker/errors.hpp"

namespace docker::sdk {

/// A readiness wait's bound when neither its `timeout` argument nor the
/// handle's CallOptions deadline gives one.
inline constexpr std::chrono::seconds kReadinessTimeout{60};
/// The longest pause between two looks of a polling wait (they start at
/// 10 ms and grow); it is also how late a cancellation may be noticed.
inline constexpr std::chrono::milliseconds kReadinessPollCap{250};

/// What wait_for_log() looks for in each line of the container's output
/// (stdout and stderr, line by line, without the line end).
struct LogPattern {
  std::string text{};     ///< the substring, or the regular expression when is_regex
  bool is_regex = false;  ///< `text` is an ECMAScript regex (use regex() to set it)

  /// A line containing `substring`.
  LogPattern(std::string substring) : text(std::move(substring)) {}  // NOLINT: implicit by design
  /// The same, from a string literal.
  LogPattern(const char* substring) : text(substring) {}  // NOLINT
  /// A line in which the ECMAScript regular expression finds a match
  /// (std::regex_search). A bad expression: InvalidInput.
  [[nodiscard]] static LogPattern regex(std::string ecmascript) {
    LogPattern p(std::move(ecmascript));
    p.is_regex = true;
    return p;
  }
};

/// The container is not running while an operation needs it running: it
/// exited (exit_code() set), was never started ("created"), or is gone.
/// port() raises it for a container that is not running; the waits raise it
/// as soon as the container stops, rather than waiting out their deadline.
class ContainerNotRunning : public Error {
 public:
  /// `state` and `exit_code` as the daemon reported them; `method` and
  /// `path` name the request that found it not running, if any.
  ContainerNotRunning(std::string message, std::string state, std::optional<std::int64_t> exit_code,
                      std::string method = {}, std::string path = {})
      : Error("container not running", 0, std::move(message), std::move(method), std::move(path)),
        state_(std::move(state)),
        exit_code_(exit_code) {}

  /// The daemon's State.Status: "created", "exited", "dead", "removing"…
  const std::string& state() const noexcept { return state_; }
  /// State.ExitCode once it has exited.
  const std::optional<std::int64_t>& exit_code() const noexcept { return exit_code_; }

 private:
  std::string state_;
  std::optional<std::int64_t> exit_code_;
};

/// wait_for_healthy(): the container's health check reports "unhealthy".
class ContainerUnhealthy : public Error {
 public:
  /// `last_output`: the output of the check's last run; `method`/`path`: the request, if any.
  ContainerUnhealthy(std::string message, std::string last_output, std::string method = {}, std::string path = {})
      : Error("container unhealthy", 0, std::move(message), std::move(method), std::move(path)),
        last_output_(std::move(last_output)) {}

  /// What the last run of the check printed (State.Health.Log).
  const std::string& last_output() const noexcept { return last_output_; }

 private:
  std::string last_output_;
};

}  // namespace docker::sdk
