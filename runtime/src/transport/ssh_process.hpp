// One ssh child (docker::internal::ChildProcess: no shell, default signals, a
// pidfd, always reaped), its stdin and stdout one connected socket, its
// stderr drained into a bounded buffer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "../child_process.hpp"
#include "fd_wait.hpp"

namespace docker::transport::internal {

using docker::internal::ChildExit;

class SshProcess {
 public:
  /// Starts `program` (looked up on PATH unless it has a '/') with `args`,
  /// `stdio_socket` as its stdin and stdout (the caller keeps and closes its
  /// descriptor). Throws TransportError naming `endpoint` when it cannot start.
  SshProcess(const std::string& program, const std::vector<std::string>& args, int stdio_socket,
             std::size_t stderr_limit, std::string_view endpoint);
  /// Terminates the child if it still runs (SIGTERM, then SIGKILL after a
  /// moment) and reaps it.
  ~SshProcess();
  SshProcess(const SshProcess&) = delete;
  SshProcess& operator=(const SshProcess&) = delete;

  /// Sends SIGTERM. Thread-safe, never blocks, harmless after the child ended.
  void terminate() noexcept;
  /// Waits at most `limit` for the child to end; how it ended, or nullopt if it
  /// still runs. Thread-safe; reaps the child once.
  std::optional<ChildExit> wait_exit(std::chrono::milliseconds limit);
  /// The last bytes ssh wrote to stderr, after waiting at most `limit` for
  /// the pipe to close (the child's last words arrive just before its exit).
  std::string stderr_tail(std::chrono::milliseconds limit);

  int pid() const { return child_->pid(); }

 private:
  void drain_stderr();

  Fd stderr_read_;
  std::size_t stderr_limit_;
  std::optional<docker::internal::ChildProcess> child_;
  Interrupter stop_drain_;
  std::thread drain_;

  std::mutex mutex_;
  std::condition_variable stderr_closed_cv_;
  bool stderr_closed_ = false;
  std::string stderr_;
};

}  // namespace docker::transport::internal
