// The runtime loads libarchive on first use (runtime/src/files/libarchive.hpp):
// a library that cannot be loaded, or that lacks a function, is a FileError
// naming the library and the loader's reason.
#include <gtest/gtest.h>

#include <string>

#include "docker/files/tar.hpp"
#include "libarchive.hpp"

namespace docker::files::internal {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FilesLibArchive, MissingLibraryIsAFileErrorNamingIt) {
  try {
    (void)load_libarchive("libdocker-cpp-no-such-library.so.0");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "libdocker-cpp-no-such-library.so.0");
    // The name, what it is for, the package, and dlerror()'s reason.
    EXPECT_TRUE(contains(e.message(), "cannot load libdocker-cpp-no-such-library.so.0")) << e.message();
    EXPECT_TRUE(contains(e.message(), "tar archives")) << e.message();
    EXPECT_TRUE(contains(e.message(), "libarchive13")) << e.message();
    EXPECT_TRUE(contains(e.message(), "cannot open shared object file")) << e.message();
    EXPECT_TRUE(contains(e.what(), "libdocker-cpp-no-such-library.so.0")) << e.what();
  }
}

TEST(FilesLibArchive, LibraryWithoutTheFunctionsIsAFileErrorNamingTheFirstMissing) {
  try {
    (void)load_libarchive("libc.so.6");  // loads, but has no archive_* functions
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "libc.so.6");
    EXPECT_TRUE(contains(e.message(), "cannot use libc.so.6 for tar archives: it has no archive_entry_copy_hardlink"))
        << e.message();
  }
}

TEST(FilesLibArchive, TheInstalledLibraryHasEveryFunction) {
  const LibArchive& lib = libarchive();
  EXPECT_EQ(&lib, &libarchive());  // loaded once
#define DOCKER_CPP_EXPECT_LOADED(name) EXPECT_NE(lib.name, nullptr) << #name;
  DOCKER_CPP_LIBARCHIVE_FUNCTIONS(DOCKER_CPP_EXPECT_LOADED)
#undef DOCKER_CPP_EXPECT_LOADED
}

}  // namespace
}  // namespace docker::files::internal
