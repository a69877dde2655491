#include "docker/hooks.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <mutex>

#include "docker/errors.hpp"
#include "docker/streams/buffered_reader.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::detail::iequals;

constexpr std::array<std::string_view, 6> kSecretHeaders = {
    "Authorization", "Proxy-Authorization", "X-Registry-Auth", "X-Registry-Config", "Cookie", "Set-Cookie"};

struct Observers {
  std::vector<CallHooks> hooks;
  HookOptions options;
};

using HookSlot = std::function<void(const CallInfo&)> CallHooks::*;

/// One call's record, shared by the Doer, the body reader and the hijacked
/// stream (which may live on other threads). Observers run outside the lock.
class Trace {
 public:
  Trace(std::shared_ptr<const Observers> observers, const Request& req, bool hijack)
      : observers_(std::move(observers)) {
    info_.method = req.method;
    info_.target = req.target;
    info_.request_headers = redact_headers(req.headers, observers_->options.redact_headers);
    info_.streaming = req.streaming;
    info_.hijack = hijack;
    info_.started = Clock::now();
    if (auto* bytes = std::get_if<std::string>(&req.body)) sent_ = bytes->size();
  }

  void requested() { emit(&CallHooks::on_request); }

  void head(const Response& resp) {
    {
      std::lock_guard lock(mutex_);
      info_.status = resp.status;
      info_.response_headers = redact_headers(resp.headers, observers_->options.redact_headers);
      info_.to_head = Clock::now() - info_.started;
    }
    emit(&CallHooks::on_head);
  }

  void failed_before_head(std::string what) {
    {
      std::lock_guard lock(mutex_);
      info_.error = std::move(what);
      info_.to_head = Clock::now() - info_.started;
    }
    emit(&CallHooks::on_head);
    end(false, std::nullopt);
  }

  /// The first call wins: a body ends once.
  void end(bool completed, std::optional<std::string> error) {
    {
      std::lock_guard lock(mutex_);
      if (ended_) return;
      ended_ = true;
      info_.completed = completed;
      if (error) info_.error = std::move(error);
      info_.to_end = Clock::now() - info_.started;
    }
    emit(&CallHooks::on_end);
  }

  void sent(std::size_t n) { sent_ += n; }
  void received(std::size_t n) { received_ += n; }

 private:
  void emit(HookSlot slot) {
    CallInfo snapshot;
    {
      std::lock_guard lock(mutex_);
      snapshot = info_;
    }
    snapshot.bytes_sent = sent_.load();
    snapshot.bytes_received = received_.load();
    for (const auto& hooks : observers_->hooks) {
      const auto& fn = hooks.*slot;
      if (!fn) continue;
      try {
        fn(snapshot);
      } catch (...) {
        // An observer must not turn a good call into a failed one.
      }
    }
  }

  std::shared_ptr<const Observers> observers_;
  std::mutex mutex_;
  CallInfo info_;
  bool ended_ = false;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> received_{0};
};

std::string what_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

/// Counts a streamed request body as the transport reads it.
class CountingUpload final : public ByteReader {
 public:
  CountingUpload(std::shared_ptr<ByteReader> inner, std::shared_ptr<Trace> trace)
      : inner_(std::move(inner)), trace_(std::move(trace)) {}
  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = inner_->read_some(buf);
    trace_->sent(n);
    return n;
  }

 private:
  std::shared_ptr<ByteReader> inner_;
  std::shared_ptr<Trace> trace_;
};

// Reads from `inner`; a failure ends the trace with its message.
template <class Reader>
std::size_t read_traced(Reader& inner, Trace& trace, std::span<char> buf) {
  try {
    return inner.read_some(buf);
  } catch (...) {
    trace.end(false, what_of(std::current_exception()));
    throw;
  }
}

/// The response body as the caller reads it: counts bytes, ends the trace at
/// the end of the body, on a failure, or when dropped. `Base` keeps the
/// inner body's BufferedByteReader marker (cheap small reads), which
/// OutputStream looks for.
template <class Base>
class TracedBody final : public Base {
 public:
  TracedBody(std::unique_ptr<ByteReader> inner, std::shared_ptr<Trace> trace)
      : inner_(inner ? std::move(inner) : std::make_unique<StringReader>("")), trace_(std::move(trace)) {}
  ~TracedBody() override { trace_->end(false, std::nullopt); }

  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = read_traced(*inner_, *trace_, buf);
    trace_->received(n);
    if (n == 0 && !buf.empty()) trace_->end(true, std::nullopt);  // an empty read is not the end
    return n;
  }

 private:
  std::unique_ptr<ByteReader> inner_;
  std::shared_ptr<Trace> trace_;
};

std::unique_ptr<ByteReader> traced_body(std::unique_ptr<ByteReader> inner, std::shared_ptr<Trace> trace) {
  if (dynamic_cast<BufferedByteReader*>(inner.get()) != nullptr)
    return std::make_unique<TracedBody<BufferedByteReader>>(std::move(inner), std::move(trace));
  return std::make_unique<TracedBody<ByteReader>>(std::move(inner), std::move(trace));
}

/// A hijacked connection: counts both directions; the trace ends on close().
class TracedStream final : public HijackedStream {
 public:
  TracedStream(std::unique_ptr<HijackedStream> inner, std::shared_ptr<Trace> trace)
      : inner_(std::move(inner)), trace_(std::move(trace)) {}
  ~TracedStream() override { trace_->end(saw_eof_.load(), std::nullopt); }

  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = read_traced(*inner_, *trace_, buf);
    if (n == 0 && !buf.empty()) saw_eof_ = true;
    trace_->received(n);
    return n;
  }
  using HijackedStream::write;
  void write(std::span<const char> data) override {
    inner_->write(data);
    trace_->sent(data.size());
  }
  void close_write() override { inner_->close_write(); }
  void close() override {
    inner_->close();
    trace_->end(true, std::nullopt);
  }

 private:
  std::unique_ptr<HijackedStream> inner_;
  std::shared_ptr<Trace> trace_;
  std::atomic<bool> saw_eof_{false};
};

// Runs the inner call; a failure before the response head ends the trace.
template <class Call>
auto until_head(Trace& trace, Call&& call) {
  try {
    return call();
  } catch (...) {
    trace.failed_before_head(what_of(std::current_exception()));
    throw;
  }
}

class HookedDoer final : public Doer {
 public:
  HookedDoer(std::shared_ptr<Doer> inner, std::shared_ptr<const Observers> observers)
      : inner_(std::move(inner)), observers_(std::move(observers)) {}

  Response do_request(Request req) override {
    auto trace = begin(req, false);
    Response resp = until_head(*trace, [&] { return inner_->do_request(std::move(req)); });
    trace->head(resp);
    resp.body = traced_body(std::move(resp.body), trace);
    return resp;
  }

  HijackResponse do_raw(Request req) override {
    auto trace = begin(req, true);
    HijackResponse out = until_head(*trace, [&] { return inner_->do_raw(std::move(req)); });
    trace->head(out.response);
    if (out.stream) out.stream = std::make_unique<TracedStream>(std::move(out.stream), trace);
    else out.response.body = traced_body(std::move(out.response.body), trace);
    return out;
  }

 private:
  std::shared_ptr<Trace> begin(Request& req, bool hijack) {
    auto trace = std::make_shared<Trace>(observers_, req, hijack);
    if (auto* stream = std::get_if<StreamBody>(&req.body); stream && stream->reader)
      stream->reader = std::make_shared<CountingUpload>(std::move(stream->reader), trace);
    trace->requested();
    return trace;
  }

  std::shared_ptr<Doer> inner_;
  std::shared_ptr<const Observers> observers_;
};

}  // namespace

bool is_secret_header(std::string_view name, const std::vector<std::string>& extra) {
  for (auto secret : kSecretHeaders)
    if (iequals(name, secret)) return true;
  for (const auto& secret : extra)
    if (iequals(name, secret)) return true;
  return false;
}

Headers redact_headers(const Headers& headers, const std::vector<std::string>& extra) {
  Headers out;
  for (const auto& [name, value] : headers) out.add(name, is_secret_header(name, extra) ? "<redacted>" : value);
  return out;
}

std::shared_ptr<Doer> with_hooks(std::shared_ptr<Doer> inner, std::vector<CallHooks> hooks, HookOptions options) {
  if (!inner) throw ConfigError("docker::with_hooks needs a Doer to wrap, got null");
  auto observers = std::make_shared<Observers>(Observers{std::move(hooks), std::move(options)});
  return std::make_shared<HookedDoer>(std::move(inner), std::move(observers));
}

}  // namespace docker
