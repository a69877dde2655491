// Our client doing the peers' workloads: docker::Client over the unix-socket
// Doer, through the generated bindings (typed results, like the Go client),
// or through Client::call / Client::ping (no decode) to split transport cost
// from decode cost.
//
//   bench-ours requests ping|version|containers|inspect N [typed|call]
//                                                  (inspect: of $BENCH_CONTAINER_ID)
//   bench-ours logs CONTAINER_ID                   container_logs → OutputStream::read_some
//   bench-ours events N                            system_events(until=N) → JsonStream<EventMessage>
//                                                  (bench-logserver sends the first N events)
//   bench-ours concurrent containers|version THREADS N
//                                                  one Client shared by THREADS threads, N typed
//                                                  calls in all; connections dialed and sockets open
//   bench-ours lifecycle N                         N × create/start/wait/remove of busybox `true`
#include <dirent.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <thread>
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

// Counts the connections the pool dials (the pool keeps no public count).
class CountingDialer final : public docker::transport::Dialer {
 public:
  explicit CountingDialer(std::shared_ptr<docker::transport::Dialer> inner) : inner_(std::move(inner)) {}
  std::unique_ptr<docker::transport::Channel> dial(const docker::transport::IoCall& call,
                                                   const docker::CancellationToken& cancel) override {
    dials.fetch_add(1, std::memory_order_relaxed);
    return inner_->dial(call, cancel);
  }
  const std::string& endpoint() const override { return inner_->endpoint(); }
  std::atomic<long> dials{0};

 private:
  std::shared_ptr<docker::transport::Dialer> inner_;
};

/// Sockets this process holds open (/proc/self/fd entries that are sockets).
int open_sockets() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return -1;
  char target[64];
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string path = std::string("/proc/self/fd/") + e->d_name;
    ssize_t k = ::readlink(path.c_str(), target, sizeof target - 1);
    if (k > 7 && std::strncmp(target, "socket:", 7) == 0) ++n;
  }
  ::closedir(d);
  return n;
}

docker::ClientOptions pinned_options() {
  docker::ClientOptions options;
  // Same as every peer: API 1.41 pinned, no /_ping negotiation in the loop.
  options.pinned_version = docker::ApiVersion{1, 41};
  options.negotiate = false;
  return options;
}

// One client shared by `threads` threads, `n` typed calls in all (each thread
// its share); peak sockets sampled every 5 ms by one more thread.
int run_concurrent(const std::string& what, int threads, long n) {
  auto dialer = std::make_shared<CountingDialer>(docker::transport::make_unix_dialer(bench::socket_path()));
  docker::Client client(docker::transport::make_http_doer(dialer), api::api_version, pinned_options());
  std::function<void()> call;
  api::SystemApi system(client);
  api::ContainerApi containers(client);
  std::atomic<std::size_t> sink{0};
  if (what == "containers")
    call = [&] { sink += containers.container_list().size(); };
  else if (what == "version")
    call = [&] { sink += system.system_version().ApiVersion.has_value(); };
  else
    die("unknown workload " + what);
  call();  // warm-up: connects
  std::atomic<bool> done{false};
  std::atomic<int> peak{open_sockets()};
  std::thread sampler([&] {
    while (!done.load()) {
      int k = open_sockets();
      if (k > peak.load()) peak = k;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  long dials0 = dialer->dials.load();
  double c0 = bench::cpu_now(), t0 = bench::wall_now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    long share = n / threads + (t < n % threads ? 1 : 0);
    workers.emplace_back([&, share] {
      for (long i = 0; i < share; ++i) call();
    });
  }
  for (auto& w : workers) w.join();
  double cpu = bench::cpu_now() - c0, wall = bench::wall_now() - t0;
  done = true;
  sampler.join();
  std::printf("cpu_s=%.6f wall_s=%.6f n=%ld threads=%d dials=%ld peak_sockets=%d idle_sockets=%d maxrss_kb=%ld\n", cpu,
              wall, n, threads, dialer->dials.load() - dials0, peak.load(), open_sockets(), bench::max_rss_kb());
  return sink == std::size_t(-1);
}

// create → start → wait → remove of busybox `true`, typed calls through the
// generated bindings, labelled for clean-up, no network.
int run_lifecycle(docker::Client& client, long n) {
  api::ContainerApi containers(client);
  api::ContainerCreateParams create;
  create.body.Image = std::string("busybox:latest");
  create.body.Cmd = std::vector<std::string>{"true"};
  create.body.Labels =
      std::map<std::string, std::string>{{"org.docker-cpp.test", "1"}, {"org.docker-cpp.bench", "lifecycle"}};
  api::HostConfig host;
  host.NetworkMode = std::string("none");
  create.body.HostConfig = std::move(host);
  long exit_sum = 0;
  auto cycle = [&] {
    std::string id = containers.container_create(create).Id.value();
    api::ContainerStartParams start;
    start.id = id;
    containers.container_start(start);
    api::ContainerWaitParams wait;
    wait.id = id;
    wait.condition = "not-running";
    exit_sum += containers.container_wait(wait).StatusCode.value_or(0);
    api::ContainerDeleteParams remove;
    remove.id = id;
    containers.container_delete(remove);
  };
  cycle();  // warm-up: connects
  double c0 = bench::cpu_now(), t0 = bench::wall_now();
  for (long i = 0; i < n; ++i) cycle();
  bench::report_loop(bench::cpu_now() - c0, bench::wall_now() - t0, n);
  if (exit_sum != 0) die("a container exited with a non-zero status");
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3)
    die("usage: bench-ours requests ping|version|containers|inspect N [typed|call] | logs ID | events N | concurrent W "
        "T N | "
        "lifecycle N");
  std::string mode = argv[1];
  if (mode == "concurrent") {
    if (argc < 5) die("usage: bench-ours concurrent containers|version THREADS N");
    return run_concurrent(argv[2], std::atoi(argv[3]), std::atol(argv[4]));
  }
  docker::Client client(docker::transport::make_unix_doer(bench::socket_path()), api::api_version, pinned_options());

  if (mode == "requests") {
    std::string what = argv[2];
    long n = argc > 3 ? std::atol(argv[3]) : 2000;
    bool typed = argc <= 4 || std::strcmp(argv[4], "call") != 0;
    api::SystemApi system(client);
    api::ContainerApi containers(client);
    std::size_t sink = 0;
    api::ContainerInspectParams inspect;  // outlives `call`, which refers to it
    std::function<void()> call;
    if (what == "ping") {
      if (typed)
        call = [&] { sink += system.system_ping().size(); };
      else
        call = [&] { sink += client.ping().body.size(); };
    } else if (what == "version") {
      if (typed)
        call = [&] { sink += system.system_version().ApiVersion.has_value(); };
      else
        call = [&] {
          docker::Request r;
          r.target = "/version";
          sink += client.call(std::move(r)).body.size();
        };
    } else if (what == "containers") {
      if (typed)
        call = [&] { sink += containers.container_list().size(); };
      else
        call = [&] {
          docker::Request r;
          r.target = "/containers/json";
          sink += client.call(std::move(r)).body.size();
        };
    } else if (what == "inspect") {
      const char* id = std::getenv("BENCH_CONTAINER_ID");
      if (!id || !*id) die("inspect: set BENCH_CONTAINER_ID");
      inspect.id = id;
      if (typed)
        call = [&] { sink += containers.container_inspect(inspect).Id.has_value(); };
      else
        call = [&] {
          docker::Request r;
          r.target = "/containers/" + inspect.id + "/json";
          sink += client.call(std::move(r)).body.size();
        };
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
  } else if (mode == "events") {
    long n = std::atol(argv[2]);
    api::SystemApi system(client);
    api::SystemEventsParams p;
    p.until = "100";  // warm-up (connects, first allocations); bench-logserver sends the first 100 events
    for (auto warm = system.system_events(p); warm.next();) {
    }
    p.until = std::to_string(n);  // then the first n
    double c0 = bench::cpu_now(), t0 = bench::wall_now();
    long items = 0;
    std::size_t sink = 0;
    BENCH_COLLECT_ON();
    auto stream = system.system_events(p);
    while (auto ev = stream.next()) {
      ++items;
      sink += ev->Action.has_value();
    }
    BENCH_COLLECT_OFF();
    bench::report_loop(bench::cpu_now() - c0, bench::wall_now() - t0, items);
    if (items != n || sink != std::size_t(n))
      die("expected " + std::to_string(n) + " events, got " + std::to_string(items));
  } else if (mode == "lifecycle") {
    return run_lifecycle(client, std::atol(argv[2]));
  } else {
    die("unknown mode " + mode);
  }
  return 0;
} catch (const std::exception& e) {
  die(e.what());
}
