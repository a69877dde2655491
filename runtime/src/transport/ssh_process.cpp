#include "ssh_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "docker/errors.hpp"

namespace docker::transport::internal {
namespace {

[[noreturn]] void fail_to_start(std::string_view endpoint, const std::string& program, std::string_view what, int err) {
  throw TransportError("connect to " + std::string(endpoint) + ": cannot start " + program + " (" + std::string(what) +
                       "): " + std::strerror(err));
}

}  // namespace

SshProcess::SshProcess(const std::string& program, const std::vector<std::string>& args, int stdio_socket,
                       std::size_t stderr_limit, std::string_view endpoint)
    : stderr_limit_(stderr_limit) {
  int stderr_pipe[2];
  if (::pipe2(stderr_pipe, O_CLOEXEC) != 0) fail_to_start(endpoint, program, "pipe", errno);
  stderr_read_ = Fd(stderr_pipe[0]);
  Fd stderr_write(stderr_pipe[1]);
  try {
    child_.emplace(program, args, docker::internal::ChildStdio{stdio_socket, stdio_socket, stderr_write.get()});
  } catch (const docker::internal::SpawnFailure& failure) {
    fail_to_start(endpoint, program, failure.step, failure.error);
  }
  stderr_write.reset();  // only the child writes to it now: its end is our EOF
  drain_ = std::thread([this] { drain_stderr(); });
}

SshProcess::~SshProcess() {
  child_.reset();  // terminates and reaps the child if it still runs
  // A grandchild (ProxyCommand…) may still hold stderr open: stop reading.
  stop_drain_.interrupt();
  drain_.join();
}

void SshProcess::terminate() noexcept { child_->signal(SIGTERM); }

std::optional<ChildExit> SshProcess::wait_exit(std::chrono::milliseconds limit) { return child_->wait_exit(limit); }

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

}  // namespace docker::transport::internal
