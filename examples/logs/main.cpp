// logs: follow a container's output as it comes (`docker logs -f`) and stop
// following from another thread: cancelling the call's token ends the
// blocked read with docker::Cancelled, as it ends every stream.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <chrono>
#include <iostream>
#include <thread>

#include "docker/sdk/v1_55.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();

  // A line every 0.2 s for a minute: longer than we want to follow it.
  // Removed (forced) when main returns or throws: no container is left behind.
  docker::v1_55::ScopedContainer scoped(docker.create(
      {.image = "busybox:latest", .cmd = {"sh", "-c", "for i in $(seq 300); do echo line $i; sleep 0.2; done"}}));
  auto& container = *scoped;
  container.start();

  // with() puts the token on every call of this handle; for logs it also
  // reaches the read of the stream, however long that blocks.
  docker::CancellationSource stop_following;
  auto logs = container.with(docker::CallOptions{}.with_cancel(stop_following.token())).logs({.follow = true});

  // Someone else decides when to stop: a Ctrl-C handler, a UI, a timer.
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    stop_following.cancel();
  });

  try {
    // next(): the next chunk of output, tagged stdout or stderr, as it arrives.
    while (auto chunk = logs.next()) std::cout << chunk->data << std::flush;
    std::cout << "the container ended first\n";
  } catch (const docker::Cancelled&) {
    std::cout << "stopped following: Cancelled\n";
  }
  timer.join();

  // The container still runs (the follow was ours, not its life): `scoped`
  // removes it on the way out.
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "logs: " << e.what() << "\n";
  return 1;
}
