// consumer: pings the daemon, prints its version, and runs a busybox
// container to completion (create, start, wait, remove) with the installed
// 1.55 bindings, negotiated down to whatever the daemon speaks.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "docker/connect.hpp"
// Per-area headers compile faster than the docker/v1_55.hpp umbrella.
#include "docker/v1_55/container_api.hpp"
#include "docker/v1_55/system_api.hpp"
#include "docker/v1_55/version.hpp"

namespace api = docker::v1_55;

int main() try {
  std::cout << "docker-cpp " << api::library_version << ", Engine API " << api::api_version_string << ", spec sha256 "
            << api::spec_sha256 << "\n";
  auto client = docker::connect(api::api_version);

  api::SystemApi system(*client);
  if (system.system_ping() != "OK") return 1;
  auto version = system.system_version();
  std::cout << "daemon " << version.Version.value_or("?") << ", API " << version.ApiVersion.value_or("?")
            << ", negotiated " << client->api_version().str() << "\n";

  api::ContainerApi containers(*client);
  api::ContainerCreateParams create;
  // Named and labelled like the tests' objects, so with-daemon cleans up after a crash.
  create.name = "docker-cpp-test-consumer-" + std::to_string(::getpid());
  create.body.Image = "busybox:latest";
  create.body.Cmd = std::vector<std::string>{"sh", "-c", "exit 7"};
  create.body.Labels = std::map<std::string, std::string>{{"org.docker-cpp.test", "consumer"}};
  create.body.HostConfig.emplace().NetworkMode = "none";
  std::string id = containers.container_create(create).Id.value();
  std::int64_t status = -1;
  try {
    containers.container_start({.id = id});
    status = containers.container_wait({.id = id}).StatusCode.value_or(-1);
  } catch (...) {
    containers.container_delete({.id = id, .force = true});
    throw;
  }
  containers.container_delete({.id = id, .force = true});
  std::cout << "container exited with " << status << "\n";
  return status == 7 ? 0 : 1;
} catch (const docker::Error& e) {
  std::cerr << "consumer: " << e.what() << "\n";
  return 1;
}
