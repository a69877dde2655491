// hello: run busybox `echo hello`, print its output, remove the container.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); `make run`
// provides a daemon and the busybox image.
#include <iostream>

#include "docker/sdk/v1_55.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();
  auto hello = docker.run({.image = "busybox:latest", .cmd = {"echo", "hello"}});
  std::cout << hello.out;
  std::cerr << hello.err;
  return static_cast<int>(hello.exit_code);
} catch (const docker::Error& e) {
  std::cerr << "hello: " << e.what() << "\n";
  return 1;
}
