// hello: create a busybox container running `echo hello`, attach to its
// output, start it, copy the output to ours, and remove it.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); `make run`
// provides a daemon and the busybox image.
#include <iostream>

#include "docker/connect.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/v1_55.hpp"

namespace api = docker::v1_55;

int main() try {
  auto client = docker::connect(api::api_version);
  api::ContainerApi containers(*client);

  api::ContainerCreateParams create;
  create.body.Image = "busybox:latest";
  create.body.Cmd = std::vector<std::string>{"/bin/echo", "hello"};
  create.body.AttachStdout = true;
  create.body.AttachStderr = true;
  std::string id = *containers.container_create(create).Id;

  int exit_code = -1;
  try {
    // Attach before starting so that no output is missed.
    auto attached = containers.container_attach({.id = id, .stream = true, .stdout_ = true, .stderr_ = true});
    docker::OutputStream output(std::move(attached.stream), /*multiplexed=*/true);
    containers.container_start({.id = id});
    while (auto chunk = output.next())
      (chunk->stream == docker::StreamKind::stderr_stream ? std::cerr : std::cout) << chunk->data;
    exit_code = static_cast<int>(containers.container_wait({.id = id}).StatusCode.value_or(-1));
  } catch (...) {
    containers.container_delete({.id = id, .force = true});
    throw;
  }
  containers.container_delete({.id = id, .force = true});
  return exit_code;
} catch (const docker::Error& e) {
  std::cerr << "hello: " << e.what() << "\n";
  return 1;
}
