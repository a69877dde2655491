// The JSON reader and the generated decoders: any byte string gives a model
// or a DecodeError, never a crash, a hang or unbounded recursion.
#include <cstdint>
#include <string_view>
#include <vector>

#include "docker/model/codec.hpp"
#include "docker/v1_55.hpp"

namespace api = docker::v1_55;

template <class T>
void try_decode(std::string_view text) {
  try {
    T value = docker::decode<T>(text);
    (void)docker::encode(value);  // what decoded must encode again
  } catch (const docker::Error&) {
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)docker::internal::parse_json(text);
  } catch (const docker::Error&) {
  }
  try_decode<std::vector<api::ContainerSummary>>(text);
  try_decode<api::ContainerInspectResponse>(text);
  try_decode<api::SystemInfo>(text);
  try_decode<api::SystemVersion>(text);
  try_decode<api::EventMessage>(text);
  try_decode<std::vector<api::ImageSummary>>(text);
  return 0;
}
