#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "docker/config/endpoint.hpp"
#include "docker/errors.hpp"

namespace docker::config {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view value, std::string_view source = "DOCKER_HOST") {
  try {
    parse_host(value, source);
  } catch (const ConfigError& e) {
    return e.message();
  }
  return "no error";
}

TEST(ParseHost, EmptyMeansTheDefaultSocketOrTheTlsDefault) {
  EXPECT_EQ(parse_host("", "DOCKER_HOST").url(), "unix:///var/run/docker.sock");
  EXPECT_EQ(parse_host("  ", "DOCKER_HOST", true).url(), "tcp://localhost:2376");
}

TEST(ParseHost, Unix) {
  auto e = parse_host("unix:///run/user/1000/docker.sock", "DOCKER_HOST");
  EXPECT_EQ(e.scheme(), Scheme::unix_socket);
  EXPECT_EQ(std::get<UnixAddress>(e.address).path, "/run/user/1000/docker.sock");
  EXPECT_EQ(parse_host("unix://", "x").url(), "unix:///var/run/docker.sock");
  EXPECT_EQ(parse_host("/tmp/d.sock", "x").url(), "unix:///tmp/d.sock");  // a bare path is unix
  EXPECT_EQ(parse_host("./d.sock", "x").url(), "unix://./d.sock");
  EXPECT_EQ(parse_host(" unix:///a.sock\n", "x").original, "unix:///a.sock");
}

TEST(ParseHost, TcpWithDefaultPorts) {
  auto e = parse_host("tcp://docker.example.com", "DOCKER_HOST");
  ASSERT_EQ(e.scheme(), Scheme::tcp);
  EXPECT_EQ(std::get<TcpAddress>(e.address).host, "docker.example.com");
  EXPECT_EQ(std::get<TcpAddress>(e.address).port, 2375);
  EXPECT_EQ(parse_host("tcp://docker.example.com", "DOCKER_HOST", true).url(), "tcp://docker.example.com:2376");
  EXPECT_EQ(parse_host("tcp://10.0.0.1:1234", "x").url(), "tcp://10.0.0.1:1234");
  EXPECT_EQ(parse_host("tcp://", "x").url(), "tcp://localhost:2375");
  EXPECT_EQ(parse_host("tcp://:4243", "x").url(), "tcp://localhost:4243");
  EXPECT_EQ(parse_host("tcp://host:", "x").url(), "tcp://host:2375");
  EXPECT_EQ(parse_host("tcp://[::1]:99", "x").url(), "tcp://[::1]:99");
  EXPECT_EQ(std::get<TcpAddress>(parse_host("tcp://[::1]", "x").address).host, "::1");
  EXPECT_EQ(std::get<TcpAddress>(parse_host("tcp://h:1/prefix/", "x").address).base_path, "/prefix");
}

TEST(ParseHost, BareHostPortIsTcp) {
  EXPECT_EQ(parse_host("127.0.0.1:2375", "x").url(), "tcp://127.0.0.1:2375");
  EXPECT_EQ(parse_host("myhost", "x").url(), "tcp://myhost:2375");
}

TEST(ParseHost, Ssh) {
  auto e = parse_host("ssh://me@build-box:2222", "DOCKER_HOST");
  ASSERT_EQ(e.scheme(), Scheme::ssh);
  const auto& ssh = std::get<SshAddress>(e.address);
  EXPECT_EQ(ssh.user, "me");
  EXPECT_EQ(ssh.host, "build-box");
  EXPECT_EQ(ssh.port, 2222);
  EXPECT_EQ(e.url(), "ssh://me@build-box:2222");
  EXPECT_THAT(ssh.command_args(),
              ::testing::ElementsAre("-l", "me", "-p", "2222", "--", "build-box", "docker", "system", "dial-stdio"));
  auto plain = std::get<SshAddress>(parse_host("ssh://box", "x").address);
  EXPECT_EQ(plain.user, "");
  EXPECT_FALSE(plain.port);
  auto socket = std::get<SshAddress>(parse_host("ssh://box/run/docker.sock", "x").address);
  EXPECT_EQ(socket.socket_path, "/run/docker.sock");
  EXPECT_THAT(socket.command_args(), ::testing::ElementsAre("--", "box", "docker", "--host", "unix:///run/docker.sock",
                                                            "system", "dial-stdio"));
}

TEST(ParseHost, MalformedValuesNameTheValueAndTheSource) {
  EXPECT_EQ(error_of("tcp://:abc"), "DOCKER_HOST=tcp://:abc: invalid port \"abc\"");
  EXPECT_EQ(error_of("tcp://h:0"), "DOCKER_HOST=tcp://h:0: invalid port \"0\"");
  EXPECT_EQ(error_of("tcp://h:65536"), "DOCKER_HOST=tcp://h:65536: invalid port \"65536\"");
  EXPECT_THAT(error_of("tcp://::1"), HasSubstr("IPv6 address must be in brackets"));
  EXPECT_THAT(error_of("tcp://[::1"), HasSubstr("missing ']'"));
  EXPECT_THAT(error_of("tcp://[::1]x"), HasSubstr("after IPv6 address"));
  EXPECT_THAT(error_of("tcp://tcp://h"), HasSubstr("invalid proto, expected tcp"));
  EXPECT_THAT(error_of("tcp://u@h"), HasSubstr("user information"));
  EXPECT_THAT(error_of("tcp://h?x=1"), HasSubstr("query parameters are not allowed"));
  EXPECT_THAT(error_of("unix://tcp://x"), HasSubstr("invalid proto, expected unix"));
  EXPECT_EQ(error_of("ssh://me:secret@h"), "DOCKER_HOST=ssh://me:secret@h: plain-text password is not supported");
  EXPECT_THAT(error_of("ssh://"), HasSubstr("hostname is empty"));
  EXPECT_THAT(error_of("ssh://me@:22"), HasSubstr("hostname is empty"));
  EXPECT_THAT(error_of("ssh://h:x"), HasSubstr("invalid port \"x\""));
  EXPECT_THAT(error_of("ssh://h#frag"), HasSubstr("fragments are not allowed"));
  EXPECT_EQ(error_of("fd://"),
            "DOCKER_HOST=fd://: fd:// is only for the daemon's socket activation; a client cannot connect to it");
  EXPECT_THAT(error_of("npipe:////./pipe/docker_engine"), HasSubstr("not supported on this platform"));
  EXPECT_THAT(error_of("http://h:2375"), HasSubstr("use tcp://host:port"));
  EXPECT_THAT(error_of("https://h:2376"), HasSubstr("DOCKER_TLS_VERIFY=1"));
  EXPECT_THAT(error_of("ftp://h"), HasSubstr("unsupported scheme \"ftp://\""));
  EXPECT_EQ(error_of("tcp://:abc", "host option"), "host option \"tcp://:abc\": invalid port \"abc\"");
}

TEST(ParseHost, ErrorsAreConfigErrors) {
  EXPECT_THROW(parse_host("tcp://:abc", "DOCKER_HOST"), ConfigError);
  EXPECT_THROW(parse_host("tcp://:abc", "DOCKER_HOST"), docker::Error);
}

}  // namespace
}  // namespace docker::config
