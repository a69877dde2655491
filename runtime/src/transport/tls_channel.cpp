#include "tls_channel.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "docker/errors.hpp"
#include "openssl_library.hpp"

namespace docker::transport::internal {
namespace {

int socket_of(BIO* bio) { return static_cast<int>(reinterpret_cast<std::intptr_t>(openssl().BIO_get_data(bio))); }

bool would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK || err == EINTR; }

int bio_write(BIO* bio, const char* data, int size) {
  openssl().BIO_clear_flags(bio, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
  ssize_t n = ::send(socket_of(bio), data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
  if (n < 0 && would_block(errno)) openssl().BIO_set_flags(bio, BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY);
  return n < 0 ? -1 : static_cast<int>(n);
}

int bio_read(BIO* bio, char* data, int size) {
  openssl().BIO_clear_flags(bio, BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
  ssize_t n = ::recv(socket_of(bio), data, static_cast<std::size_t>(size), 0);
  if (n < 0 && would_block(errno)) openssl().BIO_set_flags(bio, BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
  return n < 0 ? -1 : static_cast<int>(n);
}

long bio_ctrl(BIO*, int command, long, void*) { return command == BIO_CTRL_FLUSH ? 1 : 0; }

int bio_create(BIO* bio) {
  openssl().BIO_set_init(bio, 1);
  return 1;
}

/// A BIO over a non-blocking socket that never raises SIGPIPE.
const BIO_METHOD* socket_bio_method() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = openssl().BIO_meth_new(openssl().BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "docker-cpp socket");
    openssl().BIO_meth_set_write(m, bio_write);
    openssl().BIO_meth_set_read(m, bio_read);
    openssl().BIO_meth_set_ctrl(m, bio_ctrl);
    openssl().BIO_meth_set_create(m, bio_create);
    return m;
  }();
  return method;
}

std::string openssl_reason(unsigned long error) {
  if (error == 0) return "unknown TLS failure";
  const char* reason = openssl().ERR_reason_error_string(error);
  if (reason != nullptr) return reason;
  char buf[256];
  openssl().ERR_error_string_n(error, buf, sizeof buf);
  return buf;
}

[[noreturn]] void throw_config_error(const std::string& what) {
  throw ConfigError(what + ": " + openssl_reason(openssl().ERR_get_error()));
}

bool is_ip_address(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 || ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

TlsConfig::TlsConfig(const TlsOptions& options) : verify_peer_(options.verify_peer) {
  SSL_CTX* ctx = openssl().SSL_CTX_new(openssl().TLS_client_method());
  if (ctx == nullptr) throw_config_error("cannot create a TLS context");
  context_.reset(ctx, openssl().SSL_CTX_free);
  // SSL_CTX_set_min_proto_version, spelled out.
  openssl().SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, nullptr);
  // A peer that closes without close_notify reads as end of stream; HTTP
  // framing (Content-Length, chunked) still detects a truncated body.
  openssl().SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (!options.ca_file.empty()) {
    if (openssl().SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr) != 1)
      throw_config_error("cannot load TLS CA file " + options.ca_file);
  } else {
    openssl().SSL_CTX_set_default_verify_paths(ctx);
  }
  if (options.cert_file.empty() != options.key_file.empty())
    throw ConfigError("TLS client certificate and key must be given together");
  if (!options.cert_file.empty()) {
    if (openssl().SSL_CTX_use_certificate_chain_file(ctx, options.cert_file.c_str()) != 1)
      throw_config_error("cannot load TLS client certificate " + options.cert_file);
    if (openssl().SSL_CTX_use_PrivateKey_file(ctx, options.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
      throw_config_error("cannot load TLS client key " + options.key_file);
    if (openssl().SSL_CTX_check_private_key(ctx) != 1)
      throw_config_error("TLS client key " + options.key_file + " does not match its certificate");
  }
  openssl().SSL_CTX_set_verify(ctx, verify_peer_ ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
}

TlsChannel::~TlsChannel() {
  if (ssl_ == nullptr) return;
  // Best effort, never waits: tell the peer we are done.
  if (!interrupter_.interrupted() && !sent_close_notify_ && openssl().SSL_is_init_finished(ssl_))
    openssl().SSL_shutdown(ssl_);
  openssl().SSL_free(ssl_);
}

void TlsChannel::throw_tls_error(const IoStep& step, unsigned long error, const IoCall& call) {
  std::string reason = "TLS error: " + openssl_reason(error);
  long verify = openssl().SSL_get_verify_result(ssl_);
  if (verify != X509_V_OK) reason.append(" (").append(openssl().X509_verify_cert_error_string(verify)).append(")");
  // What a plain-HTTP port (e.g. dockerd's 2375) answers a ClientHello with.
  if (ERR_GET_REASON(error) == SSL_R_WRONG_VERSION_NUMBER)
    reason += " (the port does not speak TLS: is it a plain-HTTP endpoint? use tcp:// without TLS)";
  throw_transport_error(step, reason, call);
}

template <class Op>
int TlsChannel::drive(Op&& op, const IoCall& call, const IoStep& step) {
  for (;;) {
    throw_if_interrupted(interrupter_, call, step);
    int result, error, saved_errno;
    unsigned long queued;
    {
      std::lock_guard lock(ssl_mutex_);
      openssl().ERR_clear_error();
      result = op();
      if (result > 0) return result;
      error = openssl().SSL_get_error(ssl_, result);
      saved_errno = errno;
      queued = openssl().ERR_get_error();
    }
    switch (error) {
      case SSL_ERROR_WANT_READ: await_ready(socket_.get(), POLLIN, call, interrupter_, step); break;
      case SSL_ERROR_WANT_WRITE: await_ready(socket_.get(), POLLOUT, call, interrupter_, step); break;
      case SSL_ERROR_ZERO_RETURN: return 0;
      case SSL_ERROR_SYSCALL:
        if (queued == 0) {
          if (saved_errno == 0) return 0;
          if (!received_data_)  // e.g. TLS 1.3: the client certificate is judged after our handshake ends
            throw_transport_error(step,
                                  std::string(std::strerror(saved_errno)) +
                                      " (TLS: the server dropped the connection before sending any data;"
                                      " it may require a client certificate or refuse the one given)",
                                  call);
          throw_os_error(step, saved_errno, call);
        }
        [[fallthrough]];
      default: throw_tls_error(step, queued, call);
    }
  }
}

void TlsChannel::handshake(const TlsConfig& config, const std::string& server_name, const IoCall& call) {
  const IoStep step{"TLS handshake with", endpoint_};
  ssl_ = openssl().SSL_new(config.context());
  if (ssl_ == nullptr) throw_tls_error(step, openssl().ERR_get_error(), call);
  BIO* bio = openssl().BIO_new(socket_bio_method());
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the BIO keeps the fd in its pointer slot (socket_of reads it)
  openssl().BIO_set_data(bio, reinterpret_cast<void*>(static_cast<std::intptr_t>(socket_.get())));
  openssl().SSL_set_bio(ssl_, bio, bio);
  std::string name = server_name;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
  const bool ip = is_ip_address(name);
  // SNI carries names only (RFC 6066); SSL_set_tlsext_host_name, spelled out.
  if (!ip)
    openssl().SSL_ctrl(ssl_, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
  if (config.verify_peer()) {
    int ok = ip ? openssl().X509_VERIFY_PARAM_set1_ip_asc(openssl().SSL_get0_param(ssl_), name.c_str())
                : openssl().SSL_set1_host(ssl_, name.c_str());
    if (ok != 1) throw_transport_error(step, "invalid TLS server name " + name, call);
  }
  openssl().SSL_set_connect_state(ssl_);
  drive([&] { return openssl().SSL_connect(ssl_); }, call, step);
}

std::size_t TlsChannel::read_some(std::span<char> out, const IoCall& call) {
  const int size = static_cast<int>(std::min<std::size_t>(out.size(), 1 << 30));
  auto n = static_cast<std::size_t>(drive([&] { return openssl().SSL_read(ssl_, out.data(), size); }, call, reading()));
  if (n > 0) received_data_ = true;
  return n;
}

void TlsChannel::write_all(const char* data, std::size_t size, const IoCall& call) {
  while (size > 0) {
    const int chunk = static_cast<int>(std::min<std::size_t>(size, 1 << 30));
    int n = drive([&] { return openssl().SSL_write(ssl_, data, chunk); }, call, writing());
    if (n <= 0) throw_transport_error(writing(), "TLS connection closed", call);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void TlsChannel::write(std::span<const std::span<const char>> pieces, const IoCall& call) {
  // Small pieces (head, chunk framing) go out as one record, one syscall.
  constexpr std::size_t kGatherLimit = std::size_t{16} * 1024;
  std::size_t total = 0;
  for (auto p : pieces) total += p.size();
  if (pieces.size() > 1 && total <= kGatherLimit) {
    scratch_.clear();
    for (auto p : pieces) scratch_.append(p.data(), p.size());
    write_all(scratch_.data(), scratch_.size(), call);
    return;
  }
  for (auto p : pieces) write_all(p.data(), p.size(), call);
}

void TlsChannel::shutdown_send(const IoCall& call) {
  if (sent_close_notify_) return;
  // SSL_shutdown returns 0 once close_notify is out and the peer's has not
  // come yet: that is all a half-close needs.
  drive([&] { return openssl().SSL_shutdown(ssl_) >= 0 ? 1 : -1; }, call, {"half-close", endpoint_});
  sent_close_notify_ = true;
}

bool TlsChannel::idle_and_usable() {
  if (!socket_ || interrupter_.interrupted()) return false;
  std::lock_guard lock(ssl_mutex_);
  for (int records = 0; records < 4; ++records) {
    char byte;
    ssize_t n = ::recv(socket_.get(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) && openssl().SSL_pending(ssl_) == 0;
    if (n == 0) return false;
    // Bytes may be records without data (session tickets, key updates):
    // let OpenSSL consume them; any application data or alert is fatal.
    openssl().ERR_clear_error();
    int r = openssl().SSL_read(ssl_, &byte, 1);
    if (r > 0 || openssl().SSL_get_error(ssl_, r) != SSL_ERROR_WANT_READ) return false;
  }
  return false;
}

}  // namespace docker::transport::internal
