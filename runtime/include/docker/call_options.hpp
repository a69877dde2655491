// Per-call deadline and cooperative cancellation.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "docker/internal/std_function.hpp"

namespace docker {

using Clock = std::chrono::steady_clock;

namespace internal {
struct CancelState;
}

/// A callback registration on a token; unregisters on destruction.
class CancelRegistration {
 public:
  CancelRegistration() = default;
  /// Registration `id` on the token state (CancellationToken::on_cancel makes them).
  CancelRegistration(std::shared_ptr<internal::CancelState> state, std::uint64_t id)
      : state_(std::move(state)), id_(id) {}
  /// Takes over the registration; `o` is left empty.
  CancelRegistration(CancelRegistration&& o) noexcept { *this = std::move(o); }
  /// Unregisters the current callback, then takes over `o`'s.
  CancelRegistration& operator=(CancelRegistration&& o) noexcept;
  CancelRegistration(const CancelRegistration&) = delete;
  CancelRegistration& operator=(const CancelRegistration&) = delete;
  ~CancelRegistration() { reset(); }
  /// Unregisters now: the callback will not run afterwards.
  void reset();

 private:
  std::shared_ptr<internal::CancelState> state_;
  std::uint64_t id_ = 0;
};

/// Observes a CancellationSource. A default token is never cancelled.
class CancellationToken {
 public:
  CancellationToken() = default;
  /// Whether the source was cancelled.
  bool is_cancelled() const noexcept;
  /// Runs `fn` once when cancelled (at once, on this thread, if already cancelled).
  /// The callback may run on the cancelling thread: keep it short and thread-safe.
  CancelRegistration on_cancel(std::function<void()> fn) const;

 private:
  friend class CancellationSource;
  explicit CancellationToken(std::shared_ptr<internal::CancelState> s) : state_(std::move(s)) {}
  std::shared_ptr<internal::CancelState> state_;
};

/// Cancels every call that was given one of its tokens, from any thread.
class CancellationSource {
 public:
  CancellationSource();
  /// A token to pass in CallOptions::cancel; any number may be handed out.
  CancellationToken token() const { return CancellationToken(state_); }
  /// Cancels every call holding one of the tokens; idempotent, thread-safe.
  void cancel() const;
  /// Whether cancel() was called.
  bool is_cancelled() const noexcept;

 private:
  std::shared_ptr<internal::CancelState> state_;
};

/// Options every call accepts. The deadline bounds the request up to the end
/// of a buffered response, or up to the response head of a streamed one: it
/// never cuts a stream the caller is reading. Cancellation applies throughout.
///
/// Two kinds of time limit: `deadline` is a point in time (timeout() fixes it
/// when the options are made: a handle kept with those options expires for
/// good), `per_call_timeout` starts anew with each call made with the options
/// (per_call(): right for a handle kept around). A call's effective deadline
/// is the earlier of the two (started_now()).
struct CallOptions {
  /// When the call gives up with docker::Timeout; none: no limit.
  std::optional<Clock::time_point> deadline{};
  /// Cancels the call (docker::Cancelled) when its source is cancelled.
  CancellationToken cancel{};
  /// A timeout that starts with each call made with these options.
  std::optional<Clock::duration> per_call_timeout{};

  /// A deadline `d` from now, shared by every call made with these options.
  static CallOptions timeout(Clock::duration d) { return CallOptions{.deadline = Clock::now() + d}; }
  /// A timeout of `d` for each call, counted from that call's start.
  static CallOptions per_call(Clock::duration d) { return CallOptions{.per_call_timeout = d}; }
  /// Sets the deadline to `d` from now; returns *this for chaining.
  CallOptions& with_timeout(Clock::duration d) {
    deadline = Clock::now() + d;
    return *this;
  }
  /// Sets the cancellation token; returns *this for chaining.
  CallOptions& with_cancel(CancellationToken t) {
    cancel = std::move(t);
    return *this;
  }
  /// The options of one call starting now: the per-call timeout turned into
  /// a deadline (the earlier of both), so that only `deadline` needs checking.
  [[nodiscard]] CallOptions started_now() const {
    CallOptions out{deadline, cancel, std::nullopt};
    if (per_call_timeout) {
      auto own = Clock::now() + *per_call_timeout;
      if (!out.deadline || own < *out.deadline) out.deadline = own;
    }
    return out;
  }
};

}  // namespace docker
