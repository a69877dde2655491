// bench-exec CMD ARGS...: runs CMD, forwards its output, then prints the
// whole-process cost of the child measured by wait4(): user+sys CPU seconds,
// max RSS, wall time. Used for the peers whose in-process numbers exclude
// start-up (or that cannot report RSS themselves): Go, Python, the CLI.
// The child gets BENCH_T0_NS: CLOCK_REALTIME in ns right before its execvp.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "common.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench-exec CMD ARGS...\n");
    return 2;
  }
  std::fflush(stdout);
  double t0 = bench::wall_now();
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    return 1;
  }
  if (pid == 0) {
    // The exec moment, for programs that report their own start-up (bench-startup).
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    setenv("BENCH_T0_NS", std::to_string(ts.tv_sec * 1000000000LL + ts.tv_nsec).c_str(), 1);
    execvp(argv[1], argv + 1);
    std::fprintf(stderr, "bench-exec: %s: %s\n", argv[1], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) < 0) {
    std::perror("wait4");
    return 1;
  }
  double wall = bench::wall_now() - t0;
  double cpu =
      double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  std::printf("proc_cpu_s=%.6f proc_maxrss_kb=%ld proc_wall_s=%.6f\n", cpu, ru.ru_maxrss, wall);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
