// A handle on one container, over the generated bindings of API version `Api`
// (a docker::v1_NN::Api traits struct). Every failure is a typed
// docker::Error: a missing container is NotFound, a conflict Conflict, a
// start of a running container NotModified, and so on, straight from the daemon.
//
// Declarations only: the bodies are in docker/sdk/impl/container.hpp and are
// compiled into the bindings' library for each built version (see
// docker/sdk/v1_NN.hpp). A result that is a generated model (inspect()) needs
// that model's header where it is used.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/api_version.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/http.hpp"
#include "docker/sdk/attachment.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/output.hpp"
#include "docker/sdk/ports.hpp"
#include "docker/sdk/readiness.hpp"

namespace docker::sdk {

/// Output framing became visible in the Content-Type from this version on;
/// before it, only the container's (or exec's) TTY setting tells.
inline constexpr ApiVersion kFramingInContentType{1, 42};

/// How long the layer's clean-up (ScopedContainer, run()) may take per call,
/// whatever deadline the work had: a deadline that has passed or a
/// cancellation must not leave a container behind.
inline constexpr std::chrono::seconds kCleanupBound{5};

/// A wait the daemon has registered (its response head arrived) but whose
/// result is still to come: begin the wait, act (start, stop, remove), then
/// collect the result. No thread needed, no race with the event waited for.
template <class Api>
class [[nodiscard]] PendingWait {
 public:
  /// Over the response of POST /containers/{id}/wait whose head has arrived
  /// (Container::begin_wait() makes it; the body is the result).
  explicit PendingWait(Response response) : response_(std::move(response)) {}

  /// Blocks until the condition is met.
  WaitResult result();

 private:
  Response response_;
};

/// An exec attached over a hijacked connection: stdin, output, resize and
/// the exit code once it has ended.
template <class Api>
class [[nodiscard]] ExecSession {
 public:
  /// Over an exec `id` already started attached (Container::exec_attached() makes it).
  ExecSession(std::shared_ptr<Client> client, std::string id, Attachment attachment, CallOptions options = {})
      : client_(std::move(client)),
        id_(std::move(id)),
        attachment_(std::move(attachment)),
        options_(std::move(options)) {}

  /// The exec id (for Api::ExecApi, or `docker exec` inspection).
  const std::string& id() const { return id_; }
  /// Writes to the process' stdin (needs ExecOptions::with_stdin).
  void write(std::string_view data) { attachment_.write(data); }
  /// Ends the process' stdin (EOF), keeping its output open to read.
  void close_stdin() { attachment_.close_stdin(); }
  /// The output stream, demultiplexed unless the exec has a TTY.
  Output& output() { return attachment_.output(); }
  /// Reads the output to its end: stdout and stderr apart (with a TTY, all in stdout).
  Captured read_all() { return attachment_.read_all(); }
  /// The underlying hijacked connection.
  Attachment& attachment() { return attachment_; }

  /// Resizes the exec's TTY to `height` rows by `width` columns (a TTY exec only).
  void resize(std::int64_t height, std::int64_t width);
  /// GET /exec/{id}/json: the version's ExecInspectResponse (running, exit code, pid).
  typename Api::ExecInspectResponse inspect();

  /// The exit code, after the output ended. The daemon records it when the
  /// process exits, which may be a moment after the streams closed: a few
  /// short retries cover that window.
  std::int64_t exit_code();

 private:
  std::shared_ptr<Client> client_;
  std::string id_;
  Attachment attachment_;
  CallOptions options_;
};

/// A container, by id or name: lifecycle, logs, attach, exec, files, ports
/// and readiness. The daemon is asked only when a method runs.
template <class Api>
class Container {
 public:
  /// A handle on `id` (or a name), not checked until used (Docker::container() makes one).
  Container(std::shared_ptr<Client> client, std::string id, CallOptions options = {})
      : client_(std::move(client)), id_(std::move(id)), options_(std::move(options)) {}

  /// The id (or the name the handle was made from).
  const std::string& id() const { return id_; }
  /// The client its calls go through.
  Client& client() const { return *client_; }

  /// The same container, its calls made with `options`: a deadline (for the
  /// call, or until a stream's head) and a cancellation token, which also
  /// stops a follow, an attach or a wait that is blocked reading.
  Container with(CallOptions options) const { return Container(client_, id_, std::move(options)); }
  /// The CallOptions every call of this handle uses.
  const CallOptions& call_options() const { return options_; }

  /// Starts it; NotModified when it already runs.
  void start();

  /// Stops it (SIGTERM, then SIGKILL after `timeout`; daemon default 10 s).
  /// NotModified when it is not running.
  void stop(std::optional<std::chrono::seconds> timeout = {});

  /// Stops it (as stop(), waiting `timeout` before SIGKILL) and starts it
  /// again; starts it when it was not running.
  void restart(std::optional<std::chrono::seconds> timeout = {});

  /// Sends a signal ("SIGKILL" when unset); Conflict when it is not running.
  void kill(std::optional<std::string> signal = {});

  /// Waits for `condition` and returns the exit code and the daemon's error.
  WaitResult wait(WaitCondition condition = WaitCondition::not_running);

  /// Registers a wait with the daemon and returns once it is registered;
  /// `result()` then blocks until the condition is met. Use it to wait for
  /// next-exit or removed without missing an event that follows at once.
  PendingWait<Api> begin_wait(WaitCondition condition = WaitCondition::not_running);

  /// The version's ContainerInspectResponse (include its model header to use it).
  typename Api::ContainerInspectResponse inspect();

  /// Whether it was created with a TTY (its output is then raw, not multiplexed).
  bool tty();

  /// Removes it; Conflict when it runs and `force` is off.
  void remove(RemoveOptions options = {});

  /// Resizes its TTY to `height` rows by `width` columns (a container created with tty).
  void resize(std::int64_t height, std::int64_t width);

  /// Its logs, demultiplexed unless it has a TTY. With `follow` the stream
  /// ends when the container exits.
  Output logs(const LogOptions& options = {});

  /// Attaches over a hijacked connection. Attach before start() to see all
  /// output; with `with_stdin` (and a container created with open_stdin)
  /// write to it and close_stdin() to send EOF, then read the output to its
  /// end. EOF reaches the process only with stdin_once, the default with
  /// open_stdin; see ContainerOptions::stdin_once.
  Attachment attach(const AttachOptions& options = {});

  /// Runs `cmd` in the container, with `options.input` as its stdin (else
  /// none, or an empty one with with_stdin), reads its output to the end
  /// (keep it small; use exec_attached to stream) and returns it with the
  /// exit code. ExecNotStarted when the runtime could not start `cmd` (no
  /// such executable, permission denied); exec_attached reports the same as
  /// exit code 126/127 with the runtime's message in the output.
  ExecResult exec(const std::vector<std::string>& cmd, const ExecOptions& options = {});

  /// Starts `cmd` attached: write to its stdin (with_stdin), read its output,
  /// resize its TTY, then ask for its exit code.
  ExecSession<Api> exec_attached(const std::vector<std::string>& cmd, const ExecOptions& options = {});

  /// Starts `cmd` detached and returns the exec id (inspect it through
  /// Api::ExecApi for its exit code).
  std::string exec_detached(const std::vector<std::string>& cmd, const ExecOptions& options = {});

  /// docker cp HOST CONTAINER:PATH. A file or a directory tree (modes,
  /// symlinks, empty directories kept; owned by root in the container),
  /// streamed in bounded memory. An existing directory at `container_path`
  /// receives it under its own name; otherwise it is created as
  /// `container_path` (whose parent must exist: NotFound naming it).
  /// docker::files::FileError when `host_path` is missing or unreadable.
  /// Host paths are strings here (a std::filesystem::path converts): this
  /// header stays free of `<filesystem>`, a large part of a user's compile.
  void copy_to(const std::string& host_path, const std::string& container_path);

  /// docker cp CONTAINER:PATH HOST. An existing directory at `host_path`
  /// receives it under its own name; otherwise it becomes `host_path` (whose
  /// parent must exist: FileError naming it; an existing file is replaced).
  /// Extracted into a temporary sibling and renamed into place: on any
  /// failure nothing is left. NotFound when the container path is missing.
  void copy_from(const std::string& container_path, const std::string& host_path);

  // Published ports and readiness (docker/sdk/ports.hpp, docker/sdk/readiness.hpp).
  // A bad port ("80/xyz", "0"): InvalidInput. A port it does not publish:
  // NotFound naming the port. A container that is not running:
  // ContainerNotRunning (its state and exit code).

  /// Every host address `container_port` ("80/tcp", "80") is bound to, as
  /// the running container's NetworkSettings.Ports reports them.
  [[nodiscard]] std::vector<HostPort> ports(std::string_view container_port);
  /// The first of ports().
  [[nodiscard]] HostPort port(std::string_view container_port);

  /// The waits end at the earlier of the handle's deadline and `timeout`
  /// (neither: kReadinessTimeout), with a docker::Timeout saying what they
  /// last saw; they fail at once (ContainerNotRunning with the exit code)
  /// when the container stops instead.

  /// Follows the logs (stdout and stderr, from the start) until
  /// `occurrences` lines matched `pattern`.
  void wait_for_log(const LogPattern& pattern, std::size_t occurrences = 1,
                    std::optional<Clock::duration> timeout = {});
  /// Polls State.Health until "healthy". ContainerUnhealthy when the check
  /// reports "unhealthy"; InvalidInput when the container has no check.
  void wait_for_healthy(std::optional<Clock::duration> timeout = {});
  /// Polls until a host binding of `container_port` accepts a TCP connection
  /// (a real connect from this host; a wildcard binding through loopback)
  /// and returns it. For tcp ports.
  HostPort wait_for_port(std::string_view container_port, std::optional<Clock::duration> timeout = {});

 private:
  typename Api::ContainerApi containers() const;

  // From 1.42 the response says; before, ask the container whether it has a TTY.
  OutputFraming framing_for_container();

  std::string create_exec(const std::vector<std::string>& cmd, const ExecOptions& options, bool attach);

  std::shared_ptr<Client> client_;
  std::string id_;
  CallOptions options_;
};

/// Owns a container for a scope, as std::unique_ptr owns memory: when it is
/// destroyed — the scope left normally or by an exception — the container is
/// removed (forced, with its anonymous volumes, as `docker run --rm` does),
/// bounded by kCleanupBound and even after a cancellation. A container
/// already gone is fine; other clean-up errors are swallowed (a destructor
/// must not throw; to see them, `release()` and remove it). Move-only.
///
///     ScopedContainer<Api> container(docker.create(options));
///     container->start();
template <class Api>
class [[nodiscard]] ScopedContainer {
 public:
  /// Takes charge of `container`.
  explicit ScopedContainer(Container<Api> container) : container_(std::move(container)) {}
  /// Takes charge of `other`'s container; `other` then holds none.
  ScopedContainer(ScopedContainer&& other) noexcept : container_(std::exchange(other.container_, std::nullopt)) {}
  /// Removes the container held (as reset()), then takes `other`'s.
  ScopedContainer& operator=(ScopedContainer&& other) noexcept;
  ScopedContainer(const ScopedContainer&) = delete;
  ScopedContainer& operator=(const ScopedContainer&) = delete;
  ~ScopedContainer() { reset(); }

  /// The container held; InvalidInput when none is (after release() or reset()).
  Container<Api>& operator*();
  /// The container held, for a call: `scoped->start()`. InvalidInput when none is.
  Container<Api>* operator->() { return &**this; }
  /// Whether it holds a container.
  explicit operator bool() const noexcept { return container_.has_value(); }

  /// Removes the container now, as the destructor would; then holds none.
  void reset() noexcept;
  /// Hands the container back: it is no longer removed by this.
  [[nodiscard]] Container<Api> release();

 private:
  std::optional<Container<Api>> container_;
};

}  // namespace docker::sdk
