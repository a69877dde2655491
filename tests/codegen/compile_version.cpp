// Links a whole generated API version and checks its version constants.
#include <cstdio>

#include DOCKER_CPP_UMBRELLA

int main() {
  namespace api = docker::DOCKER_CPP_NS;
  std::printf("API %s from spec sha256 %s, generator %s\n", api::api_version_string.data(), api::spec_sha256.data(),
              api::generator_version.data());
  return api::api_version_string == api::api_version.str() && api::spec_sha256.size() == 64 ? 0 : 1;
}
