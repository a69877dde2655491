// The web example as a whole program: busybox httpd published on an
// ephemeral port of 127.0.0.1, waited for, fetched over a socket, removed.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "docker/v1_55.hpp"
#include "integration/run_program.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

TEST(Example, WebServesAndPrintsThePageThenRemovesItsContainer) {
  const char* host = std::getenv("DOCKER_HOST");
  if (!host) GTEST_SKIP() << "DOCKER_HOST not set";
  auto result = run_program(DOCKER_CPP_EXAMPLE_WEB, {{"DOCKER_HOST", host}});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(result.output, m, std::regex(R"(serving on http://127\.0\.0\.1:(\d+)/\n)")))
      << result.output;
  EXPECT_GT(std::stoi(m[1]), 0);
  EXPECT_NE(result.output.find("<h1>Hello from busybox httpd</h1>\n"), std::string::npos) << result.output;
  // Its container is gone: none with the example's label is left.
  auto client = client_from_env();
  v1_55::ContainerListParams p;
  p.all = true;
  p.filters = Filters{{"label", {"org.docker-cpp.example=web"}}};
  EXPECT_TRUE(v1_55::ContainerApi(*client).container_list(p).empty());
}

}  // namespace
}  // namespace docker::testing
