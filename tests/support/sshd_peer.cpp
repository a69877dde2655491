#include "support/sshd_peer.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace docker::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr const char* kSsh = "/usr/bin/ssh";
constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Runs a program (no shell), output to /dev/null; throws when it fails.
void run(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (rc != 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("sshd peer: " + args[0] + " failed");
}

/// Keys made once per process: the server's host key, the client's key, and
/// a key the server does not know.
struct Keys {
  TempDir dir;
  fs::path host_key, client_key, stranger_key;
  Keys() : host_key(dir / "host_key"), client_key(dir / "client_key"), stranger_key(dir / "stranger_key") {
    for (const auto& key : {host_key, client_key, stranger_key})
      run({kSshKeygen, "-q", "-t", "ed25519", "-N", "", "-C", "docker-cpp-test", "-f", key.string()});
  }
};

const Keys& keys() {
  static const Keys made;
  return made;
}

std::uint16_t free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error("sshd peer: no free port");
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string current_user() {
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  throw std::runtime_error("sshd peer: no user name for this uid");
}

std::string client_config_text(const fs::path& identity, const fs::path& known_hosts) {
  return "Host *\n"
         "  IdentityFile " +
         identity.string() +
         "\n"
         "  IdentitiesOnly yes\n"
         "  IdentityAgent none\n"
         "  UserKnownHostsFile " +
         known_hosts.string() +
         "\n"
         "  GlobalKnownHostsFile /dev/null\n"
         "  StrictHostKeyChecking yes\n"
         "  BatchMode yes\n"
         "  ControlMaster no\n"
         "  ControlPath none\n"
         "  LogLevel ERROR\n";
}

}  // namespace

std::optional<std::string> SshdPeer::unavailable() {
  for (const char* program : {kSshd, kSsh, kSshKeygen})
    if (::access(program, X_OK) != 0)
      return std::string(program) + " is not installed (Debian: openssh-server, openssh-client)";
  return std::nullopt;
}

SshdPeer::SshdPeer(SshdSession session) : user_(current_user()) {
  const Keys& k = keys();
  // sshd refuses to start without its privilege separation directory, which
  // the package's service unit would otherwise create.
  std::error_code ignored;
  fs::create_directories("/run/sshd", ignored);

  dir_.write("authorized_keys", read_file(k.client_key.string() + ".pub"));
  ::chmod((dir_ / "authorized_keys").c_str(), 0600);
  fs::path log_file = dir_ / "sshd.log";

  for (int attempt = 0;; ++attempt) {
    port_ = free_loopback_port();
    std::string env = "PATH=" + session.path;
    if (!session.docker_host.empty()) env += " DOCKER_HOST=" + session.docker_host;
    // bash sources ~/.bashrc for a command sshd runs unless it is nested;
    // SHLVL=1 makes it so, and the session's PATH stays exactly `path`.
    env += " SHLVL=1";
    auto config = dir_.write("sshd_config", "ListenAddress 127.0.0.1:" + std::to_string(port_) +
                                                "\n"
                                                "HostKey " +
                                                k.host_key.string() +
                                                "\n"
                                                "AuthorizedKeysFile " +
                                                (dir_ / "authorized_keys").string() +
                                                "\n"
                                                "AuthenticationMethods publickey\n"
                                                "PasswordAuthentication no\n"
                                                "KbdInteractiveAuthentication no\n"
                                                "PermitRootLogin prohibit-password\n"
                                                "StrictModes no\n"
                                                "UsePAM no\n"
                                                "PidFile none\n"
                                                "AllowAgentForwarding no\n"
                                                "AllowTcpForwarding no\n"
                                                "X11Forwarding no\n"
                                                "PrintMotd no\n"
                                                "SetEnv " +
                                                env + "\n");
    std::vector<std::string> args = {kSshd, "-D", "-e", "-f", config.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    int rc = ::posix_spawn(&pid_, kSshd, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("sshd peer: cannot start sshd");

    // Ready when it says so in its log (bounded; sshd starts in milliseconds).
    bool listening = false, exited = false;
    for (int i = 0; i < 500 && !listening && !exited; ++i) {
      listening = log().find("Server listening on") != std::string::npos;
      exited = !listening && ::waitpid(pid_, nullptr, WNOHANG) == pid_;
      if (!listening && !exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (listening) break;
    std::string why = log();
    if (!exited) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    // Another process may have taken the port between probe and bind.
    if (attempt < 2 && why.find("Address already in use") != std::string::npos) continue;
    throw std::runtime_error("sshd peer: sshd did not start: " + why);
  }

  auto known_hosts =
      dir_.write("known_hosts", "[127.0.0.1]:" + std::to_string(port_) + " " + read_file(k.host_key.string() + ".pub"));
  client_config_ = dir_.write("ssh_config", client_config_text(k.client_key, known_hosts)).string();
  wrong_key_config_ = dir_.write("ssh_config_wrong_key", client_config_text(k.stranger_key, known_hosts)).string();
}

SshdPeer::~SshdPeer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string SshdPeer::url() const { return "ssh://" + user_ + "@127.0.0.1:" + std::to_string(port_); }

config::SshAddress SshdPeer::address() const {
  config::SshAddress address;
  address.user = user_;
  address.host = "127.0.0.1";
  address.port = port_;
  address.extra_args = ssh_args();
  return address;
}

std::string SshdPeer::log() const { return read_file(dir_ / "sshd.log"); }

std::string stdio_relay_bin_dir() {
#ifdef DOCKER_CPP_STDIO_RELAY
  static const TempDir dir;
  static const bool linked = [] {
    std::error_code ec;
    fs::create_symlink(DOCKER_CPP_STDIO_RELAY, dir / "docker", ec);
    return !ec;
  }();
  return linked ? dir.path().string() : std::string();
#else
  return {};
#endif
}

}  // namespace docker::testing
