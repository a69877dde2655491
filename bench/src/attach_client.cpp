// bench-attach attach|exec ID [reader|tagged]: a process's output read to
// its end through the layer, as a program streaming it does: Docker::from_env,
// then Container::attach() or Container::exec_attached({"cat"}), then
//   reader: the layer's plain stdout reader (Output::stdout_reader()->read_some),
//   tagged: every chunk with its stream (Output::read_some),
// into one 64 KiB buffer. Prints bytes= and wall_s= from the request to the
// end (bench-exec adds the whole process's CPU and peak RSS).
#include <cstdio>
#include <cstring>
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include "common.hpp"
#include DOCKER_BENCH_SDK_HEADER

namespace {

// Reads `output` to its end; returns the bytes read.
template <class Output>
std::size_t drain(Output& output, bool tagged) {
  std::vector<char> buf(64 * 1024);
  std::span<char> dest(buf.data(), buf.size());
  std::size_t bytes = 0;
  if (tagged) {
    while (auto r = output.read_some(dest)) bytes += r->size;
  } else {
    auto out = output.stdout_reader();
    while (std::size_t n = out->read_some(dest)) bytes += n;
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3 || (std::strcmp(argv[1], "attach") != 0 && std::strcmp(argv[1], "exec") != 0)) {
    std::cerr << "usage: bench-attach attach|exec CONTAINER_ID [reader|tagged]\n";
    return 2;
  }
  bool tagged = argc > 3 && std::strcmp(argv[3], "tagged") == 0;
  auto docker = docker::DOCKER_BENCH_API_NS::Docker::from_env();
  auto container = docker.container(argv[2]);
  double t0 = bench::wall_now();
  std::size_t bytes;
  if (std::strcmp(argv[1], "attach") == 0) {
    auto attachment = container.attach();
    bytes = drain(attachment.output(), tagged);
  } else {
    auto session = container.exec_attached({"cat"});
    bytes = drain(session.output(), tagged);
  }
  std::printf("bytes=%zu wall_s=%.6f\n", bytes, bench::wall_now() - t0);
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "bench-attach: " << e.what() << "\n";
  return 1;
}
