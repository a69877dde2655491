// Idle kept-alive connections to one endpoint, most recently used first.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "http_connection.hpp"

namespace docker::transport::internal {

class ConnectionPool {
 public:
  ConnectionPool(std::size_t max_idle, std::chrono::milliseconds idle_timeout)
      : max_idle_(max_idle), idle_timeout_(idle_timeout) {}

  /// An idle connection the peer has not closed, that holds no bytes nobody
  /// asked for (a stray response would otherwise be read as the next reply)
  /// and whose last call was not interrupted by a cancellation; or null.
  /// One peek syscall per candidate; stale ones are dropped.
  std::unique_ptr<HttpConnection> take();
  /// Keeps `connection` for reuse (closes it when the pool is full).
  void give_back(std::unique_ptr<HttpConnection> connection);

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<HttpConnection>> idle_;
  const std::size_t max_idle_;
  const std::chrono::milliseconds idle_timeout_;
};

}  // namespace docker::transport::internal
