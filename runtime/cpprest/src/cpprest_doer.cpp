// cpprestsdk's headers predate BOOST_ASIO_NO_DEPRECATED (which the runtime
// sets for its own code); this file shares no Asio objects with it.
#undef BOOST_ASIO_NO_DEPRECATED

#include <cpprest/http_client.h>
#include <cpprest/producerconsumerstream.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <system_error>

#include "../../src/text.hpp"
#include "docker/errors.hpp"
#include "docker/transport/cpprest.hpp"

namespace docker::transport {
namespace {
using docker::internal::path_of;

namespace http = web::http;

/// Where a failure happened, for the error's message and fields.
struct CallSite {
  std::string method;
  std::string path;
  std::string endpoint;  // "https://127.0.0.1:2376"
  bool tls = false;
};

/// A completion flag a blocked thread can also be woken from by cancellation.
struct Waiter {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  void wake(bool finished) {
    std::lock_guard lock(mutex);
    if (finished) done = true;
    cv.notify_all();
  }
};

enum class Phase { head, body };

/// Turns whatever cpprestsdk threw into the runtime's error types.
[[noreturn]] void rethrow_mapped(std::exception_ptr e, const CallSite& at, Phase phase) {
  auto fail = [&](std::string what) -> std::string {
    if (at.tls && phase == Phase::head)
      return "TLS or HTTP exchange with " + at.endpoint + " failed (cpprestsdk: " + what + ")";
    return at.endpoint + ": " + what + " (cpprestsdk)";
  };
  try {
    std::rethrow_exception(e);
  } catch (const Error&) {
    throw;
  } catch (const pplx::task_canceled&) {
    throw Cancelled("the request was cancelled", at.method, at.path);
  } catch (const http::http_exception& ex) {
    if (ex.error_code() == std::errc::timed_out) throw Timeout(fail(ex.what()), at.method, at.path);
    if (ex.error_code() == std::errc::operation_canceled)
      throw Cancelled("the request was cancelled", at.method, at.path);
    // After the head, a failure means the body did not arrive as framed.
    if (phase == Phase::body) throw ProtocolError(fail(ex.what()), at.method, at.path);
    throw TransportError(fail(ex.what()), at.method, at.path);
  } catch (const std::exception& ex) {
    if (phase == Phase::body) throw ProtocolError(fail(ex.what()), at.method, at.path);
    throw TransportError(fail(ex.what()), at.method, at.path);
  }
}

/// Waits for `task` until it completes, the deadline passes or `cancel`
/// fires; in the last two cases cancels cpprestsdk's side through `cts`.
template <class T>
T await(pplx::task<T> task, std::optional<Clock::time_point> deadline, const CancellationToken& cancel,
        pplx::cancellation_token_source& cts, const CallSite& at, Phase phase) {
  auto waiter = std::make_shared<Waiter>();
  task.then([waiter](pplx::task<T> finished) {
    // Observe the outcome here too: pplx aborts the process when a failed
    // task's exception is never observed (an abandoned, timed-out request).
    try {
      finished.wait();
      finished.get();
    } catch (...) {
    }
    waiter->wake(true);
  });
  auto registration = cancel.on_cancel([waiter] { waiter->wake(false); });
  enum class Outcome { done, cancelled, timed_out } outcome = Outcome::done;
  {
    std::unique_lock lock(waiter->mutex);
    while (!waiter->done) {
      if (cancel.is_cancelled()) {
        outcome = Outcome::cancelled;
        break;
      }
      if (!deadline) {
        waiter->cv.wait(lock);
      } else if (waiter->cv.wait_until(lock, *deadline) == std::cv_status::timeout && !waiter->done) {
        outcome = Outcome::timed_out;
        break;
      }
    }
  }
  // Outside the lock: cancelling may complete the task (and run the
  // continuation that takes it) on this thread.
  if (outcome != Outcome::done) {
    registration.reset();
    cts.cancel();
    if (outcome == Outcome::cancelled) throw Cancelled("the request was cancelled", at.method, at.path);
    throw Timeout("no answer from " + at.endpoint + " before the deadline", at.method, at.path);
  }
  try {
    return task.get();
  } catch (...) {
    rethrow_mapped(std::current_exception(), at, phase);
  }
}

/// The response body as cpprestsdk buffers it: each read waits for one byte,
/// then takes whatever else has arrived (a stream's events come one by one).
class CpprestBody final : public ByteReader {
 public:
  CpprestBody(http::http_response response, std::shared_ptr<pplx::cancellation_token_source> cts,
              std::optional<Clock::time_point> deadline, CancellationToken cancel, CallSite at)
      : response_(std::move(response)),
        buffer_(response_.body().streambuf()),
        cts_(std::move(cts)),
        deadline_(deadline),
        cancel_(std::move(cancel)),
        at_(std::move(at)) {
    // A body dropped early fails later (the connection closes): observe that
    // outcome so pplx does not abort on an unobserved exception.
    response_.content_ready().then([](pplx::task<http::http_response> done) {
      try {
        done.get();
      } catch (...) {
      }
    });
  }
  /// Dropped before its end (an event stream, say): stop receiving it.
  ~CpprestBody() override {
    if (!ended_) cts_->cancel();
  }

  std::size_t read_some(std::span<char> buf) override {
    if (buf.empty() || ended_) return 0;
    auto* out = reinterpret_cast<std::uint8_t*>(buf.data());
    std::size_t n = await(buffer_.getn(out, 1), deadline_, cancel_, *cts_, at_, Phase::body);
    if (n == 0) {
      // End of the buffer: a body cut short shows here, as content_ready's error.
      ended_ = true;
      await(response_.content_ready(), deadline_, cancel_, *cts_, at_, Phase::body);
      return 0;
    }
    std::size_t more = std::min<std::size_t>(buffer_.in_avail(), buf.size() - 1);
    // Already buffered: this completes at once.
    if (more > 0) n += await(buffer_.getn(out + 1, more), deadline_, cancel_, *cts_, at_, Phase::body);
    return n;
  }

 private:
  http::http_response response_;
  concurrency::streams::streambuf<std::uint8_t> buffer_;
  std::shared_ptr<pplx::cancellation_token_source> cts_;
  std::optional<Clock::time_point> deadline_;
  CancellationToken cancel_;
  CallSite at_;
  bool ended_ = false;
};

concurrency::streams::istream body_stream(std::string bytes) {
  concurrency::streams::producer_consumer_buffer<std::uint8_t> buffer;
  buffer.putn_nocopy(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()).wait();
  buffer.close(std::ios_base::out).wait();
  return buffer.create_istream();
}

void require_readable(const std::string& file, const char* what) {
  if (file.empty()) return;
  if (!std::ifstream(file).good()) throw ConfigError(std::string("cannot read the ") + what + " " + file);
}

class CpprestDoer final : public Doer {
 public:
  CpprestDoer(std::string host, std::uint16_t port, std::optional<TlsOptions> tls, TransportOptions options)
      : endpoint_((tls ? "https://" : "http://") + host + ":" + std::to_string(port)),
        tls_(tls.has_value()),
        client_(web::uri(endpoint_), config(tls, options)) {}

  Response do_request(Request req) override {
    const CallSite at{req.method, std::string(path_of(req.target)), endpoint_, tls_};
    http::http_request request(req.method);
    request.set_request_uri(web::uri(req.target));
    for (const auto& [name, value] : req.headers) request.headers().add(name, value);
    if (auto* bytes = std::get_if<std::string>(&req.body)) {
      const auto size = bytes->size();  // before the move: argument order is unspecified
      request.set_body(body_stream(std::move(*bytes)), size);
    } else if (auto* stream = std::get_if<StreamBody>(&req.body); stream && stream->reader) {
      std::string all = stream->reader->read_all(std::size_t{1} << 34);
      if (stream->length)
        request.set_body(body_stream(std::move(all)), *stream->length);
      else
        request.set_body(body_stream(std::move(all)));  // chunked
    }
    if (!req.headers.contains("Content-Type") && !std::holds_alternative<std::monostate>(req.body))
      request.headers().remove(http::header_names::content_type);

    auto cts = std::make_shared<pplx::cancellation_token_source>();
    auto response = await(client_.request(request, cts->get_token()), req.options.deadline, req.options.cancel, *cts,
                          at, Phase::head);
    Response out;
    out.status = response.status_code();
    out.reason = response.reason_phrase();
    for (const auto& [name, value] : response.headers()) out.headers.add(name, value);
    auto body_deadline = req.streaming ? std::nullopt : req.options.deadline;
    out.body =
        std::make_unique<CpprestBody>(std::move(response), std::move(cts), body_deadline, req.options.cancel, at);
    return out;
  }

  HijackResponse do_raw(Request req) override {
    throw Unsupported(
        "the cpprestsdk transport cannot take over a connection (attach, exec start and "
        "other hijacked streams); use the built-in tcp or tls transport for these calls",
        req.method, std::string(path_of(req.target)));
  }

 private:
  static http::client::http_client_config config(const std::optional<TlsOptions>& tls,
                                                 const TransportOptions& options) {
    http::client::http_client_config config;
    config.set_timeout(options.connect_timeout);
    if (!tls) return config;
    require_readable(tls->ca_file, "CA certificate");
    require_readable(tls->cert_file, "client certificate");
    require_readable(tls->key_file, "client key");
    if ((tls->cert_file.empty()) != (tls->key_file.empty()))
      throw ConfigError("a client certificate needs its key (and a key its certificate)");
    config.set_validate_certificates(tls->verify_peer);
    config.set_ssl_context_callback([tls = *tls](boost::asio::ssl::context& context) {
      if (!tls.ca_file.empty())
        context.load_verify_file(tls.ca_file);
      else
        context.set_default_verify_paths();
      if (!tls.cert_file.empty()) {
        context.use_certificate_chain_file(tls.cert_file);
        context.use_private_key_file(tls.key_file, boost::asio::ssl::context::pem);
      }
    });
    return config;
  }

  std::string endpoint_;
  bool tls_;
  http::client::http_client client_;
};

}  // namespace

std::shared_ptr<Doer> make_cpprest_doer(std::string host, std::uint16_t port, std::optional<TlsOptions> tls,
                                        TransportOptions options) {
  return std::make_shared<CpprestDoer>(std::move(host), port, std::move(tls), std::move(options));
}

std::shared_ptr<Doer> make_cpprest_doer(const config::Endpoint& endpoint, const TransportOptions& options) {
  const auto* tcp = std::get_if<config::TcpAddress>(&endpoint.address);
  if (!tcp)
    throw ConfigError("endpoint " + endpoint.original + " (" + endpoint.source +
                      "): the cpprest transport reaches tcp:// endpoints only");
  if (!tcp->base_path.empty())
    throw ConfigError("endpoint " + endpoint.original + " (" + endpoint.source +
                      "): a path after host:port is not supported");
  if (!endpoint.tls) return make_cpprest_doer(tcp->host, tcp->port, std::nullopt, options);
  auto file = [&](const config::PemSource& pem, const char* what) {
    if (!pem.pem.empty() && pem.file.empty())
      throw ConfigError(std::string(what) + " given as PEM text; the cpprest transport loads files");
    return pem.file.string();
  };
  TlsOptions tls;
  tls.ca_file = file(endpoint.tls->ca, "CA certificate");
  tls.cert_file = file(endpoint.tls->cert, "client certificate");
  tls.key_file = file(endpoint.tls->key, "client key");
  tls.verify_peer = endpoint.tls->verify;
  return make_cpprest_doer(tcp->host, tcp->port, std::move(tls), options);
}

}  // namespace docker::transport
