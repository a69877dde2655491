// A handle on one container, over the generated bindings of API version `Api`
// (a docker::v1_NN::Api traits struct). Every failure is a typed
// docker::Error: a missing container is NotFound, a conflict Conflict, a
// start of a running container NotModified, and so on, straight from the daemon.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/attachment.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/output.hpp"

namespace docker::sdk {

/// Output framing became visible in the Content-Type from this version on;
/// before it, only the container's (or exec's) TTY setting tells.
inline constexpr ApiVersion kFramingInContentType{1, 42};

/// A wait the daemon has registered (its response head arrived) but whose
/// result is still to come: begin the wait, act (start, stop, remove), then
/// collect the result. No thread needed, no race with the event waited for.
template <class Api>
class PendingWait {
 public:
  explicit PendingWait(Response response) : response_(std::move(response)) {}

  /// Blocks until the condition is met.
  WaitResult result() {
    auto body = response_.read_body(1 << 20);
    auto decoded = docker::decode<typename Api::ContainerWaitResponse>(body);
    WaitResult out;
    out.exit_code = decoded.StatusCode.value_or(-1);
    if constexpr (requires { decoded.Error; }) {
      if (decoded.Error && decoded.Error->Message) out.error = *decoded.Error->Message;
    }
    return out;
  }

 private:
  Response response_;
};

/// An exec attached over a hijacked connection: stdin, output, resize and
/// the exit code once it has ended.
template <class Api>
class ExecSession {
 public:
  ExecSession(std::shared_ptr<Client> client, std::string id, Attachment attachment, CallOptions options = {})
      : client_(std::move(client)), id_(std::move(id)), attachment_(std::move(attachment)),
        options_(std::move(options)) {}

  const std::string& id() const { return id_; }
  void write(std::string_view data) { attachment_.write(data); }
  void close_stdin() { attachment_.close_stdin(); }
  Output& output() { return attachment_.output(); }
  Captured read_all() { return attachment_.read_all(); }
  Attachment& attachment() { return attachment_; }

  void resize(std::int64_t height, std::int64_t width) {
    typename Api::ExecApi(*client_).exec_resize({.id = id_, .h = height, .w = width}, options_);
  }
  typename Api::ExecInspectResponse inspect() {
    return typename Api::ExecApi(*client_).exec_inspect({.id = id_}, options_);
  }

  /// The exit code, after the output ended. The daemon records it when the
  /// process exits, which may be a moment after the streams closed: a few
  /// short retries cover that window.
  std::int64_t exit_code() {
    for (int attempt = 0;; ++attempt) {
      auto info = inspect();
      if (!info.Running.value_or(false) || attempt == 50) return info.ExitCode.value_or(-1);
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt < 10 ? 1 : 5)));
    }
  }

 private:
  std::shared_ptr<Client> client_;
  std::string id_;
  Attachment attachment_;
  CallOptions options_;
};

template <class Api>
class Container {
 public:
  Container(std::shared_ptr<Client> client, std::string id, CallOptions options = {})
      : client_(std::move(client)), id_(std::move(id)), options_(std::move(options)) {}

  /// The id (or the name the handle was made from).
  const std::string& id() const { return id_; }
  Client& client() const { return *client_; }

  /// The same container, its calls made with `options`: a deadline (for the
  /// call, or until a stream's head) and a cancellation token, which also
  /// stops a follow, an attach or a wait that is blocked reading.
  Container with(CallOptions options) const { return Container(client_, id_, std::move(options)); }
  const CallOptions& call_options() const { return options_; }

  /// Starts it; NotModified when it already runs.
  void start() { containers().container_start({.id = id_}, options_); }

  /// Stops it (SIGTERM, then SIGKILL after `timeout`; daemon default 10 s).
  /// NotModified when it is not running.
  void stop(std::optional<std::chrono::seconds> timeout = {}) {
    typename Api::ContainerStopParams p{.id = id_};
    if (timeout) p.t = timeout->count();
    containers().container_stop(p, options_);
  }

  void restart(std::optional<std::chrono::seconds> timeout = {}) {
    typename Api::ContainerRestartParams p{.id = id_};
    if (timeout) p.t = timeout->count();
    containers().container_restart(p, options_);
  }

  /// Sends a signal ("SIGKILL" when unset); Conflict when it is not running.
  void kill(std::optional<std::string> signal = {}) {
    typename Api::ContainerKillParams p{.id = id_};
    p.signal = std::move(signal);
    containers().container_kill(p, options_);
  }

  /// Waits for `condition` and returns the exit code and the daemon's error.
  WaitResult wait(WaitCondition condition = WaitCondition::not_running) {
    return begin_wait(condition).result();
  }

  /// Registers a wait with the daemon and returns once it is registered;
  /// `result()` then blocks until the condition is met. Use it to wait for
  /// next-exit or removed without missing an event that follows at once.
  PendingWait<Api> begin_wait(WaitCondition condition = WaitCondition::not_running) {
    Request req;
    req.method = "POST";
    if constexpr (requires(typename Api::ContainerWaitParams p) { p.condition; }) {
      model::QueryString q;
      q.add("condition", internal::condition_name(condition));
      req.target = q.target({"/containers/", model::escape_path_segment(id_), "/wait"});
      if (condition != WaitCondition::not_running)
        client_->require_version({1, 30}, "wait condition", options_);
    } else {
      if (condition != WaitCondition::not_running)
        throw VersionError("wait conditions need API 1.30; these bindings are " + Api::version.str());
      req.target = internal::container_path(id_, "/wait");
    }
    req.options = options_;
    return PendingWait<Api>(client_->stream(std::move(req)));
  }

  typename Api::ContainerInspectResponse inspect() { return containers().container_inspect({.id = id_}, options_); }

  /// Whether it was created with a TTY (its output is then raw, not multiplexed).
  bool tty() {
    auto info = inspect();
    return info.Config && info.Config->Tty.value_or(false);
  }

  /// Removes it; Conflict when it runs and `force` is off.
  void remove(RemoveOptions options = {}) {
    typename Api::ContainerDeleteParams p{.id = id_};
    if (options.force) p.force = true;
    if (options.volumes) p.v = true;
    containers().container_delete(p, options_);
  }

  void resize(std::int64_t height, std::int64_t width) {
    containers().container_resize({.id = id_, .h = height, .w = width}, options_);
  }

  /// Its logs, demultiplexed unless it has a TTY. With `follow` the stream
  /// ends when the container exits.
  Output logs(const LogOptions& options = {}) {
    // Built here rather than through the generated call (whose return type
    // differs by version), so its version check is made here too.
    if (options.until) client_->require_version(ApiVersion{1, 35}, "`until` of container logs", options_);
    auto framing = framing_for_container();
    Request req;
    req.method = "GET";
    req.target = internal::logs_target(id_, options);
    req.options = options_;
    auto response = client_->stream(std::move(req));
    return Output(model::open_output(std::move(response), framing, client_->api_version(options_)));
  }

  /// Attaches over a hijacked connection. Attach before start() to see all
  /// output; with `with_stdin` (and a container created with open_stdin)
  /// write to it and close_stdin() to send EOF, then read the output to its
  /// end. EOF reaches the process only with stdin_once, the default with
  /// open_stdin; see ContainerOptions::stdin_once.
  Attachment attach(const AttachOptions& options = {}) {
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
    bool multiplexed = model::output_is_multiplexed(hijacked.response.headers, framing, client_->api_version(options_));
    return Attachment(std::shared_ptr<HijackedStream>(std::move(hijacked.stream)), multiplexed);
  }

  /// Runs `cmd` in the container, with `options.input` as its stdin (else
  /// none, or an empty one with with_stdin), reads its output to the end
  /// (keep it small; use exec_attached to stream) and returns it with the
  /// exit code.
  ExecResult exec(const std::vector<std::string>& cmd, const ExecOptions& options = {}) {
    auto session = exec_attached(cmd, options);
    if (options.input) session.write(*options.input);
    if (options.with_stdin || options.input) session.close_stdin();
    auto captured = session.read_all();
    return ExecResult{session.exit_code(), std::move(captured.out), std::move(captured.err)};
  }

  /// Starts `cmd` attached: write to its stdin (with_stdin), read its output,
  /// resize its TTY, then ask for its exit code.
  ExecSession<Api> exec_attached(const std::vector<std::string>& cmd, const ExecOptions& options = {}) {
    auto exec_id = create_exec(cmd, options, /*attach=*/true);
    typename Api::ExecStartParams start{.id = exec_id};
    start.exec_start_config = docker::decode_value<typename Api::ExecStartRequest>(
        nlohmann::json{{"Detach", false}, {"Tty", options.tty}});
    auto hijacked = typename Api::ExecApi(*client_).exec_start(start, options_);
    // An exec's framing is known: raw with a TTY, multiplexed without.
    auto framing = options.tty ? OutputFraming::raw : OutputFraming::multiplexed;
    bool multiplexed = model::output_is_multiplexed(hijacked.response.headers, framing, client_->api_version(options_));
    return ExecSession<Api>(client_, exec_id,
                            Attachment(std::shared_ptr<HijackedStream>(std::move(hijacked.stream)), multiplexed),
                            options_);
  }

  /// Starts `cmd` detached and returns the exec id (inspect it through
  /// Api::ExecApi for its exit code).
  std::string exec_detached(const std::vector<std::string>& cmd, const ExecOptions& options = {}) {
    auto exec_id = create_exec(cmd, options, /*attach=*/false);
    Request req;
    req.method = "POST";
    req.target = model::QueryString{}.target({"/exec/", model::escape_path_segment(exec_id), "/start"});
    model::set_json_text_body(req, nlohmann::json{{"Detach", true}, {"Tty", options.tty}}.dump());
    req.options = options_;
    client_->call(std::move(req));
    return exec_id;
  }

 private:
  typename Api::ContainerApi containers() const { return typename Api::ContainerApi(*client_); }

  // From 1.42 the response says; before, ask the container whether it has a TTY.
  OutputFraming framing_for_container() {
    if (client_->api_version(options_) >= kFramingInContentType) return OutputFraming::detect;
    return tty() ? OutputFraming::raw : OutputFraming::multiplexed;
  }

  std::string create_exec(const std::vector<std::string>& cmd, const ExecOptions& options, bool attach) {
    typename Api::ContainerExecParams p{
        .id = id_,
        .exec_config = docker::decode_value<typename Api::ContainerExecRequest>(internal::exec_json(cmd, options, attach)),
    };
    auto created = typename Api::ExecApi(*client_).container_exec(p, options_);
    return created.Id.value();
  }

  std::shared_ptr<Client> client_;
  std::string id_;
  CallOptions options_;
};

}  // namespace docker::sdk
