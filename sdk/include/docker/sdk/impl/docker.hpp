// Definitions of docker/sdk/docker.hpp (see impl/container.hpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "docker/connect.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/docker.hpp"
#include "docker/sdk/impl/archive.hpp"
#include "docker/sdk/impl/build.hpp"
#include "docker/sdk/impl/container.hpp"
#include "docker/sdk/impl/copy.hpp"
#include "docker/sdk/impl/images.hpp"
#include "docker/sdk/impl/networks.hpp"
#include "docker/sdk/impl/registry.hpp"
#include "docker/sdk/impl/secrets.hpp"
#include "docker/sdk/impl/services.hpp"
#include "docker/sdk/impl/stats.hpp"
#include "docker/sdk/impl/swarm.hpp"
#include "docker/sdk/impl/system.hpp"
#include "docker/sdk/impl/volumes.hpp"
#include "docker/sdk/internal/create_request.hpp"
#include "docker/sdk/internal/deadline_watch.hpp"
#include "docker/sdk/internal/requests.hpp"

namespace docker::sdk {

template <class Api>
Docker<Api> Docker<Api>::from_env() {
  return from_env(ConnectOptions{});
}

template <class Api>
Docker<Api> Docker<Api>::from_env(const ConnectOptions& options) {
  return Docker(std::shared_ptr<Client>(docker::connect(Api::version, options)));
}

template <class Api>
Container<Api> Docker<Api>::create(const ContainerOptions& options) {
  auto p = internal::create_params<Api>(options, *client_, options_);
  auto created = typename Api::ContainerApi(*client_).container_create(p, options_);
  return Container<Api>(client_, created.Id.value(), options_);
}

template <class Api>
// NOLINTNEXTLINE(performance-unnecessary-value-param): it is moved; clang-tidy 14 misses a move into a dependent type
typename Api::ContainerListResult Docker<Api>::list(bool all, Filters filters) {
  typename Api::ContainerListParams p;
  if (all) p.all = true;
  if (!filters.empty()) p.filters = std::move(filters);
  return typename Api::ContainerApi(*client_).container_list(p, options_);
}

template <class Api>
EventReader<typename Api::SystemEventsResult> Docker<Api>::events(const EventOptions& options) const {
  typename Api::SystemEventsParams params;
  if (!options.since.empty()) params.since = options.since;
  if (!options.until.empty()) params.until = options.until;
  if (!options.filters.empty()) params.filters = options.filters;
  auto stream = typename Api::SystemApi(*client_).system_events(params, options_);
  return EventReader<decltype(stream)>(std::move(stream), options_.cancel);
}

template <class Api>
LoginResult Docker<Api>::login(const auth::AuthConfig& credentials) const {
  typename Api::SystemAuthParams params;
  using Model = typename decltype(params.auth_config)::value_type;
  // The model's fields differ between versions; the JSON names do not.
  params.auth_config = decode_value<Model>(nlohmann::json(auth::to_json(credentials)));
  auto answer = with_registry_errors([&] { return typename Api::SystemApi(*client_).system_auth(params, options_); });
  nlohmann::json j = answer;
  return LoginResult{j.value("Status", std::string{}), j.value("IdentityToken", std::string{})};
}

template <class Api>
RunResult Docker<Api>::run(const ContainerOptions& options) {
  // A per-call timeout bounds the run as a whole.
  const auto bound = options_.started_now();
  // Nothing sent yet: no container to look for either.
  if (bound.cancel.is_cancelled()) throw Cancelled("run: cancelled before it started");
  if (bound.deadline && Clock::now() >= *bound.deadline)
    throw Timeout("run: the deadline had passed before it started");
  auto labelled = options;
  auto run_id = internal::random_hex();
  labelled.labels[std::string(kRunLabel)] = run_id;
  internal::DeadlineWatch watch(bound);
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
    if (!options.auto_remove) container->with(cleanup_options()).remove({.force = true, .volumes = true});
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

// First error wins: a container already gone (auto_remove, or removed by
// someone else) or a daemon out of reach changes nothing about it.
template <class Api>
void Docker<Api>::remove_quietly(const std::string& id) {
  ScopedContainer<Api>(Container<Api>(client_, id)).reset();
}

// Removes the containers of this run found by its label. A create whose
// answer was lost may still be under way in the daemon: look again for up
// to `settle` before concluding that it made nothing. dockerd lists such a
// container before it can remove it (DELETE answers 404 in that window):
// a listed container that is "not found" is looked for again, not taken as gone.
template <class Api>
void Docker<Api>::remove_labelled(const std::string& run_id, Clock::duration settle) {
  const auto give_up = Clock::now() + settle;
  auto pause = std::chrono::milliseconds(20);
  bool seen = false;
  try {
    for (;;) {
      typename Api::ContainerListParams p;
      p.all = true;
      p.filters = Filters{{"label", {std::string(kRunLabel) + "=" + run_id}}};
      auto found = typename Api::ContainerApi(*client_).container_list(p, cleanup_options());
      bool still_being_made = false;
      for (const auto& summary : found) {
        if (!summary.Id) continue;
        try {
          Container<Api>(client_, *summary.Id, cleanup_options()).remove({.force = true, .volumes = true});
        } catch (const NotFound&) {
          still_being_made = true;
        } catch (const Error&) {
        }
      }
      // Listed and removed, or listed once and gone since: done.
      if ((!found.empty() && !still_being_made) || (found.empty() && seen)) return;
      seen = seen || !found.empty();
      if (Clock::now() >= give_up) return;
      std::this_thread::sleep_for(std::min<Clock::duration>(pause, give_up - Clock::now()));
      pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
  } catch (const Error&) {
    // The daemon cannot be asked: nothing more to do here.
  }
}

}  // namespace docker::sdk
