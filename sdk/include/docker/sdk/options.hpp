// Readable, version-free options of the container operations. Each maps onto
// the generated request of whatever API version the layer is used with.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "docker/errors.hpp"
#include "docker/route.hpp"
#include "docker/sdk/create_options.hpp"
#include "docker/sdk/ports.hpp"

namespace docker::sdk {

/// A mount: type "bind" (source is a host path), "volume" (source is a volume
/// name, empty for an anonymous one) or "tmpfs".
struct MountSpec {
  std::string type = "bind";  ///< "bind", "volume" or "tmpfs"
  std::string source{};       ///< host path (bind), volume name (volume), empty (tmpfs)
  std::string target{};       ///< absolute path in the container
  bool read_only = false;     ///< mount it read-only
  /// tmpfs only: its size limit in bytes (unset: half the host's memory).
  std::optional<std::int64_t> tmpfs_size_bytes{};
};

/// POST /containers/create, readable: what `docker create` / `docker run`
/// take. Empty or unset members are left to the image and the daemon.
/// Members the API version in use lacks raise VersionError before sending.
struct ContainerOptions {
  std::string image{};                          ///< image reference ("busybox:latest"); it must be present (no pull)
  std::vector<std::string> cmd{};               ///< empty: the image's
  std::vector<std::string> entrypoint{};        ///< empty: the image's
  std::vector<std::string> env{};               ///< "KEY=value"
  std::optional<std::string> name{};            ///< unset: the daemon generates one; in use: Conflict
  std::map<std::string, std::string> labels{};  ///< container labels, filterable in list()
  std::string working_dir{};                    ///< working directory of the command; empty: the image's
  std::string user{};                           ///< "user", "uid", "user:group", "uid:gid"; empty: the image's
  /// Allocate a TTY: output is then one raw stream (stdout and stderr mixed).
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
  /// Published ports, checked before sending (PortMapping::validate()).
  std::vector<PortMapping> ports{};
  std::vector<MountSpec> mounts{};  ///< bind, volume and tmpfs mounts (HostConfig.Mounts)
  /// "bridge", "host", "none", "container:<id>" or a network's name. Unset
  /// with `networks`: the first of them.
  std::optional<std::string> network_mode{};
  /// Networks joined at create, with aliases (see ContainerNetwork).
  std::vector<ContainerNetwork> networks{};
  /// Logging driver ("none": output only reaches attached clients, nothing is stored).
  std::optional<std::string> log_driver{};
  /// The daemon removes the container when it exits (not with a restart policy).
  bool auto_remove = false;
  /// Every capability and every host device: as much access as the host's root.
  bool privileged = false;

  std::optional<HealthCheck> health_check{};               ///< unset: the image's check, if any
  std::optional<ContainerRestartPolicy> restart_policy{};  ///< unset: never restarted
  ContainerResources resources{};                          ///< memory, CPU and pids limits
  std::string hostname{};                                  ///< empty: the short container id
  std::string domain_name{};                               ///< the container's DNS domain; empty: none
  /// "host:ip" lines added to /etc/hosts.
  std::vector<std::string> extra_hosts{};
  std::vector<std::string> dns_servers{};  ///< resolver addresses; empty: the daemon's/host's
  std::vector<std::string> dns_search{};   ///< search domains of /etc/resolv.conf
  std::vector<std::string> dns_options{};  ///< resolv.conf options ("ndots:2", …)
  std::vector<std::string> cap_add{};      ///< "NET_ADMIN", …
  std::vector<std::string> cap_drop{};     ///< "ALL", "CHOWN", …
  /// Mounts the container's root file system read-only.
  bool read_only_rootfs = false;
  /// Runs an init process (PID 1) that reaps zombies and forwards signals.
  /// HostConfig.Init is in the bindings from API 1.37 (VersionError before).
  std::optional<bool> init{};
  /// Signal that stop() sends first ("SIGTERM" by default).
  std::optional<std::string> stop_signal{};
  /// How long stop() waits before SIGKILL, unless stop() is given a timeout.
  std::optional<std::chrono::seconds> stop_timeout{};
  /// Image platform, "os[/arch[/variant]]" (API 1.41+; VersionError before).
  std::optional<std::string> platform{};
  /// Size of /dev/shm in bytes.
  std::optional<std::int64_t> shm_size_bytes{};
  std::vector<Ulimit> ulimits{};  ///< process limits (`--ulimit`); empty: the daemon's defaults
  /// Namespaced kernel parameters, e.g. {"net.ipv4.ip_forward", "1"}.
  std::map<std::string, std::string> sysctls{};
  /// Extra groups of the container's user (names or ids).
  std::vector<std::string> group_add{};
  std::vector<HostDevice> devices{};  ///< host devices given to the container (`--device`)
  /// Anything the options lack: a JSON object merged into the create body
  /// (RFC 7386 merge patch: objects merge, other values replace, null
  /// removes) after the options above are written, e.g.
  /// R"({"HostConfig": {"OomScoreAdj": 500}})". Field names are the API's.
  /// Not JSON, not an object, or not fitting the version's model:
  /// InvalidInput before sending.
  std::string raw_json{};
};

/// When wait() returns: once the container is not running (immediately if it
/// already stopped), at its next exit, or once it has been removed.
enum class WaitCondition { not_running, next_exit, removed };

/// What wait() reports: the exit code and the daemon's error, if any (for
/// example a command that could not be started).
struct WaitResult {
  std::int64_t exit_code = -1;  ///< the command's exit status (-1: not reported)
  std::string error{};          ///< the daemon's WaitResponse.Error message; empty: none
};

/// How remove() removes a container (`docker rm -f -v`).
struct RemoveOptions {
  bool force = false;    ///< kill it first if it runs
  bool volumes = false;  ///< also remove its anonymous volumes
};

/// Which logs logs() returns (`docker logs`). Needs a logging driver that
/// stores output (not "none").
struct LogOptions {
  bool with_stdout = true;  ///< include what it wrote to stdout
  bool with_stderr = true;  ///< include what it wrote to stderr
  /// Keep streaming new output; the stream ends when the container exits.
  bool follow = false;
  /// Only output from this time on (sent in whole seconds); unset: from the start.
  std::optional<std::chrono::system_clock::time_point> since{};
  /// Only output before this time (whole seconds; API 1.35, VersionError before).
  std::optional<std::chrono::system_clock::time_point> until{};
  /// Prefix every line with its RFC 3339 time.
  bool timestamps = false;
  /// Only the last `tail` lines; nullopt: all.
  std::optional<std::size_t> tail{};
};

/// What attach() connects to (`docker attach`).
struct AttachOptions {
  /// Stream output from now on (else only `logs`).
  bool stream = true;
  /// First replay what the container already wrote.
  bool logs = false;
  /// Write to the process' stdin (the container needs open_stdin).
  bool with_stdin = false;
  bool with_stdout = true;  ///< receive its stdout
  bool with_stderr = true;  ///< receive its stderr
  /// Key sequence that detaches, e.g. "ctrl-x,x" (daemon default: ctrl-p,ctrl-q).
  std::optional<std::string> detach_keys{};
};

/// How exec(), exec_attached() and exec_detached() run a command (`docker exec`).
struct ExecOptions {
  std::vector<std::string> env{};  ///< "KEY=value", added to the container's environment
  std::string user{};              ///< "user", "uid", "user:group"; empty: the container's
  std::string working_dir{};       ///< empty: the container's
  bool tty = false;                ///< allocate a TTY: one raw output stream
  bool privileged = false;         ///< extended privileges for this process
  /// Open stdin for writing (exec_attached); exec() closes it after `input`.
  bool with_stdin = false;
  /// exec() only: written to the process' stdin, which is then closed (EOF).
  /// Written whole before the output is read: keep it small (tens of KiB).
  std::optional<std::string> input{};
  /// Key sequence that detaches from an attached exec ("ctrl-x,x"); unset: daemon's.
  std::optional<std::string> detach_keys{};
};

/// What exec() returns: the process' output and exit code.
struct ExecResult {
  std::int64_t exit_code = -1;  ///< the process' exit status (-1: the daemon reported none)
  std::string out{};            ///< everything written to stdout (with a TTY: all output)
  std::string err{};            ///< everything written to stderr (empty with a TTY)
};

/// exec() of a command the container runtime could not start (no such
/// executable, not executable): the daemon answers 201/200 and reports the
/// failure only inside the output, with exit code 126 or 127 (dockerd 20.10:
/// "OCI runtime exec failed: exec failed: … executable file not found in
/// $PATH" on stdout, 126; Podman 4.3: "Error: runc: exec failed: …" on
/// stderr, 127 or 126). A command that ran and exited 126/127 itself (a
/// shell's "not found") is an ordinary ExecResult.
class ExecNotStarted : public StreamError {
 public:
  /// `reason`: the runtime's message; `exit_code`: 126 or 127; `route`: the
  /// exec start's (the version's ExecStartParams::route).
  ExecNotStarted(std::string message, std::string reason, std::int64_t exit_code, const Route& route)
      : StreamError(std::move(message), route.method, route.path), reason_(std::move(reason)), exit_code_(exit_code) {}
  /// The runtime's message, as the daemon sent it.
  const std::string& reason() const noexcept { return reason_; }
  /// The exit code the daemon recorded (126: cannot execute, 127: not found).
  std::int64_t exit_code() const noexcept { return exit_code_; }

 private:
  std::string reason_;
  std::int64_t exit_code_;
};

}  // namespace docker::sdk
