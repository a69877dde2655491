// Loads libarchive on first use (libarchive.hpp).
#include "libarchive.hpp"

#include <string>

#include "../shared_library.hpp"
#include "docker/files/tar.hpp"

namespace docker::files::internal {
namespace {

constexpr const char* kPackage = "libarchive 3.3 or later, Debian package libarchive13";

}  // namespace

LibArchive load_libarchive(const char* soname) {
  docker::internal::SharedLibrary library(soname);
  if (!library.loaded()) {
    throw FileError(std::string("cannot load ") + soname + ", needed for tar archives (build contexts, docker cp; " +
                        kPackage + "): " + library.reason(),
                    soname);
  }
  LibArchive lib;
#define DOCKER_CPP_LIBARCHIVE_RESOLVE(name) library.resolve(lib.name, #name);
  DOCKER_CPP_LIBARCHIVE_FUNCTIONS(DOCKER_CPP_LIBARCHIVE_RESOLVE)
#undef DOCKER_CPP_LIBARCHIVE_RESOLVE
  if (library.missing() != nullptr) {
    throw FileError(std::string("cannot use ") + soname + " for tar archives: it has no " + library.missing() + " (" +
                        kPackage + "): " + library.reason(),
                    soname);
  }
  library.keep();  // the pointers live as long as the process
  return lib;
}

const LibArchive& libarchive() {
  // A throw leaves it uninitialised: the next call tries again.
  static const LibArchive lib = load_libarchive(kLibArchiveSoname);
  return lib;
}

}  // namespace docker::files::internal
