// The ssh transport: one `ssh … docker system dial-stdio` child per
// connection, spoken to through a socketpair (MSG_NOSIGNAL writes, half-close
// = stdin EOF), with the child's fate folded into the channel's errors.
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>

#include "docker/errors.hpp"
#include "docker/transport/ssh.hpp"
#include "socket_channel.hpp"
#include "ssh_process.hpp"

namespace docker::transport {
namespace internal {
namespace {

/// How long an end of stream (or a reset) may precede ssh's exit: ssh closes
/// its stdout when the remote command's output ends, and exits a moment later;
/// a dying ssh closes its descriptors just before it becomes waitable.
constexpr auto kExitAfterEof = std::chrono::milliseconds(2000);
/// How long ssh's last stderr line may trail its exit.
constexpr auto kStderrAfterExit = std::chrono::milliseconds(500);

std::string one_line(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += "; ";
    } else {
      out += c;
    }
  }
  return out;
}

class SshChannel final : public SocketChannel {
 public:
  SshChannel(std::string endpoint, Fd socket, std::unique_ptr<SshProcess> process)
      : SocketChannel(std::move(endpoint)), process_(std::move(process)) {
    adopt(std::move(socket));
  }
  ~SshChannel() override {
    // ssh reads end of input first, so it can end the session itself; the
    // process's destructor then terminates and reaps it.
    SocketChannel::close();
  }

  std::size_t read_some(std::span<char> out, const IoCall& call) override {
    std::size_t n;
    try {
      n = SocketChannel::read_some(out, call);
    } catch (const TransportError&) {
      // A reset: ssh closed its end with our request unread, on its way out.
      throw_if_ssh_failed(reading(), call, kExitAfterEof);
      throw;
    }
    if (n == 0) throw_if_ssh_failed(reading(), call, kExitAfterEof);
    return n;
  }

  void write(std::span<const std::span<const char>> pieces, const IoCall& call) override {
    try {
      SocketChannel::write(pieces, call);
    } catch (const TransportError&) {
      // A broken pipe: ssh is gone or going.
      throw_if_ssh_failed(writing(), call, kExitAfterEof);
      throw;
    }
  }

  void close() noexcept override {
    SocketChannel::close();
    process_->terminate();
  }

  bool idle_and_usable() override {
    return SocketChannel::idle_and_usable() && !process_->wait_exit(std::chrono::milliseconds(0));
  }

 private:
  /// When ssh ended unsuccessfully (at once, or within `wait`, but never past
  /// the call's deadline), a TransportError with its status and stderr.
  void throw_if_ssh_failed(const IoStep& step, const IoCall& call, std::chrono::milliseconds wait) {
    if (call.deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*call.deadline - Clock::now());
      wait = std::clamp(left, std::chrono::milliseconds(0), wait);
    }
    auto exit = process_->wait_exit(wait);
    if (!exit || exit->success()) return;
    std::string reason = "ssh " + exit->describe();
    std::string stderr_text = one_line(process_->stderr_tail(kStderrAfterExit));
    if (!stderr_text.empty()) reason += ": " + stderr_text;
    throw_transport_error(step, reason, call);
  }

  std::unique_ptr<SshProcess> process_;
};

std::string ssh_endpoint(const config::SshAddress& a) {
  std::string out = "ssh://";
  if (!a.user.empty()) out += a.user + "@";
  out += a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host;
  if (a.port) out += ":" + std::to_string(*a.port);
  return out + a.socket_path;
}

/// The user's arguments first (for `-o`, ssh keeps the first value it sees,
/// so theirs beat these defaults), then ours, then user, port, host, command.
std::vector<std::string> ssh_arguments(config::SshAddress address, const SshOptions& options) {
  std::vector<std::string> args = std::move(address.extra_args);
  address.extra_args.clear();
  if (options.batch_mode) args.insert(args.end(), {"-o", "BatchMode=yes"});
  if (options.connect_timeout.count() > 0)
    args.insert(args.end(), {"-o", "ConnectTimeout=" + std::to_string(options.connect_timeout.count())});
  auto rest = address.command_args();
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

class SshDialer final : public Dialer {
 public:
  SshDialer(const config::SshAddress& address, SshOptions options)
      : endpoint_(ssh_endpoint(address)), options_(std::move(options)), args_(ssh_arguments(address, options_)) {}

  std::unique_ptr<Channel> dial(const IoCall& call, const CancellationToken& cancel) override {
    if (cancel.is_cancelled())
      throw Cancelled("connect to " + endpoint_ + ": cancelled", std::string(call.method), std::string(call.path));
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
      throw_os_error({"connect to", endpoint_}, errno, call);
    Fd ours(pair[0]);
    Fd childs(pair[1]);
    auto process =
        std::make_unique<SshProcess>(options_.ssh_program, args_, childs.get(), options_.stderr_limit, endpoint_);
    childs.reset();  // the child's copy is its stdin and stdout
    // No handshake to wait for: ssh connects while the request is written, and
    // the call's deadline and token bound the wait for the answer.
    return std::make_unique<SshChannel>(endpoint_, std::move(ours), std::move(process));
  }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  std::string endpoint_;
  SshOptions options_;
  std::vector<std::string> args_;
};

}  // namespace
}  // namespace internal

std::shared_ptr<Dialer> make_ssh_dialer(const config::SshAddress& address, SshOptions options) {
  return std::make_shared<internal::SshDialer>(address, std::move(options));
}

std::shared_ptr<Doer> make_ssh_doer(const config::SshAddress& address, SshOptions ssh, TransportOptions options) {
  return make_http_doer(make_ssh_dialer(address, std::move(ssh)), std::move(options));
}

std::vector<std::string> split_ssh_options(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
    std::size_t start = i;
    while (i < value.size() && !std::isspace(static_cast<unsigned char>(value[i]))) ++i;
    if (i > start) out.emplace_back(value.substr(start, i - start));
  }
  return out;
}

}  // namespace docker::transport
