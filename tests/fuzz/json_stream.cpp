// JSON-message streams (events, pull/build progress) over any bytes, in
// pieces of any size: messages or a typed error, never a crash.
#include "docker/streams/json_stream.hpp"

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>  // JsonMessageReader::next() returns the message as a DOM

#include "docker/v1_55.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  auto [data, piece] = docker::fuzz::split_input(bytes, size);
  try {
    docker::JsonMessageReader reader(std::make_shared<docker::fuzz::PieceReader>(data, piece), 64 * 1024);
    while (reader.next()) {
    }
  } catch (const docker::Error&) {
  }
  try {
    docker::JsonStream<docker::v1_55::EventMessage> events(std::make_shared<docker::fuzz::PieceReader>(data, piece));
    while (events.next()) {
    }
  } catch (const docker::Error&) {
  }
  return 0;
}
