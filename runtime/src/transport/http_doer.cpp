// The Doer over any Dialer: pooling, the one retry of an idempotent request
// on a connection the daemon closed while it sat idle, deadlines,
// cancellation, response bodies that return their connection to the pool when
// read to the end, and hijacked streams that keep theirs.
#include <atomic>
#include <variant>

#include "../text.hpp"
#include "cancel_binding.hpp"
#include "connection_pool.hpp"
#include "docker/errors.hpp"
#include "docker/transport/transports.hpp"
#include "http_connection.hpp"

namespace docker::transport {
namespace internal {
namespace {

using docker::internal::path_of;

/// Who is calling and within which limits; outlives do_request when the body
/// or a hijacked stream carries on.
struct CallState {
  std::string method;
  std::string path;
  std::optional<Clock::time_point> deadline;
  bool streaming = false;
  CancelBinding cancel;

  /// Limits for connect, write and the response head.
  IoCall until_head() const { return {deadline, method, path}; }
  /// Limits for the body: a streamed body is never cut by the deadline.
  IoCall for_body() const { return {streaming ? std::nullopt : deadline, method, path}; }
  IoCall for_stream() const { return {std::nullopt, method, path}; }
};

/// Pulls a response body through its connection, which goes back to the pool
/// after the last byte (or is closed, if the body is abandoned early).
/// Buffered: small reads come from the connection's read buffer.
class ResponseBody final : public ByteReader {
 public:
  ResponseBody(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<HttpConnection> connection, CallState call)
      : pool_(std::move(pool)), connection_(std::move(connection)), call_(std::move(call)) {
    if (connection_ && connection_->body_complete()) finish();
  }

  std::size_t read_some(std::span<char> out) override {
    if (!connection_ || out.empty()) return 0;
    std::size_t n;
    try {
      n = connection_->read_body(out, call_.for_body());
    } catch (...) {
      call_.cancel.unbind();
      connection_.reset();
      throw;
    }
    if (n == 0 || connection_->body_complete()) finish();
    return n;
  }
  // Reads come from the connection's read buffer until it runs dry.
  bool small_reads_are_cheap() const override { return true; }

 private:
  void finish() {
    // A cancel that came as the body ended left the channel interrupted:
    // such a connection cannot carry another call.
    const bool interrupted = call_.cancel.unbind();
    if (!interrupted && connection_->reusable()) pool_->give_back(std::move(connection_));
    connection_.reset();
  }

  std::shared_ptr<ConnectionPool> pool_;
  std::unique_ptr<HttpConnection> connection_;
  CallState call_;  // declared last: unbinds before the connection closes
};

/// A connection taken over after 101 (or a 200 raw stream). Bytes the parser
/// read past the head come first. Never pooled.
class HijackedConnection final : public HijackedStream {
 public:
  HijackedConnection(std::unique_ptr<HttpConnection> connection, CallState call)
      : connection_(std::move(connection)), call_(std::move(call)) {}

  std::size_t read_some(std::span<char> out) override {
    if (out.empty() || closed_.load(std::memory_order_acquire)) return 0;
    if (auto early = connection_->buffered(); !early.empty()) {
      std::size_t n = std::min(early.size(), out.size());
      std::memcpy(out.data(), early.data(), n);
      connection_->consume_buffered(n);
      return n;
    }
    try {
      return connection_->channel().read_some(out, call_.for_stream());
    } catch (const Cancelled&) {
      if (closed_.load(std::memory_order_acquire)) return 0;  // our own close()
      throw;
    }
  }

  std::size_t read_some_scattered(std::span<const std::span<char>> pieces) override {
    // Bytes read past the head go first, by read_some.
    if (closed_.load(std::memory_order_acquire) || !connection_->buffered().empty())
      return HijackedStream::read_some_scattered(pieces);
    try {
      return connection_->channel().read_some_scattered(pieces, call_.for_stream());
    } catch (const Cancelled&) {
      if (closed_.load(std::memory_order_acquire)) return 0;  // our own close()
      throw;
    }
  }

  void write(std::span<const char> data) override {
    if (closed_.load(std::memory_order_acquire)) throw TransportError("write after close", call_.method, call_.path);
    const std::span<const char> pieces[1] = {data};
    connection_->channel().write(pieces, call_.for_stream());
  }

  void close_write() override {
    if (!closed_.load(std::memory_order_acquire)) connection_->channel().shutdown_send(call_.for_stream());
  }

  void close() override {
    closed_.store(true, std::memory_order_release);
    connection_->channel().close();
  }

 private:
  std::unique_ptr<HttpConnection> connection_;
  CallState call_;  // keeps the cancellation bound for the stream's life
  std::atomic<bool> closed_{false};
};

class HttpDoer final : public Doer {
 public:
  HttpDoer(std::shared_ptr<Dialer> dialer, TransportOptions options)
      : dialer_(std::move(dialer)),
        options_(std::move(options)),
        pool_(std::make_shared<ConnectionPool>(options_.max_idle_connections, options_.idle_timeout)) {}

  Response do_request(Request req) override {
    CallState call = start_call(req);
    auto [connection, response] = exchange(req, call);
    response.body = std::make_unique<ResponseBody>(pool_, std::move(connection), std::move(call));
    return std::move(response);
  }

  HijackResponse do_raw(Request req) override {
    CallState call = start_call(req);
    auto [connection, response] = exchange(req, call);
    HijackResponse out;
    if (response.status == 101 || is_raw_stream(response)) {
      response.body = std::make_unique<StringReader>(std::string());
      out.stream = std::make_unique<HijackedConnection>(std::move(connection), std::move(call));
    } else {
      response.body = std::make_unique<ResponseBody>(pool_, std::move(connection), std::move(call));
    }
    out.response = std::move(response);
    return out;
  }

 private:
  struct Exchange {
    std::unique_ptr<HttpConnection> connection;
    Response response;
  };

  CallState start_call(const Request& req) {
    CallState call{req.method, std::string(path_of(req.target)), req.options.deadline, req.streaming,
                   CancelBinding(req.options.cancel)};
    if (req.options.cancel.is_cancelled()) throw Cancelled("cancelled before it started", call.method, call.path);
    return call;
  }

  const std::string& host_header() const { return options_.host_header.empty() ? default_host_ : options_.host_header; }

  std::unique_ptr<HttpConnection> dial(const CallState& call, const CancellationToken& token) {
    IoCall limits = call.until_head();
    auto connect_deadline = Clock::now() + options_.connect_timeout;
    if (!limits.deadline || connect_deadline < *limits.deadline) limits.deadline = connect_deadline;
    return std::make_unique<HttpConnection>(dialer_->dial(limits, token));
  }

  /// Sends `req` and reads the response head, on a pooled connection when one
  /// is idle. If a pooled connection fails before any response byte, the
  /// daemon closed it while idle: an idempotent request is sent once more on
  /// a fresh connection; any other fails, because it may have been executed.
  Exchange exchange(const Request& req, CallState& call) {
    const bool replayable = is_idempotent(req.method) && !std::holds_alternative<StreamBody>(req.body);
    const bool no_body = req.method == "HEAD";
    // Every pooled connection is peeked first, replayable requests too: a
    // stray response on an idle connection, or an interrupt left by a
    // cancellation that came as the previous call ended, must not reach this
    // call. The retry below covers a close that races the peek.
    std::unique_ptr<HttpConnection> connection = pool_->take();
    bool reused = connection != nullptr;
    if (!connection) connection = dial(call, req.options.cancel);
    for (;;) {
      call.cancel.bind(connection->channel());
      try {
        try {
          connection->send_request(req, host_header(), call.until_head());
        } catch (const TransportError&) {
          if (auto early = connection->read_early_answer(no_body, call.until_head(), std::chrono::seconds(1)))
            return {std::move(connection), std::move(*early)};
          throw;
        }
        Response head = connection->read_head(no_body, call.until_head());
        return {std::move(connection), std::move(head)};
      } catch (const TransportError& e) {
        call.cancel.unbind();
        if (!reused || connection->response_started()) throw;
        if (!replayable)
          throw TransportError(e.message() + " (on a kept-alive connection; " + req.method +
                                   " is not retried because the daemon may have acted on it)",
                               call.method, call.path);
        connection = dial(call, req.options.cancel);
        reused = false;
      } catch (...) {
        call.cancel.unbind();
        throw;
      }
    }
  }

  std::shared_ptr<Dialer> dialer_;
  TransportOptions options_;
  std::shared_ptr<ConnectionPool> pool_;
  // "host:port" for TCP and TLS; otherwise (unix, ssh, custom) the daemon
  // ignores it, and "docker" is what the Go client sends.
  std::string default_host_ = host_of(dialer_->endpoint());

  static std::string host_of(const std::string& endpoint) {
    for (std::string_view scheme : {"tcp://", "tls://"})
      if (endpoint.starts_with(scheme)) return endpoint.substr(scheme.size());
    return "docker";
  }
};

}  // namespace
}  // namespace internal

std::shared_ptr<Doer> make_http_doer(std::shared_ptr<Dialer> dialer, TransportOptions options) {
  return std::make_shared<internal::HttpDoer>(std::move(dialer), std::move(options));
}

}  // namespace docker::transport
