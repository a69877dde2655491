// Definitions of docker/sdk/container.hpp. Included where the layer is
// instantiated for a version (the bindings' library, see sdk/CMakeLists.txt),
// or by code that instantiates it for bindings of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/impl/readiness.hpp"
#include "docker/sdk/internal/requests.hpp"

namespace docker::sdk {
namespace internal {

/// The container runtime's message when exec() never started its command
/// (ExecNotStarted): exit code 126/127 and a first line of output that is the
/// runtime's "… exec failed: …" (dockerd: on stdout; Podman: on stderr).
inline std::optional<std::string> exec_start_failure(const ExecResult& result) {
  if (result.exit_code != 126 && result.exit_code != 127) return std::nullopt;
  for (const std::string* text : {&result.out, &result.err}) {
    std::string_view first(*text);
    first = first.substr(0, first.find('\n'));
    while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.remove_suffix(1);
    if (first.find("exec failed:") != std::string_view::npos && first.find("OCI ") != std::string_view::npos)
      return std::string(first);
  }
  return std::nullopt;
}

}  // namespace internal

template <class Api>
ScopedContainer<Api>& ScopedContainer<Api>::operator=(ScopedContainer&& other) noexcept {
  if (this != &other) {
    reset();
    container_ = std::exchange(other.container_, std::nullopt);
  }
  return *this;
}

template <class Api>
Container<Api>& ScopedContainer<Api>::operator*() {
  if (!container_) throw InvalidInput("ScopedContainer: it holds no container (released or reset)");
  return *container_;
}

template <class Api>
void ScopedContainer<Api>::reset() noexcept {
  auto container = std::exchange(container_, std::nullopt);
  if (!container) return;
  try {
    container->with(CallOptions::timeout(kCleanupBound)).remove({.force = true, .volumes = true});
  } catch (...) {
    // Already gone, or the daemon out of reach: nothing a destructor can do about it.
  }
}

template <class Api>
Container<Api> ScopedContainer<Api>::release() {
  Container<Api> kept = std::move(**this);  // InvalidInput when none is held
  container_.reset();
  return kept;
}

template <class Api>
WaitResult PendingWait<Api>::result() {
  auto body = response_.read_body(1 << 20);
  auto decoded = docker::decode<typename Api::ContainerWaitResponse>(body);
  WaitResult out;
  out.exit_code = decoded.StatusCode.value_or(-1);
  if constexpr (requires { decoded.Error; }) {
    if (decoded.Error && decoded.Error->Message) out.error = *decoded.Error->Message;
  }
  return out;
}

template <class Api>
void ExecSession<Api>::resize(std::int64_t height, std::int64_t width) {
  typename Api::ExecApi(*client_).exec_resize({.id = id_, .h = height, .w = width}, options_);
}

template <class Api>
typename Api::ExecInspectResponse ExecSession<Api>::inspect() {
  return typename Api::ExecApi(*client_).exec_inspect({.id = id_}, options_);
}

template <class Api>
std::int64_t ExecSession<Api>::exit_code() {
  for (int attempt = 0;; ++attempt) {
    auto info = inspect();
    if (!info.Running.value_or(false) || attempt == 50) return info.ExitCode.value_or(-1);
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt < 10 ? 1 : 5)));
  }
}

template <class Api>
void Container<Api>::start() {
  containers().container_start({.id = id_}, options_);
}

template <class Api>
void Container<Api>::stop(std::optional<std::chrono::seconds> timeout) {
  typename Api::ContainerStopParams p{.id = id_};
  if (timeout) p.t = timeout->count();
  containers().container_stop(p, options_);
}

template <class Api>
void Container<Api>::restart(std::optional<std::chrono::seconds> timeout) {
  typename Api::ContainerRestartParams p{.id = id_};
  if (timeout) p.t = timeout->count();
  containers().container_restart(p, options_);
}

template <class Api>
// NOLINTNEXTLINE(performance-unnecessary-value-param): it is moved; clang-tidy 14 misses a move into a dependent type
void Container<Api>::kill(std::optional<std::string> signal) {
  typename Api::ContainerKillParams p{.id = id_};
  p.signal = std::move(signal);
  containers().container_kill(p, options_);
}

template <class Api>
WaitResult Container<Api>::wait(WaitCondition condition) {
  return begin_wait(condition).result();
}

template <class Api>
PendingWait<Api> Container<Api>::begin_wait(WaitCondition condition) {
  using Params = typename Api::ContainerWaitParams;
  Request req;
  req.method = Params::route.method;
  if constexpr (requires(Params p) { p.condition; }) {
    docker::internal::QueryString q;
    q.add("condition", internal::condition_name(condition));
    req.target = Params::route.target({id_}, q);
    if (condition != WaitCondition::not_running)
      client_->require_version(Params::Since::condition, "wait condition", options_);
  } else {
    if (condition != WaitCondition::not_running)
      throw VersionError("wait: these bindings (API " + Api::version.str() + ") have no `condition` parameter",
                         Params::route.method, Params::route.fill({id_}));
    req.target = Params::route.fill({id_});
  }
  req.options = options_;
  return PendingWait<Api>(client_->stream(std::move(req)));
}

template <class Api>
typename Api::ContainerInspectResponse Container<Api>::inspect() {
  return containers().container_inspect({.id = id_}, options_);
}

template <class Api>
bool Container<Api>::tty() {
  auto info = inspect();
  return info.Config && info.Config->Tty.value_or(false);
}

template <class Api>
void Container<Api>::remove(RemoveOptions options) {
  typename Api::ContainerDeleteParams p{.id = id_};
  if (options.force) p.force = true;
  if (options.volumes) p.v = true;
  containers().container_delete(p, options_);
}

template <class Api>
void Container<Api>::resize(std::int64_t height, std::int64_t width) {
  containers().container_resize({.id = id_, .h = height, .w = width}, options_);
}

template <class Api>
Output Container<Api>::logs(const LogOptions& options) {
  // Built here rather than through the generated call (whose return type
  // differs by version), so its version check is made here too.
  using Params = typename Api::ContainerLogsParams;
  if (options.until) {
    if constexpr (requires(Params p) { p.until; })
      client_->require_version(Params::Since::until, "`until` of container logs", options_);
    else
      throw VersionError("logs: these bindings (API " + Api::version.str() + ") have no `until` parameter",
                         Params::route.method, Params::route.fill({id_}));
  }
  auto framing = framing_for_container();
  Request req;
  req.method = Params::route.method;
  req.target = internal::logs_target<Params>(id_, options);
  req.options = options_;
  auto response = client_->stream(std::move(req));
  return Output(docker::internal::open_output(std::move(response), framing, client_->api_version(options_)));
}

template <class Api>
Attachment Container<Api>::attach(const AttachOptions& options) {
  auto framing = framing_for_container();
  typename Api::ContainerAttachParams p{.id = id_};
  p.stream = options.stream;
  p.logs = options.logs;
  p.stdin_ = options.with_stdin;
  p.stdout_ = options.with_stdout;
  p.stderr_ = options.with_stderr;
  if (options.detach_keys) {
    if constexpr (requires { p.detach_keys; }) {
      p.detach_keys = options.detach_keys;
    } else {
      throw VersionError("detach keys are not in API " + Api::version.str());
    }
  }
  auto hijacked = containers().container_attach(p, options_);
  bool multiplexed =
      docker::internal::output_is_multiplexed(hijacked.response.headers, framing, client_->api_version(options_));
  return Attachment(std::shared_ptr<HijackedStream>(std::move(hijacked.stream)), multiplexed);
}

template <class Api>
ExecResult Container<Api>::exec(const std::vector<std::string>& cmd, const ExecOptions& options) {
  auto session = exec_attached(cmd, options);
  if (options.input) session.write(*options.input);
  if (options.with_stdin || options.input) session.close_stdin();
  auto captured = session.read_all();
  ExecResult result{session.exit_code(), std::move(captured.out), std::move(captured.err)};
  if (auto reason = internal::exec_start_failure(result)) {
    std::string shown;
    for (const auto& arg : cmd) shown += (shown.empty() ? "" : " ") + arg;
    throw ExecNotStarted("exec of \"" + shown + "\" in container " + id_ + " did not start: " + *reason, *reason,
                         result.exit_code, Api::ExecStartParams::route);
  }
  return result;
}

template <class Api>
ExecSession<Api> Container<Api>::exec_attached(const std::vector<std::string>& cmd, const ExecOptions& options) {
  auto exec_id = create_exec(cmd, options, /*attach=*/true);
  typename Api::ExecStartParams start{.id = exec_id};
  start.exec_start_config =
      docker::decode_value<typename Api::ExecStartRequest>(nlohmann::json{{"Detach", false}, {"Tty", options.tty}});
  auto hijacked = typename Api::ExecApi(*client_).exec_start(start, options_);
  // An exec's framing is known: raw with a TTY, multiplexed without.
  auto framing = options.tty ? OutputFraming::raw : OutputFraming::multiplexed;
  bool multiplexed =
      docker::internal::output_is_multiplexed(hijacked.response.headers, framing, client_->api_version(options_));
  return ExecSession<Api>(
      client_, exec_id, Attachment(std::shared_ptr<HijackedStream>(std::move(hijacked.stream)), multiplexed), options_);
}

template <class Api>
std::string Container<Api>::exec_detached(const std::vector<std::string>& cmd, const ExecOptions& options) {
  auto exec_id = create_exec(cmd, options, /*attach=*/false);
  using Params = typename Api::ExecStartParams;
  Request req;
  req.method = Params::route.method;
  req.target = Params::route.fill({exec_id});
  docker::internal::set_json_text_body(
      req, docker::internal::text_of(nlohmann::json{{"Detach", true}, {"Tty", options.tty}}));
  req.options = options_;
  client_->call(std::move(req));
  return exec_id;
}

template <class Api>
typename Api::ContainerApi Container<Api>::containers() const {
  return typename Api::ContainerApi(*client_);
}

template <class Api>
OutputFraming Container<Api>::framing_for_container() {
  if (client_->api_version(options_) >= kFramingInContentType) return OutputFraming::detect;
  return tty() ? OutputFraming::raw : OutputFraming::multiplexed;
}

template <class Api>
std::string Container<Api>::create_exec(const std::vector<std::string>& cmd, const ExecOptions& options, bool attach) {
  typename Api::ContainerExecParams p{
      .id = id_,
      .exec_config =
          docker::decode_value<typename Api::ContainerExecRequest>(internal::exec_json(cmd, options, attach)),
  };
  auto created = typename Api::ExecApi(*client_).container_exec(p, options_);
  return created.Id.value();
}

}  // namespace docker::sdk
