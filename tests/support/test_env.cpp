#include "support/test_env.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "docker/connect.hpp"

namespace docker::testing {

std::shared_ptr<Doer> doer_from_env() { return make_doer(resolve_endpoint()); }

std::unique_ptr<Client> client_from_env(ApiVersion version) { return connect(version); }

std::string unique_name(std::string_view what) {
  static std::atomic<int> counter{0};
  return std::string(kTestPrefix) + "-" + std::string(what) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

}  // namespace docker::testing
