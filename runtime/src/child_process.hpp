// One way to start and reap a child process (the ssh transport, credential
// helpers): posix_spawn without a shell, default signal handling and an empty
// mask in the child whatever this process ignores or blocks, no inherited
// descriptors beyond its stdio, and a pidfd so that waiting is pollable and
// signalling is safe from any thread, even after the child was reaped (no pid
// reuse race). Linux only (pidfd_open: 5.3).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "transport/fd_wait.hpp"

namespace docker::internal {

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

/// The descriptors a child gets as its stdin, stdout and stderr (the caller
/// keeps and closes its own copies).
struct ChildStdio {
  int in = -1;
  int out = -1;
  int err = -1;
};

/// Why a child could not start: the failing step and errno.
struct SpawnFailure {
  const char* step;
  int error;
};

class ChildProcess {
 public:
  /// Starts `program` with `args` (argv[1…]); looked up on PATH unless it has
  /// a '/'. Throws SpawnFailure (callers turn it into their typed error).
  ChildProcess(const std::string& program, const std::vector<std::string>& args, ChildStdio stdio);
  /// Reaps the child; if it still runs: SIGTERM, then SIGKILL after
  /// `kTerminateGrace`.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  static constexpr std::chrono::milliseconds kTerminateGrace{1000};

  /// Sends `signal` (SIGTERM, SIGKILL). Thread-safe, never blocks, harmless
  /// after the child ended.
  void signal(int signal) noexcept;
  /// Waits at most `limit` for the child to end; how it ended, or nullopt if
  /// it still runs. Thread-safe; reaps the child once.
  std::optional<ChildExit> wait_exit(std::chrono::milliseconds limit);
  /// Waits until the child ended (send it SIGKILL first to be sure it does).
  ChildExit wait_exit();

  int pid() const { return pid_; }

 private:
  bool wait_pidfd(std::chrono::milliseconds limit) const;

  int pid_ = -1;
  transport::internal::Fd pidfd_;
  std::mutex mutex_;
  std::optional<ChildExit> exit_;
};

}  // namespace docker::internal
