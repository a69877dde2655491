// Idle kept-alive connections to one endpoint, most recently used first.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "http_connection.hpp"

namespace docker::transport::detail {

class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_idle, std::chrono::milliseconds idle_timeout)
      : max_idle_(max_idle), idle_timeout_(idle_timeout) {}

  /// An idle connection, or null. With `probe`, one the peer has not closed
  /// (a peek syscall; stale ones are dropped). Without, the caller must cope
  /// with a connection the peer closed while idle (by resending: only
  /// replayable requests skip the probe).
  std::unique_ptr<HttpConnection> take(bool probe = true);
  /// Keeps `connection` for reuse (closes it when the pool is full).
  void give_back(std::unique_ptr<HttpConnection> connection);

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<HttpConnection>> idle_;
  const std::size_t max_idle_;
  const std::chrono::milliseconds idle_timeout_;
};

}  // namespace docker::transport::detail
