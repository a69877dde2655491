// Running a credential helper: a ChildProcess (child_process.hpp) on three
// pipes, poll until both output pipes close, then reap the child (killing it
// if it overstays).
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <system_error>

#include "../child_process.hpp"
#include "docker/auth/credential_helper.hpp"
#include "docker/errors.hpp"

namespace docker::auth {
namespace {

constexpr std::size_t kOutputLimit = 1 << 20;

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (pipe2(fds, O_CLOEXEC) != 0) throw ConfigError(std::string("pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() { close_fd(fds[0]); }
  void close_write() { close_fd(fds[1]); }
  static void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

HelperOutput run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                         std::string_view input, std::chrono::milliseconds timeout) {
  Pipe in, out, err;
  std::optional<docker::internal::ChildProcess> child;
  try {
    child.emplace(program.string(), args, docker::internal::ChildStdio{in.fds[0], out.fds[1], err.fds[1]});
  } catch (const docker::internal::SpawnFailure& failure) {
    throw ConfigError("cannot run " + program.string() + " (" + failure.step + "): " + std::strerror(failure.error));
  }
  in.close_read();
  out.close_write();
  err.close_write();

  // Input is written as the child reads it, in the same poll loop as the
  // outputs, so that neither side can block the other past the deadline. A
  // helper that exits without reading must not kill us with SIGPIPE: block it
  // on this thread while we write and swallow it if it was raised.
  ::fcntl(in.fds[1], F_SETFL, ::fcntl(in.fds[1], F_GETFL) | O_NONBLOCK);
  sigset_t pipe_signal, previous_mask;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous_mask);
  bool broken_pipe = false;
  std::size_t written = 0;
  if (input.empty()) in.close_write();

  HelperOutput result;
  std::array<pollfd, 3> fds{pollfd{out.fds[0], POLLIN, 0}, pollfd{err.fds[0], POLLIN, 0},
                            pollfd{in.fds[1], POLLOUT, 0}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      ssize_t n = ::write(in.fds[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno == EPIPE) broken_pipe = true;
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
        in.close_write();  // EOF for the child
        fds[2].fd = -1;
      }
    }
    for (std::size_t i = 0; i < sinks.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;  // closed; the Pipe destructor closes the descriptor
        continue;
      }
      if (sinks[i]->size() < kOutputLimit)
        sinks[i]->append(buf, std::min<std::size_t>(n, kOutputLimit - sinks[i]->size()));
    }
  }
  if (broken_pipe) {
    timespec no_wait{};
    sigtimedwait(&pipe_signal, nullptr, &no_wait);
  }
  pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  if (timed_out) child->signal(SIGKILL);
  auto exit = child->wait_exit();
  if (timed_out)
    throw ConfigError(program.string() + " did not finish within " + std::to_string(timeout.count()) + " ms");
  // A status collected elsewhere (the program ignores SIGCHLD) is unknown:
  // the helper's output is all there is to judge by.
  result.exit_code = exit.status_unknown ? 0 : exit.signal != 0 ? 128 + exit.signal : exit.exit_code;
  return result;
}

}  // namespace

HelperRunner process_runner(std::chrono::milliseconds timeout) {
  return [timeout](const std::filesystem::path& program, const std::vector<std::string>& args, std::string_view input) {
    return run_process(program, args, input, timeout);
  };
}

std::optional<std::filesystem::path> find_in_path(std::string_view name, const config::EnvironmentGetter& env) {
  auto path = env("PATH");
  if (!path) return std::nullopt;
  std::string_view dirs = *path;
  while (true) {
    auto colon = dirs.find(':');
    std::filesystem::path dir(dirs.substr(0, colon).empty() ? std::string_view(".") : dirs.substr(0, colon));
    auto candidate = dir / name;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

}  // namespace docker::auth
