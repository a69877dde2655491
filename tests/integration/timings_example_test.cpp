// The timings example as a whole program: one line per HTTP call with its
// method, path, status, times and bytes.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "integration/run_program.hpp"

namespace docker::testing {
namespace {

TEST(Example, TimingsPrintsOneLinePerCall) {
  const char* host = std::getenv("DOCKER_HOST");
  if (!host) GTEST_SKIP() << "DOCKER_HOST not set";
  auto result = run_program(DOCKER_CPP_EXAMPLE_TIMINGS, {{"DOCKER_HOST", host}});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::istringstream lines(result.output);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("METHOD", 0), 0u) << line;
  // METHOD PATH STATUS HEAD_MS END_MS SENT RECV
  const std::regex row(R"(^(GET|POST|DELETE) +(/\S*) +(\d{3}) +([0-9.]+) +([0-9.]+) +(\d+) +(\d+)$)");
  std::vector<std::string> calls;
  while (std::getline(lines, line)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, row)) << line;
    EXPECT_LE(std::stod(m[4]), std::stod(m[5])) << "head after end: " << line;
    calls.push_back(m[1].str() + " " + std::regex_replace(m[2].str(), std::regex("/v1\\.\\d+"), "") + " " + m[3].str());
    if (calls.back().find("/containers/create") != std::string::npos) EXPECT_NE(m[6], "0") << "body not counted";
  }
  ASSERT_GE(calls.size(), 8u) << result.output;
  EXPECT_EQ(calls[0], "GET /_ping 200");  // negotiation
  EXPECT_EQ(calls[1], "GET /version 200");
  EXPECT_EQ(calls[2].substr(0, 19), "GET /images/busybox") << calls[2];  // ':' is escaped
  EXPECT_EQ(calls[2].substr(calls[2].size() - 9), "/json 200") << calls[2];
  EXPECT_EQ(calls[3], "POST /containers/create 201");
  EXPECT_EQ(calls.back().substr(0, 18), "DELETE /containers");
}

}  // namespace
}  // namespace docker::testing
