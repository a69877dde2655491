// Daemon faults (issue 17, item 5) against a real dockerd: a second, private
// containerd + dockerd this file starts under a temp dir (its own data root,
// exec root, pid file and unix socket), so the shared daemon is never stopped
// or killed. Scenarios: SIGSTOP during a buffered call, SIGKILL during a
// followed log stream, dockerd restarted under the same client with a create
// in flight. Afterwards the first daemon (DOCKER_HOST) must still give a
// container on its default bridge working networking.
//
// Why the private daemon runs in its own network namespace: dockerd started
// with --bridge=none deletes an existing interface named docker0 at start-up
// (libnetwork's removeDefaultBridgeInterface). In the host's namespace that is
// the first daemon's bridge. In a namespace of its own there is nothing to
// delete, and --iptables=false --ip-forward=false --ip-masq=false keep it off
// the host's firewall and sysctls as well (those are per namespace too).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/transport/transports.hpp"
#include "docker/v1_55.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
namespace fs = std::filesystem;

milliseconds since(Clock::time_point start) { return std::chrono::duration_cast<milliseconds>(Clock::now() - start); }

std::string capture(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

bool on_path(const std::string& program) {
  return capture("command -v " + program + " 2>/dev/null").find(program) != std::string::npos;
}

/// The type of a docker::Error (for the printed results).
std::string error_type(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  }
#define DOCKER_CPP_CLASSIFY(Type) \
  catch (const Type&) {           \
    return #Type;                 \
  }
  DOCKER_CPP_CLASSIFY(Timeout)
  DOCKER_CPP_CLASSIFY(Cancelled)
  DOCKER_CPP_CLASSIFY(ProtocolError)
  DOCKER_CPP_CLASSIFY(StreamError)
  DOCKER_CPP_CLASSIFY(TransportError)
  DOCKER_CPP_CLASSIFY(DecodeError)
  DOCKER_CPP_CLASSIFY(NotFound)
  DOCKER_CPP_CLASSIFY(ApiError)
  DOCKER_CPP_CLASSIFY(Error)
#undef DOCKER_CPP_CLASSIFY
  catch (const std::exception& e) {
    return std::string("untyped: ") + e.what();
  }
}

// --- processes ---------------------------------------------------------------------

/// A process this test started. Dropping it kills (SIGKILL) and reaps it, so
/// no path out of a test leaves it running; PR_SET_PDEATHSIG covers a crash.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log, bool own_network_namespace) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {  // only async-signal-safe calls from here on
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(125);
      if (own_network_namespace && ::unshare(CLONE_NEWNET) != 0) ::_exit(126);
      int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      int in = ::open("/dev/null", O_RDONLY);
      if (out < 0 || in < 0) ::_exit(124);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(out, 2);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
  }
  ~Child() { stop(0ms); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  bool running() {
    if (reaped_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      status_ = status;
    }
    return !reaped_;
  }
  int exit_status() const { return status_; }
  void signal(int sig) {
    if (running()) ::kill(pid_, sig);
  }
  /// SIGSTOP, returning once the whole process is stopped (kill() only
  /// queues the signal: a fast daemon could still answer the next call).
  void pause() {
    if (!running()) return;
    ::kill(pid_, SIGSTOP);
    int status = 0;
    while (::waitpid(pid_, &status, WUNTRACED) == pid_) {
      if (WIFSTOPPED(status)) return;
      reaped_ = true;  // exited instead
      status_ = status;
      return;
    }
  }
  /// SIGTERM, up to `grace` to exit, then SIGKILL; always reaped.
  void stop(milliseconds grace) {
    if (!running()) return;
    if (grace > 0ms) {
      ::kill(pid_, SIGCONT);  // a stopped process cannot act on SIGTERM
      ::kill(pid_, SIGTERM);
      for (auto start = Clock::now(); since(start) < grace && running();) std::this_thread::sleep_for(20ms);
      if (!running()) return;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    status_ = status;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// --- the private daemon ----------------------------------------------------------------

/// Counts connections: "a fresh connection" is a dial.
class CountingDialer final : public transport::Dialer {
 public:
  explicit CountingDialer(std::shared_ptr<transport::Dialer> inner) : inner_(std::move(inner)) {}
  std::unique_ptr<transport::Channel> dial(const transport::IoCall& call, const CancellationToken& cancel) override {
    ++dials;
    return inner_->dial(call, cancel);
  }
  const std::string& endpoint() const override { return inner_->endpoint(); }
  std::atomic<int> dials{0};

 private:
  std::shared_ptr<transport::Dialer> inner_;
};

class PrivateDaemon {
 public:
  /// Why a private daemon cannot run here, if it cannot.
  static std::optional<std::string> unavailable() {
    if (::geteuid() != 0) return "needs root to run a second dockerd";
    for (const char* p : {"dockerd", "containerd", "runc"})
      if (!on_path(p)) return std::string(p) + " is not installed";
    // Try the namespace once: without it the second daemon would touch the host's network.
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(::unshare(CLONE_NEWNET) == 0 ? 0 : 1);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "cannot create a network namespace (unshare)";
    return std::nullopt;
  }

  PrivateDaemon() {
    // Short: unix socket paths are limited to 107 bytes.
    char tmpl[] = "/tmp/dcf-XXXXXX";
    if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    std::ofstream(dir_ + "/daemon.json") << "{}\n";  // not the host's /etc/docker/daemon.json
    containerd_ =
        std::make_unique<Child>(std::vector<std::string>{"containerd", "--root", dir_ + "/ctd-root", "--state",
                                                         dir_ + "/ctd-state", "--address", containerd_socket()},
                                dir_ + "/containerd.log", true);
    for (auto start = Clock::now(); since(start) < 20s && !fs::exists(containerd_socket());)
      std::this_thread::sleep_for(50ms);
    if (!fs::exists(containerd_socket()))
      throw std::runtime_error("containerd did not start: " + log("containerd.log"));
    start_dockerd();
  }
  ~PrivateDaemon() { stop(); }

  const std::string& dir() const { return dir_; }
  std::string socket() const { return dir_ + "/docker.sock"; }
  std::string containerd_socket() const { return dir_ + "/ctd.sock"; }
  std::string log(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name);
    std::stringstream s;
    s << in.rdbuf();
    auto text = s.str();
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
  }

  void start_dockerd() {
    dockerd_ = std::make_unique<Child>(
        std::vector<std::string>{"dockerd", "--config-file", dir_ + "/daemon.json", "--data-root", dir_ + "/data",
                                 "--exec-root", dir_ + "/exec", "--pidfile", dir_ + "/dockerd.pid", "-H",
                                 "unix://" + socket(), "--containerd", containerd_socket(), "--bridge=none",
                                 "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false",
                                 "--userland-proxy=false"},
        dir_ + "/dockerd.log", true);
    auto doer = transport::make_unix_doer(socket());
    Client probe(doer, ApiVersion{1, 55});
    for (auto start = Clock::now(); since(start) < 60s; std::this_thread::sleep_for(100ms)) {
      if (!dockerd_->running()) break;
      try {
        CallOptions o;
        o.with_timeout(2s);
        probe.ping(o);
        return;
      } catch (const Error&) {
        // not up yet
      }
    }
    throw std::runtime_error("private dockerd did not come up: " + log("dockerd.log"));
  }
  Child& dockerd() { return *dockerd_; }
  /// SIGKILL, reaped.
  void kill_dockerd() { dockerd_->stop(0ms); }

  /// A client over a dialer that counts connections.
  std::pair<std::shared_ptr<Client>, std::shared_ptr<CountingDialer>> connect() {
    auto dialer = std::make_shared<CountingDialer>(transport::make_unix_dialer(socket()));
    return {std::make_shared<Client>(transport::make_http_doer(dialer), ApiVersion{1, 55}), dialer};
  }

  /// Stops everything it started and removes its files (idempotent).
  void stop() {
    if (dir_.empty()) return;
    if (dockerd_ && dockerd_->running()) {
      // Remove containers while dockerd can, so that no shim or container outlives it.
      try {
        auto [client, dialer] = connect();
        CallOptions o;
        o.with_timeout(30s);
        v1_55::ContainerApi api(*client);
        for (const auto& c : api.container_list({.all = true}, o))
          api.container_delete({.id = c.Id.value(), .force = true}, o);
      } catch (const Error&) {
        // stopped or killed by a failing test: SIGTERM below still cleans up
      }
      dockerd_->stop(20s);
    }
    if (containerd_) containerd_->stop(10s);
    for (pid_t pid : leftovers()) ::kill(pid, SIGKILL);
    // Mounts a killed dockerd left behind (overlay, netns bind mounts), deepest first.
    std::vector<std::string> mounts;
    std::ifstream info("/proc/self/mountinfo");
    for (std::string line; std::getline(info, line);) {
      std::istringstream fields(line);
      std::string id, parent, dev, root, point;
      fields >> id >> parent >> dev >> root >> point;
      if (point.starts_with(dir_ + "/")) mounts.push_back(point);
    }
    std::sort(mounts.rbegin(), mounts.rend());
    for (const auto& m : mounts) ::umount2(m.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }

  /// Processes whose command line names this daemon's directory (shims included).
  std::vector<pid_t> leftovers() const {
    std::vector<pid_t> found;
    if (dir_.empty()) return found;
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const auto name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream in(entry.path() / "cmdline");
      std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (cmdline.find(dir_) != std::string::npos) found.push_back(std::stoi(name));
    }
    return found;
  }

 private:
  std::string dir_;
  std::unique_ptr<Child> containerd_;
  std::unique_ptr<Child> dockerd_;
};

/// Resumes a SIGSTOPped daemon on every path out of a scope.
struct Resume {
  Child& child;
  ~Resume() { child.signal(SIGCONT); }
};

// --- the host's network, before and after --------------------------------------------

struct HostNetwork {
  std::string docker0;                  // `ip -o -4 addr show docker0`
  std::set<std::string> docker0_rules;  // iptables rules (filter and nat) naming docker0 or 172.17.
  std::string ip_forward;
};

HostNetwork host_network() {
  HostNetwork h;
  h.docker0 = capture("ip -o -4 addr show docker0 2>&1");
  std::istringstream rules(capture("iptables -S 2>/dev/null; iptables -t nat -S 2>/dev/null"));
  for (std::string line; std::getline(rules, line);)
    if (line.find("docker0") != std::string::npos || line.find("172.17.") != std::string::npos)
      h.docker0_rules.insert(line);
  h.ip_forward = capture("cat /proc/sys/net/ipv4/ip_forward");
  return h;
}

// --- results, printed at the end ---------------------------------------------------------

struct Result {
  std::string scenario, error;
  long ms;
};
std::vector<Result> results;

class DaemonFaults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    skip_reason_ = PrivateDaemon::unavailable();
    if (skip_reason_) return;
    before_ = host_network();
    try {
      daemon_ = std::make_unique<PrivateDaemon>();
      seed();
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    daemon_.reset();
    if (results.empty()) return;
    std::printf(
        "\nDaemon faults (tests/integration/daemon_faults_test.cpp)\n\n| scenario | error | ms |\n|---|---|---|\n");
    for (const auto& r : results) std::printf("| %s | %s | %ld |\n", r.scenario.c_str(), r.error.c_str(), r.ms);
    std::fflush(stdout);
  }
  void SetUp() override {
    if (skip_reason_) GTEST_SKIP() << *skip_reason_;
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
    ASSERT_TRUE(daemon_) << "the private daemon was already stopped";
    if (!daemon_->dockerd().running()) daemon_->start_dockerd();  // a scenario before killed it
  }

  /// busybox:latest copied from the first daemon through our client (save → load).
  static void seed() {
    auto [client, dialer] = daemon_->connect();
    v1_55::Docker mine(client);
    try {
      mine.images().inspect(std::string(kBusybox));
      return;
    } catch (const NotFound&) {
    }
    if (!std::getenv("DOCKER_HOST")) throw std::runtime_error("no DOCKER_HOST to copy busybox from");
    v1_55::Docker first{std::shared_ptr<Client>(client_from_env())};
    std::shared_ptr<ByteReader> tar = first.images().save({std::string(kBusybox)});
    mine.images().load(StreamBody{tar, std::nullopt});
  }

  static v1_55::Container busybox(const std::shared_ptr<Client>& client, std::vector<std::string> cmd) {
    sdk::ContainerOptions o;
    o.image = std::string(kBusybox);
    o.cmd = std::move(cmd);
    o.name = unique_name("faults");
    o.labels[std::string(kTestLabel)] = "faults";
    o.network_mode = "none";
    return v1_55::Docker(client).create(o);
  }

  static inline std::optional<std::string> skip_reason_;
  static inline std::string setup_error_;
  static inline std::unique_ptr<PrivateDaemon> daemon_;
  static inline HostNetwork before_;
};

TEST_F(DaemonFaults, SigstopDuringABufferedCallIsATimeoutAtTheDeadline) {
  auto [client, dialer] = daemon_->connect();
  v1_55::ContainerApi containers(*client);
  v1_55::SystemApi system(*client);
  CallOptions roomy;
  roomy.with_timeout(10s);
  containers.container_list({}, roomy);  // negotiated, one idle pooled connection

  {
    Resume resume{daemon_->dockerd()};
    daemon_->dockerd().pause();
    for (auto [what, deadline] : {std::pair{"SIGSTOP: container_list, pooled connection, deadline 1.5 s", 1500ms},
                                  std::pair{"SIGSTOP: container_list, second call, deadline 1 s", 1000ms}}) {
      CallOptions o;
      o.with_timeout(deadline);
      auto start = Clock::now();
      std::string got = "ok";
      try {
        containers.container_list({.all = true}, o);
      } catch (...) {
        got = error_type(std::current_exception());
      }
      auto elapsed = since(start);
      results.push_back({what, got, elapsed.count()});
      EXPECT_EQ(got, "Timeout");
      EXPECT_GE(elapsed, deadline - 50ms);
      EXPECT_LT(elapsed, deadline + 1s);
    }
  }  // SIGCONT
  // The late answers to the timed-out requests must not be read as this
  // call's: a version body read as a list (or the reverse) fails to decode.
  auto start = Clock::now();
  auto version = system.system_version({}, roomy);
  results.push_back({"SIGCONT: system_version on the same client", "ok", since(start).count()});
  EXPECT_TRUE(version.ApiVersion.has_value());
  EXPECT_NO_THROW(containers.container_list({}, roomy));
}

TEST_F(DaemonFaults, SigkillDuringAFollowedLogStreamIsATypedErrorNotAHang) {
  auto [client, dialer] = daemon_->connect();
  auto c = busybox(client, {"sh", "-c", "while :; do echo tick; sleep 0.2; done"});
  c.start();
  CancellationSource watchdog;  // ends the read only if the client hung
  CallOptions with_cancel;
  with_cancel.with_cancel(watchdog.token());
  auto logs = c.with(with_cancel).logs({.follow = true});
  auto first = std::async(std::launch::async, [&] { return logs.next(); });
  ASSERT_EQ(first.wait_for(20s), std::future_status::ready) << "no log line came";
  auto chunk = first.get();
  ASSERT_TRUE(chunk);
  EXPECT_NE(chunk->data.find("tick"), std::string::npos);

  daemon_->kill_dockerd();  // SIGKILL, while the stream is open
  auto start = Clock::now();
  auto rest = std::async(std::launch::async, [&]() -> std::string {
    try {
      while (logs.next()) {
      }
      return "ended without an error";
    } catch (...) {
      return error_type(std::current_exception());
    }
  });
  if (rest.wait_for(10s) != std::future_status::ready) {
    watchdog.cancel();
    rest.wait();
    FAIL() << "the followed log stream hung after dockerd was killed";
  }
  auto got = rest.get();
  results.push_back({"SIGKILL during a followed log stream (layer logs, follow)", got, since(start).count()});
  EXPECT_TRUE(got == "ProtocolError" || got == "TransportError") << got;
  EXPECT_LT(since(start), 5s);
}

TEST_F(DaemonFaults, RestartedDaemonSameClientFreshConnectionAndNoReplayedCreate) {
  auto [client, dialer] = daemon_->connect();
  v1_55::ContainerApi containers(*client);
  CallOptions roomy;
  roomy.with_timeout(30s);
  const std::string label = std::string(kTestLabel) + "=restart-" + std::to_string(::getpid());
  auto ours = [&] {
    v1_55::ContainerListParams p{.all = true};
    p.filters = std::map<std::string, std::vector<std::string>>{{"label", {label}}};
    return containers.container_list(p, roomy).size();
  };
  EXPECT_EQ(ours(), 0u);

  // 1. Restarted while the client holds an idle pooled connection.
  int dials = dialer->dials.load();
  daemon_->dockerd().stop(20s);
  daemon_->start_dockerd();
  auto start = Clock::now();
  std::string got = "ok";
  try {
    containers.container_list({}, roomy);
  } catch (...) {
    got = error_type(std::current_exception());
  }
  results.push_back({"dockerd restarted: next container_list, same client", got, since(start).count()});
  EXPECT_EQ(got, "ok");
  EXPECT_GT(dialer->dials.load(), dials) << "not on a fresh connection";

  // 2. Killed with a create in flight: the request sits unread in a stopped
  // daemon's socket, then the daemon dies.
  const std::string name = unique_name("faults-once");
  std::future<std::string> create;
  {
    Resume resume{daemon_->dockerd()};
    daemon_->dockerd().pause();
    create = std::async(std::launch::async, [&, name]() -> std::string {
      v1_55::ContainerCreateParams p{.body = decode<v1_55::ContainerCreateRequest>(
                                         R"({"Image":"busybox:latest","Cmd":["true"],"Labels":{")" +
                                         std::string(kTestLabel) + R"(":"restart-)" + std::to_string(::getpid()) +
                                         R"("},"HostConfig":{"NetworkMode":"none"}})")};
      p.name = name;
      try {
        containers.container_create(p, roomy);
        return "ok";
      } catch (...) {
        return error_type(std::current_exception());
      }
    });
    // Not needed for the outcome (if the request was not written yet, the
    // write fails instead); it lets the request reach the socket first.
    std::this_thread::sleep_for(300ms);
    start = Clock::now();
    daemon_->kill_dockerd();
  }
  ASSERT_EQ(create.wait_for(10s), std::future_status::ready) << "the create hung after dockerd was killed";
  got = create.get();
  results.push_back({"SIGKILL with a container_create in flight", got, since(start).count()});
  EXPECT_EQ(got, "TransportError");

  daemon_->start_dockerd();
  dials = dialer->dials.load();
  start = Clock::now();
  std::size_t count = 99;
  got = "ok";
  try {
    count = ours();
  } catch (...) {
    got = error_type(std::current_exception());
  }
  results.push_back(
      {"dockerd restarted: container_list, same client (create not replayed)", got, since(start).count()});
  EXPECT_EQ(got, "ok");
  EXPECT_EQ(count, 0u) << "the create that was in flight was replayed";
  EXPECT_GT(dialer->dials.load(), dials) << "not on a fresh connection";
  EXPECT_THROW(containers.container_inspect({.id = name}, roomy), NotFound);
}

// Last: stop the private daemon and check that the host and the first daemon
// did not notice it.
TEST_F(DaemonFaults, AfterwardsTheFirstDaemonStillGivesContainersNetworking) {
  const std::string dir = daemon_->dir();
  daemon_->stop();
  auto left = daemon_->leftovers();
  daemon_.reset();
  EXPECT_TRUE(left.empty()) << left.size() << " processes of the private daemon are still running";
  EXPECT_FALSE(fs::exists(dir)) << dir;

  auto after = host_network();
  EXPECT_EQ(after.docker0, before_.docker0) << "docker0 changed";
  EXPECT_EQ(after.ip_forward, before_.ip_forward);
  for (const auto& rule : before_.docker0_rules)
    EXPECT_TRUE(after.docker0_rules.contains(rule)) << "iptables rule gone: " << rule;

  if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set: the first daemon's networking is not checked";
  if (before_.docker0.find("inet ") == std::string::npos)
    GTEST_SKIP() << "the first daemon has no docker0 bridge here: " << before_.docker0;
  v1_55::Docker first{std::shared_ptr<Client>(client_from_env())};
  sdk::ContainerOptions o;
  o.image = std::string(kBusybox);
  // On the default bridge: an address on eth0, and the gateway answers.
  o.cmd = {"sh", "-c", "ip -4 addr show eth0 && ping -c 1 -W 5 $(ip route | awk '/default/ {print $3}')"};
  o.name = unique_name("faults-net");
  o.labels[std::string(kTestLabel)] = "faults";
  auto c = first.create(o);
  auto pending = c.begin_wait(sdk::WaitCondition::next_exit);
  c.start();
  auto exited = pending.result();
  auto out = c.logs().read_all();
  c.remove({.force = true});
  EXPECT_EQ(exited.exit_code, 0) << out.out << out.err;
  EXPECT_NE(out.out.find("inet "), std::string::npos) << out.out << out.err;
  EXPECT_NE(out.out.find("1 packets received"), std::string::npos) << out.out << out.err;
}

}  // namespace
}  // namespace docker::testing
