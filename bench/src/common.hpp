// Shared helpers of the benchmark programs: CPU time of this process, the
// daemon socket from DOCKER_HOST, and callgrind markers around the measured
// loop (no-ops unless run under valgrind --tool=callgrind --collect-atstart=no).
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define BENCH_COLLECT_ON() CALLGRIND_TOGGLE_COLLECT
#define BENCH_COLLECT_OFF() CALLGRIND_TOGGLE_COLLECT
#else
#define BENCH_COLLECT_ON() ((void)0)
#define BENCH_COLLECT_OFF() ((void)0)
#endif

namespace bench {

/// User + system CPU seconds of this process so far (getrusage).
inline double cpu_now() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

inline long max_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/// Minor page faults of this process so far (getrusage ru_minflt): first
/// touches of fresh pages, which the kernel zero-fills.
inline long minor_faults() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_minflt;
}

/// System (kernel) CPU seconds of this process so far.
inline double sys_cpu_now() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) / 1e6;
}

/// dockerd 20.10.24's GET /version body (same members and size): served by
/// bench-logserver's stand-in and decoded in process by bench-decode.
inline constexpr char kVersionBody[] =
    R"({"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41",)"
    R"("Arch":"amd64","BuildTime":"2024-05-15T12:44:52.000000000+00:00","Experimental":"false","GitCommit":"5d6db84",)"
    R"("GoVersion":"go1.19.8","KernelVersion":"6.1.0-18-amd64","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"containerd",)"
    R"("Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+b1"}},{"Name":"runc","Version":"1.1.5+ds1",)"
    R"("Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}},{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":""}}],)"
    R"("Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8",)"
    R"("Os":"linux","Arch":"amd64","KernelVersion":"6.1.0-18-amd64","BuildTime":"2024-05-15T12:44:52.000000000+00:00"})"
    "\n";

inline double wall_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// The unix socket path of DOCKER_HOST (unix:// only), default /var/run/docker.sock.
inline std::string socket_path() {
  const char* h = std::getenv("DOCKER_HOST");
  std::string host = h && *h ? h : "unix:///var/run/docker.sock";
  if (host.rfind("unix://", 0) != 0)
    throw std::runtime_error("DOCKER_HOST must be unix:// for the benchmarks: " + host);
  return host.substr(7);
}

/// The one result line every peer prints (parsed by run.sh).
inline void report_loop(double cpu_s, double wall_s, long n) {
  std::printf("cpu_s=%.6f wall_s=%.6f n=%ld maxrss_kb=%ld\n", cpu_s, wall_s, n, max_rss_kb());
}

}  // namespace bench
