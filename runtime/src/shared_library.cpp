#include "shared_library.hpp"

namespace docker::internal {

SharedLibrary::SharedLibrary(const char* soname) {
  ::dlerror();  // clear a stale message
  handle_ = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) reason_ = loader_error();
}

SharedLibrary::~SharedLibrary() {
  if (handle_ != nullptr && !kept_) ::dlclose(handle_);
}

std::string SharedLibrary::loader_error() {
  const char* text = ::dlerror();
  return text != nullptr ? text : "unknown error";
}

}  // namespace docker::internal
