// Readable, version-free options of the container operations. Each maps onto
// the generated request of whatever API version the layer is used with.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>


namespace docker::sdk {

/// Publishes a container port: "80/tcp" (or "80") on host_port of host_ip.
/// An empty host_port lets the daemon pick one.
struct PortMapping {
  std::string container_port{};
  std::string host_port{};
  std::string host_ip{};
};

/// A mount: type "bind" (source is a host path), "volume" (source is a volume
/// name, empty for an anonymous one) or "tmpfs".
struct MountSpec {
  std::string type = "bind";
  std::string source{};
  std::string target{};
  bool read_only = false;
};

struct ContainerOptions {
  std::string image{};
  std::vector<std::string> cmd{};         ///< empty: the image's
  std::vector<std::string> entrypoint{};  ///< empty: the image's
  std::vector<std::string> env{};         ///< "KEY=value"
  std::optional<std::string> name{};
  std::map<std::string, std::string> labels{};
  std::string working_dir{};
  std::string user{};
  bool tty = false;
  /// Keeps stdin open so that attach(with_stdin) can write to it.
  bool open_stdin = false;
  /// Closes the process' stdin when the first attached client ends its stdin
  /// (close_stdin(), or detaching): `docker run -i`. Unset: follows
  /// open_stdin. Set it false only to attach stdin several times: dockerd
  /// then keeps the process' stdin open when an attachment ends its own, and
  /// ends that attachment's output instead (what the process writes after
  /// close_stdin() is not delivered to it).
  std::optional<bool> stdin_once{};
  std::vector<PortMapping> ports{};
  std::vector<MountSpec> mounts{};
  std::optional<std::string> network_mode{};
  /// Logging driver ("none": output only reaches attached clients, nothing is stored).
  std::optional<std::string> log_driver{};
  bool auto_remove = false;
  bool privileged = false;
};

/// When wait() returns: once the container is not running (immediately if it
/// already stopped), at its next exit, or once it has been removed.
enum class WaitCondition { not_running, next_exit, removed };

/// What wait() reports: the exit code and the daemon's error, if any (for
/// example a command that could not be started).
struct WaitResult {
  std::int64_t exit_code = -1;
  std::string error{};
};

struct RemoveOptions {
  bool force = false;    ///< kill it first if it runs
  bool volumes = false;  ///< also remove its anonymous volumes
};

struct LogOptions {
  bool with_stdout = true;
  bool with_stderr = true;
  /// Keep streaming new output; the stream ends when the container exits.
  bool follow = false;
  std::optional<std::chrono::system_clock::time_point> since{};
  std::optional<std::chrono::system_clock::time_point> until{};
  /// Prefix every line with its RFC 3339 time.
  bool timestamps = false;
  /// Only the last `tail` lines; nullopt: all.
  std::optional<std::size_t> tail{};
};

struct AttachOptions {
  /// Stream output from now on (else only `logs`).
  bool stream = true;
  /// First replay what the container already wrote.
  bool logs = false;
  bool with_stdin = false;
  bool with_stdout = true;
  bool with_stderr = true;
  /// Key sequence that detaches, e.g. "ctrl-x,x" (daemon default: ctrl-p,ctrl-q).
  std::optional<std::string> detach_keys{};
};

struct ExecOptions {
  std::vector<std::string> env{};
  std::string user{};
  std::string working_dir{};
  bool tty = false;
  bool privileged = false;
  /// Open stdin for writing (exec_attached); exec() closes it after `input`.
  bool with_stdin = false;
  /// exec() only: written to the process' stdin, which is then closed (EOF).
  /// Written whole before the output is read: keep it small (tens of KiB).
  std::optional<std::string> input{};
  std::optional<std::string> detach_keys{};
};

/// What exec() returns: the process' output and exit code.
struct ExecResult {
  std::int64_t exit_code = -1;
  std::string out{};
  std::string err{};
};

}  // namespace docker::sdk
