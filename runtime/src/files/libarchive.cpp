// Loads libarchive on first use (libarchive.hpp).
#include "libarchive.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "docker/files/tar.hpp"

namespace docker::files::internal {
namespace {

constexpr const char* kPackage = "libarchive 3.3 or later, Debian package libarchive13";

std::string loader_error() {
  const char* text = ::dlerror();
  return text ? text : "unknown error";
}

}  // namespace

LibArchive load_libarchive(const char* soname) {
  ::dlerror();  // clear a stale message
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    throw FileError(std::string("cannot load ") + soname + ", needed for tar archives (build contexts, docker cp; " +
                        kPackage + "): " + loader_error(),
                    soname);
  }
  LibArchive lib;
  const char* missing = nullptr;
  auto resolve = [&](auto& pointer, const char* name) {
    if (missing) return;
    void* symbol = ::dlsym(handle, name);
    if (!symbol) {
      missing = name;
      return;
    }
    pointer = reinterpret_cast<std::remove_reference_t<decltype(pointer)>>(symbol);
  };
#define DOCKER_CPP_LIBARCHIVE_RESOLVE(name) resolve(lib.name, #name);
  DOCKER_CPP_LIBARCHIVE_FUNCTIONS(DOCKER_CPP_LIBARCHIVE_RESOLVE)
#undef DOCKER_CPP_LIBARCHIVE_RESOLVE
  if (missing) {
    std::string reason = loader_error();
    ::dlclose(handle);
    throw FileError(std::string("cannot use ") + soname + " for tar archives: it has no " + missing + " (" + kPackage +
                        "): " + reason,
                    soname);
  }
  return lib;  // the handle stays open: the pointers live as long as the process
}

const LibArchive& libarchive() {
  // A throw leaves it uninitialised: the next call tries again.
  static const LibArchive lib = load_libarchive(kLibArchiveSoname);
  return lib;
}

}  // namespace docker::files::internal
