#include "connection_pool.hpp"

namespace docker::transport::internal {

std::unique_ptr<HttpConnection> ConnectionPool::take() {
  for (;;) {
    std::unique_ptr<HttpConnection> candidate;
    {
      std::lock_guard lock(mutex_);
      if (idle_.empty()) return nullptr;
      candidate = std::move(idle_.back());
      idle_.pop_back();
    }
    // Checked outside the lock: a peek syscall (and a close for stale ones).
    if (Clock::now() - candidate->idle_since < idle_timeout_ && candidate->channel().idle_and_usable())
      return candidate;
  }
}

void ConnectionPool::give_back(std::unique_ptr<HttpConnection> connection) {
  connection->idle_since = Clock::now();
  std::unique_ptr<HttpConnection> evicted;
  std::lock_guard lock(mutex_);
  if (idle_.size() >= max_idle_) {
    if (max_idle_ == 0) return;          // connection closes as it goes out of scope
    evicted = std::move(idle_.front());  // the oldest goes
    idle_.erase(idle_.begin());
  }
  idle_.push_back(std::move(connection));
}

}  // namespace docker::transport::internal
