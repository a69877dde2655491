#include "docker/call_options.hpp"

#include <atomic>
#include <map>
#include <mutex>

namespace docker {
namespace internal {

struct CancelState {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::uint64_t next_id = 1;
  std::map<std::uint64_t, std::function<void()>> callbacks;
};

}  // namespace internal

CancelRegistration& CancelRegistration::operator=(CancelRegistration&& o) noexcept {
  if (this != &o) {
    reset();
    state_ = std::move(o.state_);
    id_ = o.id_;
    o.id_ = 0;
  }
  return *this;
}

void CancelRegistration::reset() {
  if (state_ && id_ != 0) {
    std::lock_guard lock(state_->mutex);
    state_->callbacks.erase(id_);
  }
  state_.reset();
  id_ = 0;
}

bool CancellationToken::is_cancelled() const noexcept {
  return state_ && state_->cancelled.load(std::memory_order_acquire);
}

CancelRegistration CancellationToken::on_cancel(std::function<void()> fn) const {
  if (!state_) return {};
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->cancelled.load(std::memory_order_acquire)) {
      auto id = state_->next_id++;
      state_->callbacks.emplace(id, std::move(fn));
      return CancelRegistration(state_, id);
    }
  }
  fn();  // already cancelled: run now, outside the lock
  return {};
}

CancellationSource::CancellationSource() : state_(std::make_shared<internal::CancelState>()) {}

void CancellationSource::cancel() const {
  std::map<std::uint64_t, std::function<void()>> callbacks;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->cancelled.exchange(true, std::memory_order_acq_rel)) return;
    callbacks.swap(state_->callbacks);
  }
  for (auto& [id, fn] : callbacks) fn();
}

bool CancellationSource::is_cancelled() const noexcept { return state_->cancelled.load(std::memory_order_acquire); }

}  // namespace docker
