// OpenSSL, loaded on first use: the runtime does not link it, so a program
// that only talks to a unix socket (or tcp:// without TLS, or ssh://) does not
// load libssl and libcrypto at start-up (~2.3 MB of resident memory and their
// relocations). TLS (tls_channel.cpp) and the context store's sha256
// (config/context_store.cpp) call OpenSSL only through this table. The
// OpenSSL headers still give the prototypes and constants; OpenSSL's macros
// over these functions (SSL_set_tlsext_host_name, BIO_set_retry_read, ...)
// are spelled out where they are used.
#pragma once

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace docker::transport::internal {

static_assert(OPENSSL_VERSION_MAJOR == 3, "OpenSSL 3 (soname 3) is needed");

/// The library loaded: libssl of OpenSSL 3, which loads libcrypto; symbols of
/// both are found through its handle.
inline constexpr const char* kLibSslSoname = "libssl.so.3";

/// Every OpenSSL function the runtime calls.
#define DOCKER_CPP_OPENSSL_FUNCTIONS(X) \
  X(BIO_clear_flags)                    \
  X(BIO_get_data)                       \
  X(BIO_get_new_index)                  \
  X(BIO_meth_new)                       \
  X(BIO_meth_set_create)                \
  X(BIO_meth_set_ctrl)                  \
  X(BIO_meth_set_read)                  \
  X(BIO_meth_set_write)                 \
  X(BIO_new)                            \
  X(BIO_set_data)                       \
  X(BIO_set_flags)                      \
  X(BIO_set_init)                       \
  X(ERR_clear_error)                    \
  X(ERR_error_string_n)                 \
  X(ERR_get_error)                      \
  X(ERR_reason_error_string)            \
  X(EVP_Digest)                         \
  X(EVP_sha256)                         \
  X(SSL_CTX_check_private_key)          \
  X(SSL_CTX_ctrl)                       \
  X(SSL_CTX_free)                       \
  X(SSL_CTX_load_verify_locations)      \
  X(SSL_CTX_new)                        \
  X(SSL_CTX_set_default_verify_paths)   \
  X(SSL_CTX_set_options)                \
  X(SSL_CTX_set_verify)                 \
  X(SSL_CTX_use_PrivateKey_file)        \
  X(SSL_CTX_use_certificate_chain_file) \
  X(SSL_connect)                        \
  X(SSL_ctrl)                           \
  X(SSL_free)                           \
  X(SSL_get0_param)                     \
  X(SSL_get_error)                      \
  X(SSL_get_verify_result)              \
  X(SSL_is_init_finished)               \
  X(SSL_new)                            \
  X(SSL_pending)                        \
  X(SSL_read)                           \
  X(SSL_set1_host)                      \
  X(SSL_set_bio)                        \
  X(SSL_set_connect_state)              \
  X(SSL_shutdown)                       \
  X(SSL_write)                          \
  X(TLS_client_method)                  \
  X(X509_VERIFY_PARAM_set1_ip_asc)      \
  X(X509_verify_cert_error_string)

/// One typed pointer per function, named as the function.
struct OpenSsl {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` is a member and `::name` a function; neither can be parenthesized.
#define DOCKER_CPP_OPENSSL_MEMBER(name) decltype(&::name) name = nullptr;
  DOCKER_CPP_OPENSSL_FUNCTIONS(DOCKER_CPP_OPENSSL_MEMBER)
#undef DOCKER_CPP_OPENSSL_MEMBER
};

/// OpenSSL's functions, loaded (dlopen of kLibSslSoname, then each symbol) on
/// the first call, once per process and thread-safely; the library stays
/// loaded. Throws ConfigError naming the library and the loader's reason when
/// it cannot be loaded or lacks a function; a later call tries again.
const OpenSsl& openssl();

/// Loads `soname` and resolves every function, uncached (openssl() with
/// kLibSslSoname; tests pass other names). Throws as openssl() does.
OpenSsl load_openssl(const char* soname);

}  // namespace docker::transport::internal
