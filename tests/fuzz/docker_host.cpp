// DOCKER_HOST values and context meta.json: an endpoint or a ConfigError
// naming the input, never a crash.
#include <cstdint>
#include <string_view>

#include "docker/config/context_store.hpp"
#include "docker/config/endpoint.hpp"
#include "docker/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  for (bool tls : {false, true}) {
    try {
      (void)docker::config::parse_host(text, "DOCKER_HOST", tls).url();
    } catch (const docker::Error&) {
    }
  }
  try {
    (void)docker::config::parse_context_meta(text, "meta.json");
  } catch (const docker::Error&) {
  }
  return 0;
}
