// Connects a call's CancellationToken to whichever Channel the call is using.
// The token's callback may run on another thread at any moment, even after
// the call has finished (CancellationSource::cancel runs callbacks outside
// its lock), so the callback reaches the channel only through a mutex-guarded
// pointer that is cleared before the channel is pooled or destroyed.
#pragma once

#include <memory>
#include <mutex>

#include "docker/call_options.hpp"
#include "docker/transport/channel.hpp"

namespace docker::transport::internal {

class CancelBinding {
 public:
  CancelBinding() = default;
  explicit CancelBinding(const CancellationToken& token) {
    if (token.is_cancelled()) {
      cancelled_early_ = true;
      return;
    }
    state_ = std::make_shared<State>();
    registration_ = token.on_cancel([state = state_] {
      std::lock_guard lock(state->mutex);
      state->fired = true;
      if (state->channel != nullptr) state->channel->interrupt();
    });
  }
  CancelBinding(CancelBinding&&) noexcept = default;
  CancelBinding& operator=(CancelBinding&&) noexcept = default;
  ~CancelBinding() { unbind(); }

  /// From now on a cancel interrupts `channel` (at once if it already came).
  void bind(Channel& channel) {
    if (cancelled_early_) {
      channel.interrupt();
      return;
    }
    if (!state_) return;
    std::lock_guard lock(state_->mutex);
    state_->channel = &channel;
    if (state_->fired) channel.interrupt();
  }
  /// Detaches the channel; afterwards a cancel no longer touches it. Returns
  /// whether a cancel came first (the channel is then interrupted for good).
  bool unbind() {
    if (!state_) return cancelled_early_;
    std::lock_guard lock(state_->mutex);
    state_->channel = nullptr;
    return state_->fired;
  }

 private:
  struct State {
    std::mutex mutex;
    Channel* channel = nullptr;
    bool fired = false;
  };
  std::shared_ptr<State> state_;
  CancelRegistration registration_;
  bool cancelled_early_ = false;
};

}  // namespace docker::transport::internal
