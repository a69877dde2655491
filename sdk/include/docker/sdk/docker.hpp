// The entry point of the layer: a connected client for the bindings of one
// API version, handing out container handles.
//
//   using Docker = docker::sdk::Docker<docker::v1_55::Api>;   // or docker/sdk/v1_55.hpp
//   auto docker = Docker::from_env();
//   auto hello = docker.run({.image = "busybox", .cmd = {"echo", "hello"}});
//   std::cout << hello.out;
//
// Declarations only (bodies: docker/sdk/impl/docker.hpp, compiled into the
// bindings' library for each built version; see docker/sdk/v1_NN.hpp).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/sdk/archive.hpp"
#include "docker/sdk/build.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/events.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/networks.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/sdk/secrets.hpp"
#include "docker/sdk/services.hpp"
#include "docker/sdk/stats.hpp"
#include "docker/sdk/swarm.hpp"
#include "docker/sdk/system.hpp"
#include "docker/sdk/volumes.hpp"

namespace docker {
struct ConnectOptions;  // docker/connect.hpp: from_env(options) needs it, from_env() does not
}  // namespace docker

namespace docker::sdk {

/// What run() returns: the container's output and exit code.
using RunResult = ExecResult;

/// The label run() gives its container (a value unique to the run), by which
/// it finds the container again to remove it when it never got its id.
inline constexpr std::string_view kRunLabel = "org.docker-cpp.run";
/// How long run() keeps looking for a container whose create() went
/// unanswered (timed out, cancelled, connection lost) before concluding that
/// the daemon made none. The look ends as soon as the container shows up
/// (usually within milliseconds); a loaded dockerd was seen taking > 750 ms.
inline constexpr std::chrono::seconds kCreateSettle{3};

/// The layer's entry point for API version `Api`: creates and runs
/// containers and hands out the services (images, networks, swarm…), all
/// sharing one client.
template <class Api>
class Docker {
 public:
  /// Over a connected client (docker/connect.hpp); `options` apply to its calls as with().
  explicit Docker(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// Connects like the docker CLI: host option, DOCKER_HOST, context, config.json, default socket.
  static Docker from_env();
  /// The same with options (include docker/connect.hpp for ConnectOptions).
  static Docker from_env(const ConnectOptions& options);

  /// The client every call goes through (for the generated Api classes).
  Client& client() const { return *client_; }
  /// The same client, shared (to build services or Api objects that outlive this Docker).
  std::shared_ptr<Client> shared_client() const { return client_; }

  /// The same client, its calls (and those of the container handles and
  /// services it gives, events() and login()) made with `options`: deadline
  /// and cancellation.
  Docker with(CallOptions options) const { return Docker(client_, std::move(options)); }
  /// The CallOptions its calls (and the handles and services it gives) use.
  const CallOptions& call_options() const { return options_; }

  /// Creates a container (it is not started).
  Container<Api> create(const ContainerOptions& options);

  /// A handle on an existing container, by id or name (not checked until used).
  Container<Api> container(std::string id_or_name) { return Container<Api>(client_, std::move(id_or_name), options_); }

  /// Containers, running only unless `all`; `filters` as in `docker ps --filter`.
  /// (A vector of the version's ContainerSummary: include its model header.)
  typename Api::ContainerListResult list(bool all = false, Filters filters = {});

  // The services share the client's ownership (they outlive this object) and
  // take this Docker's CallOptions.

  /// Images: list, inspect, history, tag, remove, prune, import, load, save, commit, pull, push.
  Images<Api> images() const { return Images<Api>(client_, options_); }
  /// Files in containers: stat, get and put tar archives.
  Archive<Api> archive() const { return Archive<Api>(client_, options_); }
  /// Resource usage samples of containers: one or a stream.
  Stats<Api> stats() const { return Stats<Api>(client_, options_); }
  /// The daemon's event stream (pull-style; with() gives its cancellation,
  /// which ends a blocked next() with Cancelled).
  EventReader<typename Api::SystemEventsResult> events(const EventOptions& options = {}) const;
  /// POST /build: builds the directory `context` (classic builder) and
  /// returns the progress, to read with next() or wait() (the image id).
  /// The context is streamed as a tar filtered by its .dockerignore. Under
  /// with(): the deadline bounds the upload and the response head.
  /// docker::files::FileError for a missing context, Dockerfile or unreadable
  /// file (before sending); BuildError when a step fails (docker/sdk/build.hpp).
  /// `context` is a host path (a std::filesystem::path converts to it).
  BuildReader<Api> build(const std::string& context, const BuildOptions& options = {});

  /// POST /auth: checks credentials against a registry through the daemon.
  LoginResult login(const auth::AuthConfig& credentials) const;

  // These services take this Docker's CallOptions (with() reaches them) and
  // have with() of their own.

  /// Networks: create, inspect, list, connect, disconnect, remove, prune.
  Networks<Api> networks() const { return Networks<Api>(client_, options_); }
  /// Volumes: create, inspect, list, remove, prune.
  Volumes<Api> volumes() const { return Volumes<Api>(client_, options_); }
  /// The daemon: info, version, ping, disk usage, prunes.
  System<Api> system() const { return System<Api>(client_, options_); }
  /// The swarm: init, inspect, join tokens, update, leave.
  Swarm<Api> swarm() const { return Swarm<Api>(client_, options_); }
  /// Swarm nodes: list, inspect, availability and labels.
  Nodes<Api> nodes() const { return Nodes<Api>(client_, options_); }
  /// Swarm services: create, inspect, list, update, scale, rollback, logs, remove.
  Services<Api> services() const { return Services<Api>(client_, options_); }
  /// Swarm tasks: list, and wait until N of a service run.
  Tasks<Api> tasks() const { return Tasks<Api>(client_, options_); }
  /// Swarm secrets: create, inspect, list, remove.
  Secrets<Api> secrets() const { return Secrets<Api>(client_, options_); }
  /// Swarm configs (API 1.30): create, inspect, list, remove.
  Configs<Api> configs() const { return Configs<Api>(client_, options_); }

  /// `docker run` without -d: creates the container, attaches, starts it,
  /// reads its output to the end (keep it small), waits and removes it
  /// (unless auto_remove, where the daemon does).
  ///
  /// The deadline of with() bounds the whole run, output and wait included
  /// (Timeout); cancellation ends it too (Cancelled). Whatever fails, no
  /// container is left behind: it carries the label kRunLabel (a value unique
  /// to this run), by which it is found when create() failed after the daemon
  /// made it. Clean-up gets its own short bound (kCleanupBound), not the
  /// deadline that may have passed, and runs even after a cancellation.
  RunResult run(const ContainerOptions& options);

 private:
  CallOptions cleanup_options() const { return CallOptions::timeout(kCleanupBound); }
  void remove_quietly(const std::string& id);
  void remove_labelled(const std::string& run_id, Clock::duration settle);

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
