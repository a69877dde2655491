// timings: per-call timings through docker::CallHooks. Runs a few calls
// (version negotiation, version, image inspect, a short container's life and
// its logs) and prints one line per HTTP call when it ends:
//
//   METHOD  PATH                                   STATUS  HEAD ms   END ms  SENT B  RECV B
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "docker/connect.hpp"
#include "docker/hooks.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/v1_55.hpp"

namespace api = docker::v1_55;

namespace {

double ms(docker::Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void print_call(const docker::CallInfo& call) {
  static std::mutex mutex;  // calls may end on several threads
  std::lock_guard lock(mutex);
  std::string path = call.target.substr(0, call.target.find('?'));
  std::printf("%-7s %-48s %6d %8.2f %8.2f %8llu %8llu%s\n", call.method.c_str(), path.c_str(), call.status,
              ms(call.to_head), ms(call.to_end), static_cast<unsigned long long>(call.bytes_sent),
              static_cast<unsigned long long>(call.bytes_received),
              call.error ? ("  error: " + *call.error).c_str() : "");
  std::fflush(stdout);
}

}  // namespace

int main() try {
  docker::ConnectOptions options;
  options.client.user_agent = "docker-cpp-timings/0.1";
  options.hooks.push_back({.on_end = print_call});
  auto client = docker::connect(api::api_version, options);
  api::SystemApi system(*client);
  api::ImageApi images(*client);
  api::ContainerApi containers(*client);

  std::printf("%-7s %-48s %6s %8s %8s %8s %8s\n", "METHOD", "PATH", "STATUS", "HEAD ms", "END ms", "SENT B", "RECV B");
  system.system_version();
  images.image_inspect({.name = "busybox:latest"});

  api::ContainerCreateParams create;
  create.body.Image = "busybox:latest";
  create.body.Cmd = std::vector<std::string>{"/bin/echo", "timed"};
  std::string id = *containers.container_create(create).Id;
  try {
    containers.container_start({.id = id});
    containers.container_wait({.id = id});
    docker::OutputStream logs = containers.container_logs({.id = id, .stdout_ = true});
    while (logs.next()) {
    }
  } catch (...) {
    containers.container_delete({.id = id, .force = true});
    throw;
  }
  containers.container_delete({.id = id, .force = true});
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "timings: " << e.what() << "\n";
  return 1;
}
