// lifecycle: one container's life through the layer — create, start,
// inspect, stop, wait, remove — what `docker create`, `docker start`,
// `docker inspect`, `docker stop`, `docker wait` and `docker rm` do.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <chrono>
#include <iostream>

#include "docker/sdk/v1_55.hpp"
// inspect() returns a generated model: include its header where you read it.
#include "docker/v1_55/models/ContainerInspectResponse.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();

  // Created, not started. `sleep` keeps it running until we stop it.
  auto container = docker.create({.image = "busybox:latest", .cmd = {"sleep", "300"}});
  std::cout << "created " << container.id().substr(0, 12) << "\n";
  try {
    container.start();

    // The daemon's view of it: the API version's ContainerInspectResponse.
    // Every member is optional (a Field): test it or use value_or().
    auto info = container.inspect();
    std::cout << "status: " << info.State->Status->str() << ", pid " << info.State->Pid.value_or(0) << "\n";

    // SIGTERM, then SIGKILL after 1 s. sleep runs as PID 1, which ignores
    // SIGTERM: the kill ends it.
    container.stop(std::chrono::seconds(1));

    // wait() returns the exit code once it is not running (at once here).
    auto exited = container.wait();
    std::cout << "exited with " << exited.exit_code << "\n";
    std::cout << "status: " << container.inspect().State->Status->str() << "\n";
  } catch (...) {
    container.remove({.force = true});  // never leave the container behind
    throw;
  }

  container.remove();
  // The handle outlives the container: calls through it now fail, typed.
  try {
    container.inspect();
  } catch (const docker::NotFound& e) {
    std::cout << "inspect after remove: NotFound (" << e.message() << ")\n";
  }
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "lifecycle: " << e.what() << "\n";
  return 1;
}
