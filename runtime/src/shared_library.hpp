// A library loaded at run time (dlopen) instead of linked: what the runtime
// does for the libraries only some programs need (libarchive for tar,
// OpenSSL for TLS), so that a program that never uses them does not load
// them, and what they pull in, at start-up. Each user keeps a table of typed
// function pointers (files/libarchive.hpp, transport/openssl_library.hpp) and
// turns a failure into its own typed error.
#pragma once

#include <dlfcn.h>

#include <string>

namespace docker::internal {

class SharedLibrary {
 public:
  /// dlopen(soname, RTLD_NOW | RTLD_LOCAL); loaded() says whether it worked.
  explicit SharedLibrary(const char* soname);
  /// Unloads it unless keep() was called.
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  [[nodiscard]] bool loaded() const noexcept { return handle_ != nullptr; }

  /// Sets `pointer` to the library's function `name`; after the first name
  /// that is missing, does nothing (missing() names it).
  template <class Pointer>
  void resolve(Pointer& pointer, const char* name) {
    if (handle_ == nullptr || missing_ != nullptr) return;
    void* symbol = ::dlsym(handle_, name);
    if (symbol == nullptr) {
      missing_ = name;
      reason_ = loader_error();
      return;
    }
    pointer = reinterpret_cast<Pointer>(symbol);
  }

  /// The first function resolve() did not find, or nullptr.
  [[nodiscard]] const char* missing() const noexcept { return missing_; }
  /// The loader's reason for the last failure (dlerror()).
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

  /// Leaves the library loaded for the rest of the process: the pointers
  /// resolved from it stay valid.
  void keep() noexcept { kept_ = true; }

 private:
  static std::string loader_error();

  void* handle_ = nullptr;
  const char* missing_ = nullptr;
  std::string reason_;
  bool kept_ = false;
};

}  // namespace docker::internal
