// The task examples (examples/<name>/main.cpp, README.md "Examples") run as
// whole programs against the daemon: each must exit 0 and print what its
// task shows; where the output names a container, the daemon is asked too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55/models/ContainerInspectResponse.hpp"
#include "integration/run_program.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

class Examples : public ::testing::Test {
 protected:
  void SetUp() override {
    host_ = std::getenv("DOCKER_HOST");
    if (!host_) GTEST_SKIP() << "DOCKER_HOST not set";
  }
  ProgramResult run(const std::string& program) {
    auto result = run_program(program, {{"DOCKER_HOST", host_}});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result;
  }
  /// The daemon's API version, as a negotiating client sees it.
  static std::string daemon_version() { return client_from_env({1, 55})->api_version().str(); }

  const char* host_ = nullptr;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// Whether `needles` appear in `text` in this order.
::testing::AssertionResult in_order(const std::string& text, const std::vector<std::string>& needles) {
  std::size_t at = 0;
  for (const auto& needle : needles) {
    auto found = text.find(needle, at);
    if (found == std::string::npos)
      return ::testing::AssertionFailure() << "\"" << needle << "\" missing (or out of order) in:\n" << text;
    at = found + needle.size();
  }
  return ::testing::AssertionSuccess();
}

TEST_F(Examples, LifecycleCreatesStartsStopsAndRemoves) {
  auto result = run(DOCKER_CPP_EXAMPLE_LIFECYCLE);
  std::smatch created;
  ASSERT_TRUE(std::regex_search(result.output, created, std::regex("created ([0-9a-f]{12})\n"))) << result.output;
  EXPECT_TRUE(std::regex_search(result.output, std::regex("status: running, pid [1-9][0-9]*\n"))) << result.output;
  // sleep as PID 1 ignores SIGTERM: stop's SIGKILL after 1 s ends it.
  EXPECT_TRUE(in_order(result.output, {"exited with 137\n", "status: exited\n", "inspect after remove: NotFound ("}));
  // The daemon agrees: the container is gone.
  docker::v1_55::Docker docker(std::shared_ptr<Client>(client_from_env({1, 55})));
  EXPECT_THROW(docker.container(created[1]).inspect(), NotFound);
}

TEST_F(Examples, LogsFollowsUntilCancelledFromAnotherThread) {
  auto result = run(DOCKER_CPP_EXAMPLE_LOGS);
  // How many lines came before the cancel depends on the machine's pace.
  EXPECT_TRUE(in_order(result.output, {"line 1\n", "stopped following: Cancelled\n"}));
  EXPECT_TRUE(result.output.ends_with("stopped following: Cancelled\n")) << result.output;
  EXPECT_EQ(result.output.find("the container ended first"), std::string::npos) << result.output;
}

TEST_F(Examples, AttachWritesStdinClosesItAndReadsToTheEnd) {
  auto result = run(DOCKER_CPP_EXAMPLE_ATTACH);
  EXPECT_EQ(result.output, "stdout:\nHELLO FROM STDIN\nA SECOND LINE\nstderr:\nstdin ended\nexit code: 0\n");
}

TEST_F(Examples, ExecOutputsExitCodesInputAndASession) {
  auto result = run(DOCKER_CPP_EXAMPLE_EXEC);
  EXPECT_EQ(result.output,
            "out: hello from exec\nexit code: 0\n"
            "err: something failed\nexit code: 3\n"
            "wc -l of three lines: 3\n"
            "session: streamed through cat\nsession exit code: 0\n"
            "exec in a stopped container: Conflict\n");
}

TEST_F(Examples, EventsSeenThroughAFilterThenCancelled) {
  auto result = run(DOCKER_CPP_EXAMPLE_EVENTS);
  ASSERT_TRUE(result.output.ends_with("event stream: Cancelled\n")) << result.output;
  SKIP_ON_PODMAN("create, init, start, die, cleanup, remove: no destroy (the example then cancels after 10 s)");
  EXPECT_TRUE(in_order(result.output, {"event: create\n", "event: start\n", "event: die\n", "event: destroy\n"}));
}

TEST_F(Examples, ArchivePutsStatsAndGetsATar) {
  auto result = run(DOCKER_CPP_EXAMPLE_ARCHIVE);
  EXPECT_EQ(result.output,
            "stat: greeting.txt, 11 bytes, mode 644\n"
            "got: greeting.txt, 11 bytes: hello, tar\n"
            "stat of a missing path: NotFound\n");
}

TEST_F(Examples, VersionsLinksTwoBindingsInOneProgram) {
#ifndef DOCKER_CPP_EXAMPLE_VERSIONS
  GTEST_SKIP() << "examples/versions is not built: this build has no API 1.41 bindings "
                  "(add 1.41 to DOCKER_CPP_API_VERSIONS, or keep the tests' version spread on)";
#else
  auto result = run(DOCKER_CPP_EXAMPLE_VERSIONS);
  const std::string daemon = daemon_version();
  // 1.41 bindings do not go above 1.41; 1.55 ones talk what the daemon speaks.
  EXPECT_TRUE(in_order(result.output, {"bindings 1.41: talking API 1.41\n", "  run: hello from API 1.41\n",
                                       "  stop with a signal: not in these bindings\n",
                                       "bindings 1.55: talking API " + daemon + "\n", "  run: hello from API 1.55\n"}));
  if (ApiVersion::parse(daemon) < ApiVersion{1, 42})
    EXPECT_TRUE(
        in_order(result.output, {"  stop with a signal: VersionError: `signal` of container_stop needs API >= 1.42"}));
  else
    EXPECT_TRUE(in_order(result.output, {"  stop with a signal: sent, NotFound\n"}));
#endif
}

// The spans: one tree per operation, every call a child carrying the
// traceparent the example's hook added (the root's trace id, a span id of
// its own), the attach hijacked, the logs streamed, the failed inspect typed.
TEST_F(Examples, TracingPrintsSpansWithTraceparentAndTypedErrors) {
  auto result = run(DOCKER_CPP_EXAMPLE_TRACING);
  const std::regex root_line(R"(^(\S.*?)  trace ([0-9a-f]{32})  [0-9.]+ ms  (.*)$)");
  const std::regex child_line(
      R"(^  (├─|└─) (GET|POST|DELETE|HEAD|PUT) +(/\S*) +(\d{3}) (hijack|stream|      ) +[0-9.]+ ms  sent (\d+) B  recv (\d+) B  traceparent 00-([0-9a-f]{32})-([0-9a-f]{16})-01(  (\w+))?$)");
  struct Child {
    std::string method, path, status, kind, error;
    std::uint64_t received;
  };
  std::vector<std::pair<std::string, std::vector<Child>>> roots;
  std::set<std::string> span_ids;
  std::string trace;
  for (const auto& line : lines_of(result.output)) {
    std::smatch m;
    if (std::regex_match(line, m, root_line)) {
      roots.push_back({m[1].str() + " → " + m[3].str(), {}});
      trace = m[2];
    } else {
      ASSERT_TRUE(std::regex_match(line, m, child_line)) << "not a span: " << line << "\n" << result.output;
      ASSERT_FALSE(roots.empty());
      EXPECT_EQ(m[8].str(), trace) << "a child of another trace: " << line;
      EXPECT_TRUE(span_ids.insert(m[9]).second) << "span id used twice: " << line;
      roots.back().second.push_back(
          {m[2], std::regex_replace(m[3].str(), std::regex("^/v1\\.\\d+"), ""), m[4], m[5], m[11], std::stoull(m[7])});
    }
  }
  ASSERT_EQ(roots.size(), 3u) << result.output;
  auto find = [](const std::vector<Child>& children, const std::string& method, const std::string& suffix) {
    for (const auto& c : children)
      if (c.method == method && c.path.ends_with(suffix)) return c;
    ADD_FAILURE() << method << " …" << suffix << " not among the spans";
    return Child{};
  };
  EXPECT_EQ(roots[0].first, "run busybox echo hello → out: hello");
  const auto& run_spans = roots[0].second;
  EXPECT_EQ(find(run_spans, "POST", "/containers/create").status, "201");
  auto attach = find(run_spans, "POST", "/attach");
  EXPECT_EQ(attach.status, "101");
  EXPECT_EQ(attach.kind, "hijack");
  EXPECT_GT(attach.received, 0u) << "the output came through the hijacked stream";
  EXPECT_EQ(find(run_spans, "POST", "/start").status, "204");
  EXPECT_EQ(find(run_spans, "DELETE", "").status, "204");

  EXPECT_EQ(roots[1].first, "logs of a finished container → out: logged");
  auto logs = find(roots[1].second, "GET", "/logs");
  EXPECT_EQ(logs.status, "200");
  EXPECT_EQ(logs.kind, "stream");
  EXPECT_GT(logs.received, 0u);

  EXPECT_TRUE(roots[2].first.starts_with("inspect a missing container → not found (GET ")) << roots[2].first;
  ASSERT_EQ(roots[2].second.size(), 1u);
  auto inspect = roots[2].second[0];
  EXPECT_EQ(inspect.path, "/containers/tracing-example-missing/json");
  EXPECT_EQ(inspect.status, "404");
  EXPECT_EQ(inspect.error, "NotFound");
  for (const auto& [root, children] : roots)
    for (const auto& c : children)
      if (c.status != "404") EXPECT_EQ(c.error, "") << root << ": " << c.method << " " << c.path;
}

}  // namespace
}  // namespace docker::testing
