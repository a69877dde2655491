// tracing: a span per HTTP call, printed as a tree under the operation that
// made it, from a transport wrapped with docker::with_hooks. A hook adds a
// W3C `traceparent` header to every call (the operation's trace id, a span
// id of its own); the printed header is the one sent (request_headers). A
// failed call's span names its typed error.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "docker/connect.hpp"
#include "docker/hooks.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55/models/ContainerInspectResponse.hpp"

namespace {

// `bytes` random bytes in hex: 16 for a trace id, 8 for a span id.
std::string random_hex(std::size_t bytes) {
  static std::mt19937_64 random{std::random_device{}()};
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return std::string(hex, 2 * bytes);
}

double ms(docker::Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The typed error a call failed with, as the caller got it (a few kinds).
std::string error_name(const docker::CallInfo& call) {
  if (call.failed_with<docker::NotFound>()) return "  NotFound";
  if (call.failed_with<docker::Timeout>()) return "  Timeout";
  return call.exception ? "  Error" : "";
}

// Spans of the current operation. A real tracer keeps the current span per
// thread (or in the caller's context) and exports spans instead of printing.
class Tracer {
 public:
  docker::CallHooks hooks() {
    docker::CallHooks hooks;
    // Before each call is sent: the operation's trace id, a new span id.
    hooks.add_headers = [this](const docker::CallInfo&, docker::Headers& headers) {
      std::lock_guard lock(mutex_);
      if (!trace_id_.empty()) headers.set("traceparent", "00-" + trace_id_ + "-" + random_hex(8) + "-01");
    };
    // Once the call is over (body read or dropped, stream closed).
    hooks.on_end = [this](const docker::CallInfo& call) {
      std::lock_guard lock(mutex_);
      spans_.emplace_back(call.started, describe(call));
    };
    return hooks;
  }

  // Runs `operation` as the root span and prints it with its calls.
  void operation(const std::string& name, const std::function<std::string()>& operation) {
    std::unique_lock lock(mutex_);
    trace_id_ = random_hex(16);
    lock.unlock();
    auto started = docker::Clock::now();
    std::string outcome;
    try {
      outcome = operation();
    } catch (const docker::Error& e) {
      outcome = e.what();
    }
    lock.lock();
    std::printf("%s  trace %s  %.1f ms  %s\n", name.c_str(), trace_id_.c_str(), ms(docker::Clock::now() - started),
                outcome.c_str());
    std::sort(spans_.begin(), spans_.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < spans_.size(); ++i)
      std::printf("  %s %s\n", i + 1 < spans_.size() ? "├─" : "└─", spans_[i].second.c_str());
    spans_.clear();
    trace_id_.clear();
  }

 private:
  static std::string describe(const docker::CallInfo& call) {
    // The query left out, container ids cut to 12 characters.
    std::string path = std::regex_replace(call.target.substr(0, call.target.find('?')),
                                          std::regex("([0-9a-f]{12})[0-9a-f]{52}"), "$1");
    char line[400];
    std::snprintf(line, sizeof line, "%-6s %-42s %3d %-6s %7.1f ms  sent %llu B  recv %llu B  traceparent %s%s",
                  call.method.c_str(), path.c_str(), call.status,
                  call.hijack      ? "hijack"
                  : call.streaming ? "stream"
                                   : "",
                  ms(call.to_end), static_cast<unsigned long long>(call.bytes_sent),
                  static_cast<unsigned long long>(call.bytes_received),
                  std::string(call.request_headers.get("traceparent").value_or("(none)")).c_str(),
                  error_name(call).c_str());
    return line;
  }

  std::mutex mutex_;
  std::string trace_id_;
  std::vector<std::pair<docker::Clock::time_point, std::string>> spans_;
};

}  // namespace

int main() try {
  Tracer tracer;
  docker::ConnectOptions options;
  // A custom transport: the usual one for the endpoint, wrapped by the hooks.
  // (options.hooks = {tracer.hooks()} does the same.)
  options.make_doer = [&](const auto& endpoint, const auto& transport_options) {
    return docker::with_hooks(docker::make_doer(endpoint, transport_options), {tracer.hooks()});
  };
  auto docker = docker::v1_55::Docker::from_env(options);

  // run: create, attach (a hijacked connection), start, wait, remove.
  tracer.operation("run busybox echo hello", [&] {
    return "out: " + docker.run({.image = "busybox:latest", .cmd = {"echo", "hello"}}).out.substr(0, 5);
  });
  // Output through a streamed call: logs.
  tracer.operation("logs of a finished container", [&] {
    auto container = docker.create({.image = "busybox:latest", .cmd = {"echo", "logged"}});
    container.start();
    container.wait();
    auto out = container.logs().read_all().out;
    container.remove();
    return "out: " + out.substr(0, 6);
  });
  // A call that fails: the span carries the typed error the caller got.
  tracer.operation("inspect a missing container", [&] {
    docker.container("tracing-example-missing").inspect();
    return std::string("found?");
  });
  return 0;
} catch (const docker::Error& e) {
  std::fprintf(stderr, "tracing: %s\n", e.what());
  return 1;
}
