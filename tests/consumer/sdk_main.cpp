// sdk-consumer: the ergonomic layer through the installed headers, as a
// user's program uses it: run busybox `echo`, read its output and exit code.
#include <iostream>
#include <string>

#include "docker/sdk/v1_55.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();
  auto result = docker.run({.image = "busybox:latest",
                            .cmd = {"sh", "-c", "echo layer-ok; exit 3"},
                            .labels = {{"org.docker-cpp.test", "consumer"}},
                            .network_mode = "none"});
  std::cout << "sdk: " << result.out << "sdk: exit " << result.exit_code << "\n";
  return result.out == "layer-ok\n" && result.exit_code == 3 ? 0 : 1;
} catch (const docker::Error& e) {
  std::cerr << "sdk-consumer: " << e.what() << "\n";
  return 1;
}
