// A stand-in for `docker system dial-stdio` on the PATH of a test sshd's
// sessions: connects to the unix socket named by DOCKER_HOST (unix://path)
// and relays stdin → socket and socket → stdout, half-closing each way at end
// of input, the way dial-stdio does. Lets the ssh transport reach a loopback
// peer through a real ssh and sshd. Exits 2 on misuse, 1 when it cannot connect.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

bool write_all(int fd, const char* data, std::size_t size, bool is_socket) {
  while (size > 0) {
    ssize_t n = is_socket ? ::send(fd, data, size, MSG_NOSIGNAL) : ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::string_view(argv[1]) != "system" || std::string_view(argv[2]) != "dial-stdio") {
    std::fprintf(stderr, "stdio_relay: expected `docker system dial-stdio`\n");
    return 2;
  }
  const char* host = std::getenv("DOCKER_HOST");
  constexpr std::string_view kUnix = "unix://";
  if (host == nullptr || !std::string_view(host).starts_with(kUnix)) {
    std::fprintf(stderr, "stdio_relay: DOCKER_HOST must be unix://path\n");
    return 2;
  }
  std::string path(host + kUnix.size());
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) return 2;
  std::memcpy(address.sun_path, path.data(), path.size());
  int peer = ::socket(AF_UNIX, SOCK_STREAM, 0);
  if (peer < 0 || ::connect(peer, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::fprintf(stderr, "stdio_relay: cannot connect to %s: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }

  // One thread, poll on both directions; a direction ends at its EOF.
  bool stdin_open = true, peer_open = true;
  char buf[65536];
  while (peer_open) {
    pollfd fds[2] = {{stdin_open ? STDIN_FILENO : -1, POLLIN, 0}, {peer, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    if (stdin_open && fds[0].revents != 0) {
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n > 0) {
        if (!write_all(peer, buf, static_cast<std::size_t>(n), true)) return 1;
      } else if (n == 0 || errno != EINTR) {
        stdin_open = false;
        ::shutdown(peer, SHUT_WR);
      }
    }
    if (fds[1].revents != 0) {
      ssize_t n = ::recv(peer, buf, sizeof buf, 0);
      if (n > 0) {
        if (!write_all(STDOUT_FILENO, buf, static_cast<std::size_t>(n), false)) return 1;
      } else if (n == 0 || errno != EINTR) {
        // The peer is done: like dial-stdio, end without waiting for stdin.
        peer_open = false;
      }
    }
  }
  ::close(STDOUT_FILENO);
  return 0;
}
