#include "child_process.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace docker::internal {
namespace {

constexpr idtype_t kPidfdId = static_cast<idtype_t>(3);  // P_PIDFD (Linux 5.4)

// Raw syscalls: glibc 2.36's <sys/pidfd.h> lacks C linkage for C++.
int open_pidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
void signal_pidfd(int pidfd, int signal) { ::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0); }

/// posix_spawn attributes and file actions, released on every path.
struct SpawnSetup {
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_t actions;
  SpawnSetup() {
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
};

}  // namespace

std::string ChildExit::describe() const {
  if (status_unknown)
    return "ended (its exit status was collected elsewhere: SIGCHLD ignored or handled by the program)";
  if (signal != 0) return "was killed by signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  return "exited with status " + std::to_string(exit_code);
}

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args, ChildStdio stdio) {
  SpawnSetup setup;
  // The child starts with default signal handling and an empty mask, whatever
  // this process ignores or blocks (an ignored SIGPIPE would otherwise stick).
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&setup.attributes, &all);
  posix_spawnattr_setsigmask(&setup.attributes, &none);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const int wanted[3] = {stdio.in, stdio.out, stdio.err};
  for (int target = 0; target < 3; ++target)
    if (wanted[target] >= 0) posix_spawn_file_actions_adddup2(&setup.actions, wanted[target], target);
  // Descriptors the application opened without O_CLOEXEC stay out of the child.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);

  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  pid_t pid = -1;
  if (int rc = ::posix_spawnp(&pid, program.c_str(), &setup.actions, &setup.attributes, argv.data(), environ); rc != 0)
    throw SpawnFailure{"posix_spawn", rc};
  pid_ = pid;
  pidfd_ = transport::internal::Fd(open_pidfd(pid_));
  if (!pidfd_ && errno == ESRCH) {
    // Already ended and reaped by someone else: the pid may be reused, never signal it.
    exit_ = ChildExit{.status_unknown = true};
  } else if (!pidfd_) {
    int err = errno;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw SpawnFailure{"pidfd_open", err};
  }
}

ChildProcess::~ChildProcess() {
  if (wait_exit(std::chrono::milliseconds(0))) return;
  signal(SIGTERM);
  if (wait_exit(kTerminateGrace)) return;
  signal(SIGKILL);
  (void)wait_exit();  // SIGKILL cannot be caught: this wait ends
}

void ChildProcess::signal(int sig) noexcept {
  if (pidfd_) signal_pidfd(pidfd_.get(), sig);
}

bool ChildProcess::wait_pidfd(std::chrono::milliseconds limit) const {
  pollfd fd{pidfd_.get(), POLLIN, 0};
  auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    int n = ::poll(&fd, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

std::optional<ChildExit> ChildProcess::wait_exit(std::chrono::milliseconds limit) {
  {
    std::lock_guard lock(mutex_);
    if (exit_) return exit_;
  }
  if (!wait_pidfd(limit)) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (exit_) return exit_;  // another thread reaped it meanwhile
  siginfo_t info{};
  if (::waitid(kPidfdId, static_cast<id_t>(pidfd_.get()), &info, WEXITED | WNOHANG) != 0) {
    if (errno != ECHILD) return std::nullopt;
    exit_ = ChildExit{.status_unknown = true};  // reaped elsewhere: waiting again would spin
    return exit_;
  }
  if (info.si_pid == 0) return std::nullopt;
  ChildExit exit;
  if (info.si_code == CLD_EXITED) {
    exit.exit_code = info.si_status;
  } else {
    exit.signal = info.si_status;
  }
  exit_ = exit;
  return exit_;
}

ChildExit ChildProcess::wait_exit() {
  for (;;)
    if (auto exit = wait_exit(std::chrono::milliseconds(1000))) return *exit;
}

}  // namespace docker::internal
