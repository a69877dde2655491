// The ssh transport through a real ssh client and a real sshd (tests/support/
// sshd_peer): the conformance suite with a loopback peer behind sshd (the
// remote `docker system dial-stdio` is tests/support/stdio_relay), children
// reaped, and every way ssh fails named in a TransportError.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#include "docker/transport/ssh.hpp"
#include "support/loopback_conformance.hpp"
#include "support/loopback_server.hpp"
#include "support/sshd_peer.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::HasSubstr;

/// A session whose `docker` is the stdio relay in front of `server`.
SshdSession relay_session(const LoopbackServer& server) {
  return {stdio_relay_bin_dir() + ":/usr/bin:/bin", "unix://" + server.socket_path()};
}

/// Keeps the sshd alive as long as the Doer that goes through it; the
/// transport (and its ssh children) ends first.
class DoerThroughSshd final : public Doer {
 public:
  DoerThroughSshd(std::shared_ptr<SshdPeer> sshd, std::shared_ptr<Doer> inner)
      : sshd_(std::move(sshd)), inner_(std::move(inner)) {}
  Response do_request(Request req) override { return inner_->do_request(std::move(req)); }
  HijackResponse do_raw(Request req) override { return inner_->do_raw(std::move(req)); }

 private:
  std::shared_ptr<SshdPeer> sshd_;
  std::shared_ptr<Doer> inner_;
};

std::vector<TransportCase> ssh_cases() {
  auto through_sshd = [](const LoopbackServer& server, const transport::TransportOptions& options) {
    auto sshd = std::make_shared<SshdPeer>(relay_session(server));
    return std::make_shared<DoerThroughSshd>(sshd, transport::make_ssh_doer(sshd->address(), {}, options));
  };
  auto unavailable = []() -> std::optional<std::string> {
    if (auto why = SshdPeer::unavailable()) return why;
    if (stdio_relay_bin_dir().empty()) return "the stdio relay helper was not built";
    return std::nullopt;
  };
  return {{.name = "ssh", .peer = PeerKind::unix_socket, .make_doer = through_sshd, .unavailable = unavailable}};
}

INSTANTIATE_TEST_SUITE_P(Ssh, TransportConformance, ::testing::ValuesIn(ssh_cases()), transport_case_name);

/// This process's children running `ssh` (zombies included).
std::vector<pid_t> ssh_children() {
  std::vector<pid_t> found;
  const std::string self = std::to_string(::getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, comm, state, ppid;
    if (!(stat >> pid >> comm >> state >> ppid)) continue;
    if (ppid == self && comm == "(ssh)") found.push_back(std::stoi(pid));
  }
  return found;
}

Request ping() {
  Request req;
  req.target = "/_ping";
  req.options.with_timeout(10s);
  return req;
}

void answer_ok(PeerConnection& c) {
  while (c.read_request()) c.respond(200, "OK");
}

/// The TransportError a ping raises ("no error" when it succeeds).
std::string error_of(Doer& doer, Request req = ping()) {
  try {
    doer.do_request(std::move(req)).read_body();
  } catch (const TransportError& e) {
    return e.what();
  }
  return "no error";
}

class TransportSsh : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = SshdPeer::unavailable()) GTEST_SKIP() << *why;
    if (stdio_relay_bin_dir().empty()) GTEST_SKIP() << "the stdio relay helper was not built";
  }
};

TEST_F(TransportSsh, RequestsGoThroughSshAndChildrenAreReaped) {
  LoopbackServer server(PeerKind::unix_socket, answer_ok);
  SshdPeer sshd(relay_session(server));
  auto doer = transport::make_ssh_doer(sshd.address());
  EXPECT_EQ(doer->do_request(ping()).read_body(), "OK");
  EXPECT_EQ(doer->do_request(ping()).read_body(), "OK");
  EXPECT_EQ(server.accepts(), 1);  // one pooled connection, one ssh child
  EXPECT_EQ(ssh_children().size(), 1u);
  doer.reset();
  // Closing the pooled connection terminated and reaped its ssh: no zombie.
  EXPECT_TRUE(ssh_children().empty());
}

TEST_F(TransportSsh, HijackedStreamEndsWithItsChild) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    if (!c.read_request()) return;
    c.send("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
    std::string input;
    c.read_until_eof(input, 5s);
    c.send("got:" + input);
    c.close();
  });
  SshdPeer sshd(relay_session(server));
  auto doer = transport::make_ssh_doer(sshd.address());
  Request attach;
  attach.method = "POST";
  attach.target = "/containers/x/attach";
  attach.headers.add("Connection", "Upgrade");
  attach.headers.add("Upgrade", "tcp");
  auto hijacked = doer->do_raw(std::move(attach));
  ASSERT_TRUE(hijacked.stream);
  hijacked.stream->write(std::string_view("abc"));
  hijacked.stream->close_write();
  EXPECT_EQ(hijacked.stream->read_all(), "got:abc");
  hijacked.stream.reset();
  EXPECT_TRUE(ssh_children().empty());
}

TEST_F(TransportSsh, RefusedKeyNamesSshsMessageAndStatus) {
  LoopbackServer server(PeerKind::unix_socket, answer_ok);
  SshdPeer sshd(relay_session(server));
  auto address = sshd.address();
  address.extra_args = {"-F", sshd.wrong_key_config()};
  auto doer = transport::make_ssh_doer(address);
  EXPECT_THAT(error_of(*doer), AllOf(HasSubstr(sshd.url()), HasSubstr("ssh exited with status 255"),
                                     HasSubstr("Permission denied (publickey)")));
  EXPECT_EQ(server.accepts(), 0);
  doer.reset();
  EXPECT_TRUE(ssh_children().empty());
}

TEST_F(TransportSsh, ClosedPortNamesTheRefusal) {
  LoopbackServer server(PeerKind::unix_socket, answer_ok);
  SshdPeer sshd(relay_session(server));
  // A port nobody listens on: bound, never listening.
  int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  auto ssh = sshd.address();
  ssh.port = ntohs(address.sin_port);
  auto doer = transport::make_ssh_doer(ssh);
  EXPECT_THAT(error_of(*doer), AllOf(HasSubstr("ssh exited with status 255"), HasSubstr("Connection refused")));
  ::close(holder);
}

TEST_F(TransportSsh, MissingRemoteDockerNamesTheShellsMessage) {
  TempDir empty;
  LoopbackServer server(PeerKind::unix_socket, answer_ok);
  SshdPeer sshd({empty.path().string(), "unix://" + server.socket_path()});
  auto doer = transport::make_ssh_doer(sshd.address());
  EXPECT_THAT(error_of(*doer),
              AllOf(HasSubstr("ssh exited with status 127"), HasSubstr("docker"), HasSubstr("not found")));
}

TEST_F(TransportSsh, MissingSshProgramIsATransportError) {
  config::SshAddress address;
  address.host = "127.0.0.1";
  transport::SshOptions options;
  options.ssh_program = "/nonexistent/ssh";
  auto doer = transport::make_ssh_doer(address, options);
  EXPECT_THAT(error_of(*doer), AllOf(HasSubstr("cannot start /nonexistent/ssh"), HasSubstr("No such file")));
}

TEST_F(TransportSsh, KilledChildEndsAStreamWithATypedError) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
    c.hang();
  });
  SshdPeer sshd(relay_session(server));
  auto doer = transport::make_ssh_doer(sshd.address());
  Request events = ping();
  events.target = "/events";
  events.streaming = true;
  auto response = doer->do_request(std::move(events));
  char buf[64];
  ASSERT_EQ(std::string(buf, response.body->read_some(buf)), "first");
  auto children = ssh_children();
  ASSERT_EQ(children.size(), 1u);
  ::kill(children[0], SIGKILL);
  try {
    response.body->read_some(buf);
    FAIL() << "the stream went on without its ssh";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr("ssh was killed by signal 9"));
  }
  response.body.reset();
  doer.reset();
  EXPECT_TRUE(ssh_children().empty());
}

TEST_F(TransportSsh, DeadlineAndCancelWhileSshWaitsForTheServer) {
  // Accepts TCP connections (the backlog does) but never says a word: ssh
  // waits for the server's banner.
  int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(silent, 8), 0);
  ASSERT_EQ(::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length), 0);
  config::SshAddress ssh;
  ssh.host = "127.0.0.1";
  ssh.port = ntohs(address.sin_port);
  ssh.extra_args = {"-F", "/dev/null"};
  auto doer = transport::make_ssh_doer(ssh);

  Request timed = ping();
  timed.options.with_timeout(300ms);
  EXPECT_THROW(doer->do_request(std::move(timed)), Timeout);

  CancellationSource source;
  Request cancelled = ping();
  cancelled.options = {};
  cancelled.options.with_cancel(source.token());
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  EXPECT_THROW(doer->do_request(std::move(cancelled)), Cancelled);
  canceller.join();
  doer.reset();
  EXPECT_TRUE(ssh_children().empty());
  ::close(silent);
}

TEST_F(TransportSsh, ConnectReadsDockerHostAndTheSshOptionsVariable) {
  LoopbackServer server(PeerKind::unix_socket, answer_ok);
  SshdPeer sshd(relay_session(server));
  ConnectOptions options;
  options.env = config::fixed_environment({{"DOCKER_HOST", sshd.url()},
                                           {"DOCKER_CPP_SSH_OPTS", "  -F\t" + sshd.client_config() + " "},
                                           {"HOME", "/nonexistent"}});
  auto endpoint = resolve_endpoint(options);
  EXPECT_EQ(endpoint.url(), sshd.url());
  auto doer = make_doer(endpoint);
  EXPECT_EQ(doer->do_request(ping()).read_body(), "OK");
}

TEST(SshOptions, SplitAtWhitespace) {
  EXPECT_THAT(transport::split_ssh_options(" -i /k  -o\tBatchMode=no\n"),
              ::testing::ElementsAre("-i", "/k", "-o", "BatchMode=no"));
  EXPECT_TRUE(transport::split_ssh_options("   ").empty());
}

}  // namespace
}  // namespace docker::testing
