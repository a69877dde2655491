// Our client doing the peers' workloads: docker::Client over the unix-socket
// Doer, through the generated bindings (typed results, like the Go client),
// or through Client::call / Client::ping (no decode) to split transport cost
// from decode cost.
//
//   bench-ours requests ping|version|containers N [typed|call]
//   bench-ours logs CONTAINER_ID                   container_logs → OutputStream::read_some
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "common.hpp"
#include "docker/client.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/transport/transports.hpp"
#include DOCKER_BENCH_API_HEADER

namespace api = docker::DOCKER_BENCH_API_NS;

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "bench-ours: %s\n", msg.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) die("usage: bench-ours requests ping|version|containers N [typed|call] | logs ID");
  std::string mode = argv[1];
  docker::ClientOptions options;
  // Same as every peer: API 1.41 pinned, no /_ping negotiation in the loop.
  options.pinned_version = docker::ApiVersion{1, 41};
  options.negotiate = false;
  docker::Client client(docker::transport::make_unix_doer(bench::socket_path()), api::api_version, options);

  if (mode == "requests") {
    std::string what = argv[2];
    long n = argc > 3 ? std::atol(argv[3]) : 2000;
    bool typed = argc <= 4 || std::strcmp(argv[4], "call") != 0;
    api::SystemApi system(client);
    api::ContainerApi containers(client);
    std::size_t sink = 0;
    std::function<void()> call;
    if (what == "ping") {
      if (typed) call = [&] { sink += system.system_ping().size(); };
      else call = [&] { sink += client.ping().body.size(); };
    } else if (what == "version") {
      if (typed) call = [&] { sink += system.system_version().ApiVersion.has_value(); };
      else call = [&] { docker::Request r; r.target = "/version"; sink += client.call(std::move(r)).body.size(); };
    } else if (what == "containers") {
      if (typed) call = [&] { sink += containers.container_list().size(); };
      else call = [&] { docker::Request r; r.target = "/containers/json"; sink += client.call(std::move(r)).body.size(); };
    } else {
      die("unknown workload " + what);
    }
    call();  // warm-up: connects
    double c0 = bench::cpu_now(), t0 = bench::wall_now();
    BENCH_COLLECT_ON();
    for (long i = 0; i < n; ++i) call();
    BENCH_COLLECT_OFF();
    bench::report_loop(bench::cpu_now() - c0, bench::wall_now() - t0, n);
    if (sink == std::size_t(-1)) std::puts("");
  } else if (mode == "logs") {
    api::ContainerApi containers(client);
    api::ContainerLogsParams p;
    p.id = argv[2];
    p.stdout_ = true;
    p.stderr_ = true;
    p.follow = false;
    p.framing = docker::OutputFraming::multiplexed;
    double t0 = bench::wall_now();
    docker::OutputStream out = containers.container_logs(p);
    std::vector<char> buf(64 * 1024);
    std::size_t bytes = 0;
    while (auto r = out.read_some(std::span<char>(buf.data(), buf.size()))) bytes += r->size;
    std::printf("bytes=%zu wall_s=%.6f\n", bytes, bench::wall_now() - t0);
  } else {
    die("unknown mode " + mode);
  }
  return 0;
} catch (const std::exception& e) {
  die(e.what());
}
