// examples/build and examples/cp as whole programs, checked by their output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "integration/run_program.hpp"
#include "integration/server_differences.hpp"
#include "support/temp_dir.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

TEST(Example, BuildPrintsStepsAndTheImageId) {
  SKIP_ON_PODMAN("buildah's step lines read \"STEP n/m: …\", not \"Step n/m : …\"");
  const char* host = std::getenv("DOCKER_HOST");
  if (!host) GTEST_SKIP() << "DOCKER_HOST not set";
  TempDir ctx;
  ctx.write("Dockerfile", "FROM busybox:latest\nRUN echo example-build-output\nLABEL org.docker-cpp.test=example\n");
  auto tag = unique_name("example-build") + ":1";
  auto result = run_program(DOCKER_CPP_EXAMPLE_BUILD, {{"DOCKER_HOST", host}}, {ctx.path().string(), tag});
  auto docker = docker::v1_55::Docker::from_env();
  try {
    (void)docker.images().remove(tag, {.force = true});
  } catch (const docker::NotFound&) {
  }
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // The example's own label is one more step.
  EXPECT_TRUE(std::regex_search(result.output, std::regex("Step 1/\\d+ : FROM busybox:latest\n"))) << result.output;
  EXPECT_TRUE(std::regex_search(result.output, std::regex("Step 2/\\d+ : RUN echo example-build-output\n")))
      << result.output;
  EXPECT_NE(result.output.find("\nexample-build-output\n"), std::string::npos) << result.output;
  EXPECT_TRUE(std::regex_search(result.output, std::regex("\nbuilt sha256:[0-9a-f]{64}\n"))) << result.output;
}

TEST(Example, CpCopiesInAndBack) {
  const char* host = std::getenv("DOCKER_HOST");
  if (!host) GTEST_SKIP() << "DOCKER_HOST not set";
  TempDir dir;
  auto file = dir.write("hello.txt", "hello from the host\n");
  auto result = run_program(DOCKER_CPP_EXAMPLE_CP, {{"DOCKER_HOST", host}}, {file.string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::regex_search(result.output,
                                std::regex("copied .*/hello.txt \\(20 bytes\\) to [0-9a-f]{12}:/tmp/hello.txt\n")))
      << result.output;
  EXPECT_TRUE(
      std::regex_search(result.output, std::regex("copied [0-9a-f]{12}:/tmp/hello.txt back to .* \\(20 bytes\\)\n")))
      << result.output;
  EXPECT_NE(result.output.find("contents match"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace docker::testing
