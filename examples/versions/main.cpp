// versions: the API 1.41 and 1.55 bindings in one program. Each version is
// its own library and namespace (DockerCpp::api_v1_41 → docker::v1_41, …);
// they link together over one runtime. The bindings' version is a client's
// ceiling: it negotiates down to the daemon's version, and what that version
// lacks fails with VersionError before anything is sent.
//
// Built when the build has the 1.41 bindings: DOCKER_CPP_API_VERSIONS lists
// 1.41 (`make API="1.41 1.55"`), or the tests' version spread compiles them.
#include <iostream>

#include "docker/sdk/v1_41.hpp"
#include "docker/sdk/v1_55.hpp"
// The operations called directly below (container_stop).
#include "docker/v1_41/container_api.hpp"
#include "docker/v1_55/container_api.hpp"

// Written once for every version: the layer and the bindings are templates
// over a version's traits struct (docker::v1_NN::Api).
template <class Api>
void show(docker::sdk::Docker<Api> docker) {
  docker::Client& client = docker.client();
  std::cout << "bindings " << client.bindings_version().str() << ": talking API " << client.api_version().str() << "\n";
  auto hello = docker.run({.image = "busybox:latest", .cmd = {"echo", "hello from API " + Api::version.str()}});
  std::cout << "  run: " << hello.out;

  // A difference between versions, decided at compile time: stop takes a
  // `signal` in the specs from 1.42 on, so the 1.41 params have no member.
  typename Api::ContainerStopParams stop{.id = "versions-example-missing"};
  if constexpr (requires { stop.signal; }) {
    stop.signal = "SIGKILL";
    try {
      typename Api::ContainerApi(client).container_stop(stop);
    } catch (const docker::VersionError& e) {  // the daemon speaks less than 1.42
      std::cout << "  stop with a signal: VersionError: " << e.message() << "\n";
    } catch (const docker::NotFound&) {  // sent: the daemon knows `signal`
      std::cout << "  stop with a signal: sent, NotFound\n";
    }
  } else {
    std::cout << "  stop with a signal: not in these bindings\n";
  }
}

int main() try {
  // Two clients, each negotiating its own version with the daemon.
  show(docker::v1_41::Docker::from_env());
  show(docker::v1_55::Docker::from_env());
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "versions: " << e.what() << "\n";
  return 1;
}
