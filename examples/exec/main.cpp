// exec: run commands in a running container, like `docker exec`: their
// output and exit code, with and without input, and one streamed session.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <iostream>

#include "docker/sdk/v1_55.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();
  // Removed (forced) when main returns or throws: no container is left behind.
  docker::v1_55::ScopedContainer scoped(docker.create({.image = "busybox:latest", .cmd = {"sleep", "300"}}));
  auto& container = *scoped;
  container.start();

  // exec(): runs to the end and returns the output and the exit code.
  auto hello = container.exec({"echo", "hello from exec"});
  std::cout << "out: " << hello.out << "exit code: " << hello.exit_code << "\n";

  // A failing command is not an exception: its exit code says it.
  auto failed = container.exec({"sh", "-c", "echo 'something failed' >&2; exit 3"});
  std::cout << "err: " << failed.err << "exit code: " << failed.exit_code << "\n";

  // `input` becomes its stdin, then EOF.
  auto counted = container.exec({"wc", "-l"}, {.input = "one\ntwo\nthree\n"});
  std::cout << "wc -l of three lines: " << counted.out;

  // exec_attached(): stream both ways, then ask for the exit code.
  auto session = container.exec_attached({"cat"}, {.with_stdin = true});
  session.write("streamed through cat\n");
  session.close_stdin();
  std::cout << "session: " << session.read_all().out << "session exit code: " << session.exit_code() << "\n";

  // The container must run: an exec in a stopped one is a Conflict.
  container.kill();
  container.wait();
  try {
    (void)container.exec({"true"});
  } catch (const docker::Conflict&) {
    std::cout << "exec in a stopped container: Conflict\n";
  }
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "exec: " << e.what() << "\n";
  return 1;
}
