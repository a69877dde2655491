#include "support/registry_peer.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "docker/auth/credential_helper.hpp"
#include "docker/config/environment.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

std::optional<std::string> find_program(std::string_view name) {
  auto found = auth::find_in_path(name, config::process_environment());
  if (!found) return std::nullopt;
  return found->string();
}

/// A port nobody listens on right now (the registry may still lose a race
/// for it; the caller retries with another one).
int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  if (port == 0) throw std::runtime_error("no free loopback port");
  return port;
}

/// The status code of `GET /v2/` on 127.0.0.1:port, or 0 when nothing answers.
int probe_status(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  timeval timeout{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int status = 0;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::string request = "GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      char head[64] = {};
      ssize_t n = ::recv(fd, head, sizeof head - 1, 0);
      // "HTTP/1.1 401 Unauthorized"
      if (n > 12 && std::string_view(head, 5) == "HTTP/") status = std::atoi(head + 9);
    }
  }
  ::close(fd);
  return status;
}

}  // namespace

std::optional<std::string> RegistryPeer::unavailable_reason() {
  if (!find_program("docker-registry")) return "docker-registry is not installed (Debian package docker-registry)";
  if (!find_program("htpasswd")) return "htpasswd is not installed (Debian package apache2-utils)";
  return std::nullopt;
}

RegistryPeer::RegistryPeer(std::string username, std::string password)
    : username_(std::move(username)), password_(std::move(password)) {
  if (auto reason = unavailable_reason()) throw std::runtime_error(*reason);
  // The registry only accepts bcrypt entries.
  auto htpasswd = auth::process_runner(10s)(*find_program("htpasswd"), {"-Bbn", username_, password_}, "");
  if (htpasswd.exit_code != 0) throw std::runtime_error("htpasswd failed: " + htpasswd.err);
  dir_.write("htpasswd", htpasswd.out);
  std::filesystem::create_directories(dir_ / "storage");

  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start_on(free_loopback_port())) return;
  }
  throw std::runtime_error("docker-registry did not start; its log:\n" + log());
}

RegistryPeer::~RegistryPeer() { stop(); }

std::string RegistryPeer::address() const { return "127.0.0.1:" + std::to_string(port_); }

std::string RegistryPeer::log() const {
  std::ifstream in(dir_ / "registry.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool RegistryPeer::start_on(int port) {
  std::ostringstream config;
  config << "version: 0.1\n"
         << "log:\n  level: info\n"
         << "storage:\n  filesystem:\n    rootdirectory: " << (dir_ / "storage").string() << "\n"
         << "  delete:\n    enabled: true\n"
         << "http:\n  addr: 127.0.0.1:" << port << "\n  secret: docker-cpp-test-secret\n"
         << "auth:\n  htpasswd:\n    realm: docker-cpp-test\n    path: " << (dir_ / "htpasswd").string() << "\n";
  auto config_path = dir_.write("config.yml", config.str());

  // Everything the child needs is prepared before fork (only exec-safe calls after).
  std::string program = *find_program("docker-registry");
  std::string serve = "serve";
  std::string config_arg = config_path.string();
  std::string log_path = (dir_ / "registry.log").string();
  char* argv[] = {program.data(), serve.data(), config_arg.data(), nullptr};
  pid_t parent = ::getpid();

  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Never outlive the test process, even when it crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (log_fd < 0 || null_fd < 0) ::_exit(127);
    ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    ::execv(program.c_str(), argv);
    ::_exit(127);
  }
  pid_ = pid;
  port_ = port;

  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: port taken or bad config
      pid_ = -1;
      return false;
    }
    // Readiness polling: the registry gives no other signal that it listens.
    if (probe_status(port_) == 401) return true;
    std::this_thread::sleep_for(50ms);
  }
  stop();
  return false;
}

void RegistryPeer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + 5s;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  pid_ = -1;
}

}  // namespace docker::testing
