// The stdout/stderr frame demultiplexer (attach, logs, exec) over any bytes,
// in pieces of any size: frames or a typed error, never a crash.
#include "docker/streams/output_stream.hpp"

#include <cstdint>
#include <memory>

#include "docker/errors.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  auto [data, piece] = docker::fuzz::split_input(bytes, size);
  for (bool multiplexed : {true, false}) {
    try {
      docker::OutputStream stream(std::make_shared<docker::fuzz::PieceReader>(data, piece), multiplexed, 4096);
      // Both ways of reading, alternately: into the caller's buffer and by chunk.
      char sink[1000];
      for (bool into_sink = true;; into_sink = !into_sink) {
        if (into_sink ? !stream.read_some(sink) : !stream.next()) break;
      }
    } catch (const docker::Error&) {
    }
  }
  return 0;
}
