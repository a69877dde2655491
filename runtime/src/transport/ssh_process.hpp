// One ssh child: started without a shell, its stdin and stdout one connected
// socket, its stderr drained into a bounded buffer, and always reaped.
// Linux only: a pidfd makes waiting pollable and signalling safe from any
// thread, even after the child was reaped (no pid reuse race).
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

#include "fd_wait.hpp"

namespace docker::transport::detail {

/// How a child ended.
struct ChildExit {
  int exit_code = 0;  // when signal == 0
  int signal = 0;     // the signal that killed it
  /// Reaped by someone else (the application ignores SIGCHLD or reaps all
  /// children itself): it ended, its status is unknown.
  bool status_unknown = false;
  bool success() const { return !status_unknown && signal == 0 && exit_code == 0; }
  /// "exited with status 255", "was killed by signal 9 (Killed)".
  std::string describe() const;
};

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

  int pid() const { return pid_; }

 private:
  void drain_stderr();
  bool wait_pidfd(std::chrono::milliseconds limit) const;

  int pid_ = -1;
  Fd pidfd_;
  Fd stderr_read_;
  std::size_t stderr_limit_;
  Interrupter stop_drain_;
  std::thread drain_;

  mutable std::mutex mutex_;
  std::condition_variable stderr_closed_cv_;
  bool stderr_closed_ = false;
  std::string stderr_;
  std::optional<ChildExit> exit_;
};

}  // namespace docker::transport::detail
