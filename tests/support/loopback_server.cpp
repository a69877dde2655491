// Beast is header-only: every translation unit of one program must see it
// configured alike, or the linker mixes two layouts of the same inline code
// (the runtime builds it with these two).
#define BOOST_BEAST_USE_STD_STRING_VIEW
#define BOOST_ASIO_NO_DEPRECATED

#include "support/loopback_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

namespace docker::testing {
namespace {

std::string make_temp_dir(const char* prefix) {
  std::string templ = std::string("/tmp/") + prefix + "XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return templ;
}

void run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) throw std::runtime_error("command failed: " + command);
}

void block_sigpipe_in_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SSL* as_ssl(void* p) { return static_cast<SSL*>(p); }

}  // namespace

const LoopbackTlsFiles& loopback_tls_files() {
  static const LoopbackTlsFiles files = [] {
    LoopbackTlsFiles f;
    f.dir = make_temp_dir("docker-cpp-tls-");
    const std::string d = f.dir + "/";
    const std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
    run("openssl req -x509" + ec + "-keyout " + d + "ca-key.pem -out " + d + "ca.pem -days 2 -subj /CN=loopback-ca");
    run("openssl req -x509" + ec + "-keyout " + d + "other-ca-key.pem -out " + d +
        "other-ca.pem -days 2 -subj /CN=other-ca");
    for (std::string who : {"server", "client"}) {
      std::string ext = d + who + ".ext";
      std::string text = who == "server" ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                                         : "extendedKeyUsage=clientAuth\n";
      FILE* out = std::fopen(ext.c_str(), "w");
      std::fputs(text.c_str(), out);
      std::fclose(out);
      run("openssl req" + ec + "-keyout " + d + who + "-key.pem -out " + d + who +
          ".csr -subj /CN=" + (who == "server" ? std::string("localhost") : std::string("loopback-client")));
      run("openssl x509 -req -in " + d + who + ".csr -CA " + d + "ca.pem -CAkey " + d +
          "ca-key.pem -CAcreateserial -out " + d + who + ".pem -days 2 -extfile " + ext);
    }
    f.ca_cert = d + "ca.pem";
    f.other_ca_cert = d + "other-ca.pem";
    f.server_cert = d + "server.pem";
    f.server_key = d + "server-key.pem";
    f.client_cert = d + "client.pem";
    f.client_key = d + "client-key.pem";
    return f;
  }();
  return files;
}

std::optional<std::string> PeerRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  return std::nullopt;
}

PeerConnection::PeerConnection(LoopbackServer& server, int fd, void* ssl, int index)
    : server_(server), fd_(fd), ssl_(ssl), index_(index) {}

PeerConnection::~PeerConnection() { close(); }

std::size_t PeerConnection::raw_read(char* buf, std::size_t size) {
  if (closed_) return 0;
  if (ssl_ != nullptr) {
    int n = SSL_read(as_ssl(ssl_), buf, static_cast<int>(size));
    return n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  ssize_t n = ::recv(fd_, buf, size, 0);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

void PeerConnection::raw_write(const char* buf, std::size_t size) {
  if (closed_) return;
  if (ssl_ != nullptr) {
    if (SSL_write(as_ssl(ssl_), buf, static_cast<int>(size)) <= 0) write_failed_ = true;
    return;
  }
  while (size > 0) {
    ssize_t n = ::send(fd_, buf, size, MSG_NOSIGNAL);
    if (n <= 0) {
      write_failed_ = true;
      return;
    }
    buf += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::optional<PeerRequest> PeerConnection::read_request() {
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.eager(true);
  char buf[16384];
  for (;;) {
    if (!buffered_.empty()) {
      boost::beast::error_code ec;
      std::size_t used = parser.put(boost::asio::buffer(buffered_.data(), buffered_.size()), ec);
      buffered_.erase(0, used);
      if (ec && ec != http::error::need_more) return std::nullopt;
      if (parser.is_done()) break;
    }
    std::size_t n = raw_read(buf, sizeof buf);
    if (n == 0) return std::nullopt;
    buffered_.append(buf, n);
  }
  auto message = parser.release();
  PeerRequest req;
  req.method = std::string(message.method_string());
  req.target = std::string(message.target());
  for (const auto& field : message)
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  req.chunked = message.chunked();
  req.body = std::move(message.body());
  ++server_.requests_;
  return req;
}

void PeerConnection::send(std::string_view bytes, std::size_t piece, std::chrono::microseconds pause) {
  if (piece == 0) piece = bytes.size();
  while (!bytes.empty()) {
    std::size_t n = std::min(piece, bytes.size());
    raw_write(bytes.data(), n);
    bytes.remove_prefix(n);
    if (pause.count() > 0 && !bytes.empty()) std::this_thread::sleep_for(pause);
  }
}

void PeerConnection::respond(int status, std::string_view body, std::string_view extra_headers) {
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out.append(extra_headers).append("\r\n").append(body);
  send(out);
}

std::string PeerConnection::read_some() {
  if (!buffered_.empty()) return std::exchange(buffered_, {});
  char buf[16384];
  return std::string(buf, raw_read(buf, sizeof buf));
}

bool PeerConnection::read_until_eof(std::string& out, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  out += std::exchange(buffered_, {});
  char buf[16384];
  while (std::chrono::steady_clock::now() < end) {
    if (ssl_ == nullptr || SSL_pending(as_ssl(ssl_)) == 0) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
    }
    if (ssl_ != nullptr) {
      int n = SSL_read(as_ssl(ssl_), buf, sizeof buf);
      if (n > 0) {
        out.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      int err = SSL_get_error(as_ssl(ssl_), n);
      if (err == SSL_ERROR_WANT_READ) continue;
      return err == SSL_ERROR_ZERO_RETURN;  // close_notify: the client half-closed
    }
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return false;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

void PeerConnection::shutdown_write() {
  if (ssl_ != nullptr) SSL_shutdown(as_ssl(ssl_));
  ::shutdown(fd_, SHUT_WR);
}

void PeerConnection::close() {
  if (closed_) return;
  closed_ = true;
  if (ssl_ != nullptr) {
    SSL_shutdown(as_ssl(ssl_));
    SSL_free(as_ssl(ssl_));
    ssl_ = nullptr;
  }
  ::shutdown(fd_, SHUT_RDWR);
}

bool PeerConnection::broken() const { return closed_ || write_failed_ || server_.stopping(); }

void PeerConnection::hang() {
  std::unique_lock lock(server_.mutex_);
  server_.stopped_.wait(lock, [&] { return server_.stopping(); });
}

LoopbackServer::LoopbackServer(PeerKind kind, Handler handler, LoopbackOptions options)
    : kind_(kind), handler_(std::move(handler)), options_(options) {
  if (kind == PeerKind::unix_socket) {
    dir_ = make_temp_dir("docker-cpp-peer-");
    socket_path_ = dir_ + "/peer.sock";
    listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket_path_.c_str(), sizeof addr.sun_path - 1);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("bind " + socket_path_ + ": " + std::strerror(errno));
  } else {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error(std::string("bind 127.0.0.1: ") + std::strerror(errno));
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  if (kind == PeerKind::tls) {
    const auto& files = loopback_tls_files();
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate_chain_file(ctx, files.server_cert.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, files.server_key.c_str(), SSL_FILETYPE_PEM);
    if (options_.require_client_cert) {
      SSL_CTX_load_verify_locations(ctx, files.ca_cert.c_str(), nullptr);
      SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
    tls_context_ = ctx;
  }
  ::listen(listen_fd_, 64);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
  stop();
  if (tls_context_ != nullptr) SSL_CTX_free(static_cast<SSL_CTX*>(tls_context_));
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

void LoopbackServer::accept_loop() {
  block_sigpipe_in_this_thread();
  for (;;) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) < 0 && errno != EINTR) return;
    if (stopping()) return;
    if ((p.revents & POLLIN) == 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int index = ++accepts_;
    std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    ++active_;
    workers_.emplace_back([this, fd, index] { serve(fd, index); });
  }
}

void LoopbackServer::serve(int fd, int index) {
  block_sigpipe_in_this_thread();
  timeval timeout{10, 0};  // a broken test must not hang the suite
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (kind_ == PeerKind::tcp || kind_ == PeerKind::tls) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  SSL* ssl = nullptr;
  bool ok = true;
  if (tls_context_ != nullptr) {
    ssl = SSL_new(static_cast<SSL_CTX*>(tls_context_));
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
      SSL_free(ssl);
      ssl = nullptr;
      ok = false;
    }
  }
  if (ok) {
    PeerConnection connection(*this, fd, ssl, index);
    try {
      handler_(connection);
    } catch (...) {
    }
  }
  {
    std::lock_guard lock(mutex_);
    std::erase(open_fds_, fd);
    ::close(fd);
    --active_;
  }
  stopped_.notify_all();
}

bool LoopbackServer::wait_idle(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return stopped_.wait_for(lock, limit, [&] { return active_.load() == 0; });
}

void LoopbackServer::stop() {
  if (stopping_.exchange(true)) return;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
  }
  stopped_.notify_all();
  for (auto& t : workers) t.join();
  ::close(listen_fd_);
}

}  // namespace docker::testing
