// The stdout/stderr frame demultiplexer (attach, logs, exec) over any bytes,
// in pieces of any size: frames or a typed error, never a crash.
#include "docker/streams/output_stream.hpp"

#include <cstdint>
#include <memory>
#include <span>

#include "docker/errors.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  auto [data, piece] = docker::fuzz::split_input(bytes, size);
  // A small buffer, and one with room for the scattered reads of big frames.
  for (std::size_t buffer : {std::size_t{4096}, std::size_t{20000}}) {
    for (bool multiplexed : {true, false}) {
      try {
        docker::OutputStream stream(std::make_shared<docker::fuzz::PieceReader>(data, piece), multiplexed, buffer);
        // Every way of reading, in turn: into a small and a large caller's
        // buffer (room for several frames), and by chunk.
        static char sink[40000];
        for (int turn = 0;; turn = (turn + 1) % 3) {
          if (turn == 2 ? !stream.next() : !stream.read_some(std::span<char>(sink, turn == 0 ? 1000 : sizeof sink)))
            break;
        }
      } catch (const docker::Error&) {
      }
    }
  }
  return 0;
}
