// A deadline that also cuts streams. The runtime's deadline stops at a
// stream's response head (a stream the caller reads is never cut), so an
// operation that reads streams to their end under one deadline (run(): the
// attach output, the wait's result) needs it turned into a cancellation.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "docker/call_options.hpp"

namespace docker::sdk::internal {

class DeadlineWatch {
 public:
  /// Watches `outer`: its cancellation is forwarded, and its deadline (if
  /// any) cancels too. A thread sleeps until the deadline; none without one.
  explicit DeadlineWatch(const CallOptions& outer) : outer_(outer) {
    forward_ = outer.cancel.on_cancel([source = source_] { source.cancel(); });
    if (outer.deadline) {
      thread_ = std::jthread([this, deadline = *outer.deadline](const std::stop_token& stop) {
        std::unique_lock lock(mutex_);
        wake_.wait_until(lock, stop, deadline, [] { return false; });
        if (stop.stop_requested()) return;
        expired_.store(true, std::memory_order_release);
        source_.cancel();
      });
    }
  }
  DeadlineWatch(const DeadlineWatch&) = delete;
  DeadlineWatch& operator=(const DeadlineWatch&) = delete;

  /// The outer deadline with a token that the deadline (or the outer token) cancels.
  [[nodiscard]] CallOptions options() const {
    return CallOptions{.deadline = outer_.deadline, .cancel = source_.token()};
  }

  /// Whether a Cancelled seen under options() means the deadline passed
  /// (rather than the caller's own cancellation).
  [[nodiscard]] bool timed_out() const {
    return expired_.load(std::memory_order_acquire) && !outer_.cancel.is_cancelled();
  }

 private:
  CallOptions outer_;
  CancellationSource source_;
  CancelRegistration forward_;
  std::atomic<bool> expired_{false};
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the members it uses go
};

}  // namespace docker::sdk::internal
