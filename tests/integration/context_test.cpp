// Docker contexts against dockerd's TLS listener: a test DOCKER_CONFIG holds
// a context (contexts/meta/<sha256 of name>/meta.json, TLS files under
// contexts/tls/<sha256>/docker/) and the hello example, unchanged, connects
// through it, selected by DOCKER_CONTEXT and by config.json's currentContext.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "docker/config/context_store.hpp"
#include "integration/daemon_endpoints.hpp"
#include "integration/run_program.hpp"
#include "support/temp_dir.hpp"

namespace docker::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class DaemonContext : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tls = daemon_tls();
    if (!tls) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TLS");
    endpoint_ = *tls;
  }

  /// Writes context `name` pointing at the TLS endpoint, with `ca` as its CA.
  void write_context(const std::string& name, const std::string& ca) {
    const std::string id = config::context_directory_name(name);
    config_.write("contexts/meta/" + id + "/meta.json", R"({"Name":")" + name +
                                                            R"(","Metadata":{"Description":"docker-cpp test"},)"
                                                            R"("Endpoints":{"docker":{"Host":")" +
                                                            endpoint_.url() + R"(","SkipTLSVerify":false}}})");
    const std::string tls = "contexts/tls/" + id + "/docker/";
    config_.write(tls + "ca.pem", read_file(ca));
    config_.write(tls + "cert.pem", read_file(daemon_cert_dir() + "/cert.pem"));
    config_.write(tls + "key.pem", read_file(daemon_cert_dir() + "/key.pem"));
  }
  std::string config_dir() const { return config_.path().string(); }

  TempDir config_;
  HostPort endpoint_;
};

TEST_F(DaemonContext, HelloThroughDockerContext) {
  write_context("docker-cpp-tls", daemon_cert_dir() + "/ca.pem");
  config_.write("config.json", "{}");
  auto result =
      run_program(DOCKER_CPP_EXAMPLE_HELLO, {{"DOCKER_CONFIG", config_dir()}, {"DOCKER_CONTEXT", "docker-cpp-tls"}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "hello\n");
}

TEST_F(DaemonContext, HelloThroughCurrentContext) {
  write_context("docker-cpp-current", daemon_cert_dir() + "/ca.pem");
  config_.write("config.json", R"({"currentContext":"docker-cpp-current"})");
  auto result = run_program(DOCKER_CPP_EXAMPLE_HELLO, {{"DOCKER_CONFIG", config_dir()}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "hello\n");
}

TEST_F(DaemonContext, ContextTlsFilesAreTheOnesUsed) {
  // Same endpoint, but the context trusts an unrelated CA: the call must fail
  // on the certificate, which proves the context's files were loaded.
  ASSERT_FALSE(daemon_wrong_ca().empty()) << skip_reason("DOCKER_CPP_TEST_DAEMON_WRONG_CA");
  write_context("docker-cpp-wrong-ca", daemon_wrong_ca());
  auto result = run_program(DOCKER_CPP_EXAMPLE_HELLO,
                            {{"DOCKER_CONFIG", config_dir()}, {"DOCKER_CONTEXT", "docker-cpp-wrong-ca"}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("certificate verify failed"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace docker::testing
