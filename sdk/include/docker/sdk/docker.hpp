// The entry point of the layer: a connected client for the bindings of one
// API version, handing out container handles.
//
//   using Docker = docker::sdk::Docker<docker::v1_55::Api>;   // or docker/sdk/v1_55.hpp
//   auto docker = Docker::from_env();
//   auto hello = docker.run({.image = "busybox", .cmd = {"echo", "hello"}});
//   std::cout << hello.out;
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "docker/client.hpp"
#include "docker/connect.hpp"
#include "docker/model/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/archive.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/events.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/sdk/stats.hpp"
#include "docker/sdk/internal/deadline_watch.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/options.hpp"

namespace docker::sdk {

/// What run() returns: the container's output and exit code.
using RunResult = ExecResult;

/// The label run() gives its container (a value unique to the run), by which
/// it finds the container again to remove it when it never got its id.
inline constexpr std::string_view kRunLabel = "org.docker-cpp.run";
/// How long run()'s clean-up may take per call, whatever deadline the run had.
inline constexpr std::chrono::seconds kCleanupBound{5};
/// How long run() keeps looking for a container whose create() went
/// unanswered (timed out, cancelled, connection lost) before concluding that
/// the daemon made none. The look ends as soon as the container shows up
/// (usually within milliseconds); a loaded dockerd was seen taking > 750 ms.
inline constexpr std::chrono::seconds kCreateSettle{3};

template <class Api>
class Docker {
 public:
  explicit Docker(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// Connects like the docker CLI: host option, DOCKER_HOST, context, config.json, default socket.
  static Docker from_env(const ConnectOptions& options = {}) {
    return Docker(std::shared_ptr<Client>(docker::connect(Api::version, options)));
  }

  Client& client() const { return *client_; }
  std::shared_ptr<Client> shared_client() const { return client_; }

  /// The same client, its calls (and those of the container handles it gives,
  /// and login()) made with `options`: deadline and cancellation. Images,
  /// archive, stats and events take their CallOptions per call.
  Docker with(CallOptions options) const { return Docker(client_, std::move(options)); }
  const CallOptions& call_options() const { return options_; }

  /// Creates a container (it is not started).
  Container<Api> create(const ContainerOptions& options) {
    typename Api::ContainerCreateParams p{
        .body = docker::decode_value<typename Api::ContainerCreateRequest>(internal::create_json(options)),
    };
    p.name = options.name;
    auto created = typename Api::ContainerApi(*client_).container_create(p, options_);
    return Container<Api>(client_, created.Id.value(), options_);
  }

  /// A handle on an existing container, by id or name (not checked until used).
  Container<Api> container(std::string id_or_name) {
    return Container<Api>(client_, std::move(id_or_name), options_);
  }

  /// Containers, running only unless `all`; `filters` as in `docker ps --filter`.
  auto list(bool all = false, Filters filters = {}) {
    typename Api::ContainerListParams p;
    if (all) p.all = true;
    if (!filters.empty()) p.filters = std::move(filters);
    return typename Api::ContainerApi(*client_).container_list(p, options_);
  }

  // The services share the client's ownership (they outlive this object).
  // They take CallOptions per call: with() does not reach them, except login().

  /// Images: list, inspect, history, tag, remove, prune, import, load, save, commit, pull, push.
  Images<Api> images() const { return Images<Api>(client_); }
  /// Files in containers: stat, get and put tar archives.
  Archive<Api> archive() const { return Archive<Api>(client_); }
  /// Resource usage samples of containers: one or a stream.
  Stats<Api> stats() const { return Stats<Api>(client_); }
  /// The daemon's event stream (pull-style; cancel through `options.cancel`).
  auto events(const EventOptions& options = {}) const { return sdk::events<Api>(*client_, options); }
  /// POST /auth: checks credentials against a registry through the daemon.
  LoginResult login(const auth::AuthConfig& credentials) const {
    return sdk::login<Api>(*client_, credentials, options_);
  }

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
  RunResult run(const ContainerOptions& options) {
    // Nothing sent yet: no container to look for either.
    if (options_.cancel.is_cancelled()) throw Cancelled("run: cancelled before it started");
    if (options_.deadline && Clock::now() >= *options_.deadline)
      throw Timeout("run: the deadline had passed before it started");
    auto labelled = options;
    auto run_id = internal::random_hex();
    labelled.labels[std::string(kRunLabel)] = run_id;
    internal::DeadlineWatch watch(options_);
    Docker bounded(client_, watch.options());
    std::optional<Container<Api>> container;
    try {
      container.emplace(bounded.create(labelled));
      // With auto_remove the container may be gone before a later wait: register it first.
      std::optional<PendingWait<Api>> removal;
      if (options.auto_remove) removal.emplace(container->begin_wait(WaitCondition::removed));
      auto attached = container->attach();
      container->start();
      auto captured = attached.read_all();
      auto exited = removal ? removal->result() : container->wait();
      // The result is in hand: removing is clean-up, under its own bound.
      if (!options.auto_remove) container->with(cleanup_options()).remove({.force = true});
      return RunResult{exited.exit_code, std::move(captured.out), std::move(captured.err)};
    } catch (const Error& e) {
      if (container) {
        remove_quietly(container->id());
      } else {
        // The daemon answered create() with an error: it made nothing. Any
        // other failure (timeout, cancellation, connection) leaves it unknown.
        bool answered = dynamic_cast<const ApiError*>(&e) != nullptr;
        remove_labelled(run_id, answered ? Clock::duration::zero() : kCreateSettle);
      }
      if (dynamic_cast<const Cancelled*>(&e) && watch.timed_out())
        throw Timeout("run: the deadline passed (" + e.message() + ")", e.method(), e.path());
      throw;
    } catch (...) {
      if (container) remove_quietly(container->id());
      throw;
    }
  }

 private:
  CallOptions cleanup_options() const { return CallOptions::timeout(kCleanupBound); }

  // First error wins: a container already gone (auto_remove, or removed by
  // someone else) or a daemon out of reach changes nothing about it.
  void remove_quietly(const std::string& id) {
    try {
      Container<Api>(client_, id, cleanup_options()).remove({.force = true});
    } catch (const Error&) {
    }
  }

  // Removes the containers of this run found by its label. A create whose
  // answer was lost may still be under way in the daemon: look again for up
  // to `settle` before concluding that it made nothing.
  void remove_labelled(const std::string& run_id, Clock::duration settle) {
    const auto give_up = Clock::now() + settle;
    auto pause = std::chrono::milliseconds(20);
    try {
      for (;;) {
        typename Api::ContainerListParams p;
        p.all = true;
        p.filters = Filters{{"label", {std::string(kRunLabel) + "=" + run_id}}};
        auto found = typename Api::ContainerApi(*client_).container_list(p, cleanup_options());
        for (const auto& summary : found)
          if (summary.Id) remove_quietly(*summary.Id);
        if (!found.empty() || Clock::now() >= give_up) return;
        std::this_thread::sleep_for(std::min<Clock::duration>(pause, give_up - Clock::now()));
        pause = std::min(pause * 2, std::chrono::milliseconds(200));
      }
    } catch (const Error&) {
      // The daemon cannot be asked: nothing more to do here.
    }
  }

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
