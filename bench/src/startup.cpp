// bench-startup: a hello-like program (the layer's Docker::from_env(), then
// one call: list the running containers) that reports how long after its
// exec the first request went out and the first answer came back. The
// launcher (bench-exec) puts the exec moment in BENCH_T0_NS (CLOCK_REALTIME,
// set in the child right before execvp) and measures the whole process's
// peak RSS and CPU with wait4.
//
// Prints main_ms (main is entered: loader, relocations, static
// initialisation), first_request_ms (the first
// request is handed to the transport: on_request hook, i.e. the API version
// negotiation's /_ping) and first_response_ms (the call returned).
#include <time.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "docker/connect.hpp"
#include "docker/hooks.hpp"
#include DOCKER_BENCH_SDK_HEADER
#include DOCKER_BENCH_SUMMARY_HEADER  // the layer's headers only declare the models

namespace {

double now_ms_since_exec() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  const char* t0 = std::getenv("BENCH_T0_NS");
  long long start = t0 ? std::atoll(t0) : 0;
  return double((ts.tv_sec * 1000000000LL + ts.tv_nsec) - start) / 1e6;
}

std::atomic<double> first_request_ms{-1};

}  // namespace

int main() try {
  double at_main = now_ms_since_exec();
  docker::ConnectOptions options;
  docker::CallHooks hooks;
  hooks.on_request = [](const docker::CallInfo&) {
    double expected = -1;
    first_request_ms.compare_exchange_strong(expected, now_ms_since_exec());
  };
  options.hooks.push_back(std::move(hooks));
  auto docker = docker::DOCKER_BENCH_API_NS::Docker::from_env(options);
  auto running = docker.list();
  double response = now_ms_since_exec();
  std::printf("main_ms=%.3f first_request_ms=%.3f first_response_ms=%.3f containers=%zu\n", at_main,
              first_request_ms.load(), response, running.size());
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "bench-startup: " << e.what() << "\n";
  return 1;
}
