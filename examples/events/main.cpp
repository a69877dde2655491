// events: the daemon's event stream (`docker events`), filtered to one
// container, read on its own thread and cancelled once we have seen enough.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <chrono>
#include <ctime>
#include <future>
#include <iostream>
#include <string>
#include <thread>

#include "docker/sdk/v1_55.hpp"
// Events are the generated EventMessage model: include its header to read them.
#include "docker/v1_55/system_api.hpp"

int main() try {
  auto docker = docker::v1_55::Docker::from_env();
  // Events from a second ago on: the stream then has our container's
  // create, whenever the request reaches the daemon.
  auto since = std::to_string(std::time(nullptr) - 1);
  auto container = docker.create({.image = "busybox:latest", .cmd = {"true"}});

  // No `until`: the stream never ends by itself. Its cancellation comes
  // through with(), and ends a next() blocked on another thread.
  docker::CancellationSource stop;
  auto events = docker.with(docker::CallOptions{}.with_cancel(stop.token()))
                    .events({.since = since, .filters = {{"container", {container.id()}}, {"type", {"container"}}}});

  std::promise<void> destroyed;
  std::thread reader([&] {
    try {
      while (auto event = events.next())  // blocks until an event comes
        if (auto action = event->Action.value_or(""); !action.empty()) {
          std::cout << "event: " << action << "\n" << std::flush;
          if (action == "destroy") destroyed.set_value();
        }
    } catch (const docker::Cancelled&) {
      std::cout << "event stream: Cancelled\n";
    }
  });

  container.start();
  container.wait();
  container.remove();

  // Once the last event we wanted came (or after a while), stop reading.
  destroyed.get_future().wait_for(std::chrono::seconds(10));
  stop.cancel();
  reader.join();
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "events: " << e.what() << "\n";
  return 1;
}
