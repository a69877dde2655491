// Loads OpenSSL on first use (openssl_library.hpp).
#include "openssl_library.hpp"

#include <string>

#include "../shared_library.hpp"
#include "docker/errors.hpp"

namespace docker::transport::internal {
namespace {

constexpr const char* kUse = "TLS (tcp:// with TLS, DOCKER_TLS_VERIFY) and docker contexts";
constexpr const char* kPackage = "OpenSSL 3, Debian package libssl3";

}  // namespace

OpenSsl load_openssl(const char* soname) {
  docker::internal::SharedLibrary library(soname);
  if (!library.loaded()) {
    throw ConfigError(std::string("cannot load ") + soname + ", needed for " + kUse + " (" + kPackage +
                      "): " + library.reason());
  }
  OpenSsl lib;
#define DOCKER_CPP_OPENSSL_RESOLVE(name) library.resolve(lib.name, #name);
  DOCKER_CPP_OPENSSL_FUNCTIONS(DOCKER_CPP_OPENSSL_RESOLVE)
#undef DOCKER_CPP_OPENSSL_RESOLVE
  if (library.missing() != nullptr) {
    throw ConfigError(std::string("cannot use ") + soname + " for " + kUse + ": it has no " + library.missing() + " (" +
                      kPackage + "): " + library.reason());
  }
  library.keep();  // the pointers live as long as the process
  return lib;
}

const OpenSsl& openssl() {
  // A throw leaves it uninitialised: the next call tries again.
  static const OpenSsl lib = load_openssl(kLibSslSoname);
  return lib;
}

}  // namespace docker::transport::internal
