// The runtime loads OpenSSL on first use (runtime/src/transport/
// openssl_library.hpp): a library that cannot be loaded, or that lacks a
// function, is a ConfigError naming the library, what needs it and the
// loader's reason.
#include <gtest/gtest.h>

#include <string>

#include "docker/errors.hpp"
#include "openssl_library.hpp"

namespace docker::transport::internal {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(TransportOpenSsl, MissingLibraryIsAConfigErrorNamingIt) {
  try {
    (void)load_openssl("libdocker-cpp-no-such-library.so.0");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(contains(e.message(), "cannot load libdocker-cpp-no-such-library.so.0")) << e.message();
    EXPECT_TRUE(contains(e.message(), "TLS")) << e.message();
    EXPECT_TRUE(contains(e.message(), "libssl3")) << e.message();
    EXPECT_TRUE(contains(e.message(), "cannot open shared object file")) << e.message();
  }
}

TEST(TransportOpenSsl, LibraryWithoutTheFunctionsIsAConfigErrorNamingTheFirstMissing) {
  try {
    (void)load_openssl("libc.so.6");  // loads, but has no OpenSSL functions
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(contains(e.message(), "cannot use libc.so.6 for TLS")) << e.message();
    EXPECT_TRUE(contains(e.message(), "it has no BIO_clear_flags")) << e.message();
  }
}

TEST(TransportOpenSsl, TheInstalledLibraryHasEveryFunction) {
  const OpenSsl& lib = openssl();
  EXPECT_EQ(&lib, &openssl());  // loaded once
#define DOCKER_CPP_EXPECT_LOADED(name) EXPECT_NE(lib.name, nullptr) << #name;
  DOCKER_CPP_OPENSSL_FUNCTIONS(DOCKER_CPP_EXPECT_LOADED)
#undef DOCKER_CPP_EXPECT_LOADED
  // The table calls the library: sha256 of "abc" (FIPS 180-2's example).
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ASSERT_EQ(lib.EVP_Digest("abc", 3, digest, &length, lib.EVP_sha256(), nullptr), 1);
  ASSERT_EQ(length, 32u);
  EXPECT_EQ(digest[0], 0xba);
  EXPECT_EQ(digest[31], 0xad);
}

}  // namespace
}  // namespace docker::transport::internal
