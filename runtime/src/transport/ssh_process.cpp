#include "ssh_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "docker/errors.hpp"

extern char** environ;

namespace docker::transport::detail {
namespace {

constexpr auto kTerminateGrace = std::chrono::milliseconds(1000);
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

[[noreturn]] void fail_to_start(std::string_view endpoint, const std::string& program, std::string_view what,
                                int err) {
  throw TransportError("connect to " + std::string(endpoint) + ": cannot start " + program + " (" +
                       std::string(what) + "): " + std::strerror(err));
}

}  // namespace

std::string ChildExit::describe() const {
  if (status_unknown) return "ended (its exit status was collected elsewhere: SIGCHLD ignored or handled by the program)";
  if (signal != 0) return "was killed by signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  return "exited with status " + std::to_string(exit_code);
}

SshProcess::SshProcess(const std::string& program, const std::vector<std::string>& args, int stdio_socket,
                       std::size_t stderr_limit, std::string_view endpoint)
    : stderr_limit_(stderr_limit) {
  int stderr_pipe[2];
  if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) fail_to_start(endpoint, program, "pipe", errno);
  stderr_read_ = Fd(stderr_pipe[0]);
  Fd stderr_write(stderr_pipe[1]);

  SpawnSetup setup;
  // The child starts with default signal handling and an empty mask, whatever
  // this process ignores or blocks (an ignored SIGPIPE would otherwise stick).
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&setup.attributes, &all);
  posix_spawnattr_setsigmask(&setup.attributes, &none);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawn_file_actions_adddup2(&setup.actions, stdio_socket, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, stdio_socket, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, stderr_write.get(), STDERR_FILENO);
  // Descriptors the application opened without O_CLOEXEC stay out of ssh.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);

  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  pid_t pid = -1;
  if (int rc = ::posix_spawnp(&pid, program.c_str(), &setup.actions, &setup.attributes, argv.data(), environ);
      rc != 0)
    fail_to_start(endpoint, program, "posix_spawn", rc);
  pid_ = pid;
  stderr_write.reset();  // only the child writes to it now: its end is our EOF

  pidfd_ = Fd(open_pidfd(pid_));
  if (!pidfd_ && errno == ESRCH) {
    // Already ended and reaped by someone else: the pid may be reused, never signal it.
    exit_ = ChildExit{.status_unknown = true};
  } else if (!pidfd_) {
    int err = errno;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    fail_to_start(endpoint, program, "pidfd_open", err);
  }
  drain_ = std::thread([this] { drain_stderr(); });
}

SshProcess::~SshProcess() {
  if (!wait_exit(std::chrono::milliseconds(0))) {
    terminate();
    if (!wait_exit(kTerminateGrace)) {
      signal_pidfd(pidfd_.get(), SIGKILL);
      // SIGKILL cannot be caught: this wait ends.
      while (!wait_exit(std::chrono::milliseconds(1000))) {
      }
    }
  }
  // A grandchild (ProxyCommand…) may still hold stderr open: stop reading.
  stop_drain_.interrupt();
  drain_.join();
}

void SshProcess::terminate() noexcept { signal_pidfd(pidfd_.get(), SIGTERM); }

bool SshProcess::wait_pidfd(std::chrono::milliseconds limit) const {
  pollfd fd{pidfd_.get(), POLLIN, 0};
  auto until = Clock::now() + limit;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    int n = ::poll(&fd, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

std::optional<ChildExit> SshProcess::wait_exit(std::chrono::milliseconds limit) {
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

void SshProcess::drain_stderr() {
  char buf[1024];
  pollfd fds[2] = {{stderr_read_.get(), POLLIN, 0}, {stop_drain_.fd(), POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, 2, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || fds[1].revents != 0) break;
    ssize_t got = ::read(stderr_read_.get(), buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    std::lock_guard lock(mutex_);
    stderr_.append(buf, static_cast<std::size_t>(got));
    if (stderr_.size() > stderr_limit_) stderr_.erase(0, stderr_.size() - stderr_limit_);
  }
  std::lock_guard lock(mutex_);
  stderr_closed_ = true;
  stderr_closed_cv_.notify_all();
}

std::string SshProcess::stderr_tail(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  stderr_closed_cv_.wait_for(lock, limit, [this] { return stderr_closed_; });
  return stderr_;
}

}  // namespace docker::transport::detail
