#include "fd_wait.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "docker/errors.hpp"

namespace docker::transport::internal {

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    reset();
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}

void Fd::reset() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Interrupter::Interrupter() : event_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!event_) throw TransportError(std::string("eventfd: ") + std::strerror(errno));
}

void Interrupter::interrupt() noexcept {
  if (set_.exchange(true)) return;
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(event_.get(), &one, sizeof one);
}

namespace {

std::string describe(const IoStep& step, std::string_view reason) {
  std::string out;
  out.reserve(step.action.size() + step.endpoint.size() + reason.size() + 3);
  out.append(step.action).append(" ").append(step.endpoint).append(": ").append(reason);
  return out;
}

}  // namespace

void throw_if_interrupted(const Interrupter& interrupter, const IoCall& call, const IoStep& step) {
  if (interrupter.interrupted())
    throw Cancelled(describe(step, "cancelled"), std::string(call.method), std::string(call.path));
}

void await_ready(int fd, short events, const IoCall& call, const Interrupter& interrupter, const IoStep& step) {
  pollfd fds[2] = {{fd, events, 0}, {interrupter.fd(), POLLIN, 0}};
  for (;;) {
    throw_if_interrupted(interrupter, call, step);
    timespec timeout{};
    timespec* timeout_ptr = nullptr;
    if (call.deadline) {
      auto left = *call.deadline - Clock::now();
      if (left <= Clock::duration::zero())
        throw Timeout(describe(step, "deadline exceeded"), std::string(call.method), std::string(call.path));
      auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
      timeout.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
      timeout.tv_nsec = static_cast<long>(ns % 1'000'000'000);
      timeout_ptr = &timeout;
    }
    int n = ::ppoll(fds, 2, timeout_ptr, nullptr);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_os_error(step, errno, call);
    }
    if (fds[1].revents != 0) throw_if_interrupted(interrupter, call, step);
    // Errors and hang-ups count as ready: the next syscall reports them.
    if (fds[0].revents != 0) return;
  }
}

void throw_os_error(const IoStep& step, int err, const IoCall& call) {
  throw_transport_error(step, std::strerror(err), call);
}

void throw_transport_error(const IoStep& step, std::string_view reason, const IoCall& call) {
  throw TransportError(describe(step, reason), std::string(call.method), std::string(call.path));
}

}  // namespace docker::transport::internal
