// attach: write to a container's stdin and read its output over one
// hijacked connection, like `echo … | docker run -i busybox tr a-z A-Z`.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <iostream>

#include "docker/sdk/v1_55.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();

  // open_stdin keeps stdin open for an attach; with it, stdin_once (the
  // default then) passes our end of input on to the process as EOF.
  // Removed (forced) when main returns or throws: no container is left behind.
  docker::v1_55::ScopedContainer scoped(docker.create(
      {.image = "busybox:latest", .cmd = {"sh", "-c", "tr a-z A-Z; echo 'stdin ended' >&2"}, .open_stdin = true}));
  auto& container = *scoped;
  // Attach before start: no output can be missed.
  auto attachment = container.attach({.with_stdin = true});
  container.start();

  attachment.write("hello from stdin\n");
  attachment.write("a second line\n");
  attachment.close_stdin();  // half-close: tr reads EOF; the output stays readable

  // To the end of the stream (it ends when the process exits). For large
  // output read attachment.output() in chunks or through stdout_reader().
  auto output = attachment.read_all();
  std::cout << "stdout:\n" << output.out << "stderr:\n" << output.err;
  std::cout << "exit code: " << container.wait().exit_code << "\n";
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "attach: " << e.what() << "\n";
  return 1;
}
