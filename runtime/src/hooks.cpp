#include "docker/hooks.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <mutex>
#include <span>
#include <type_traits>

#include "docker/errors.hpp"
#include "status_error.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::internal::iequals;

constexpr std::array<std::string_view, 6> kSecretHeaders = {
    "Authorization", "Proxy-Authorization", "X-Registry-Auth", "X-Registry-Config", "Cookie", "Set-Cookie"};

struct Observers {
  std::vector<CallHooks> hooks;
  HookOptions options;
};

using HookSlot = std::function<void(const CallInfo&)> CallHooks::*;

std::string what_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(std::move(e));
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

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

  /// Lets each hook add headers to the request; runs before anyone else sees
  /// the trace, so no lock.
  void add_headers(Headers& headers) {
    bool ran = false;
    for (const auto& hooks : observers_->hooks) {
      if (!hooks.add_headers) continue;
      ran = true;
      try {
        hooks.add_headers(info_, headers);
      } catch (...) {
        // As for observers: a hook's bug must not fail the call.
      }
    }
    if (ran) info_.request_headers = redact_headers(headers, observers_->options.redact_headers);
  }

  void requested() { emit(&CallHooks::on_request); }

  void head(const Response& resp) {
    {
      std::lock_guard lock(mutex_);
      info_.status = resp.status;
      info_.response_headers = redact_headers(resp.headers, observers_->options.redact_headers);
      info_.to_head = Clock::now() - info_.started;
      reason_ = resp.reason;
    }
    emit(&CallHooks::on_head);
  }

  /// Whether the body is an error's, to be kept for on_end's typed error.
  bool error_status() {
    std::lock_guard lock(mutex_);
    return info_.status >= 300;
  }

  void failed_before_head(std::exception_ptr failure) {
    {
      std::lock_guard lock(mutex_);
      info_.error = what_of(failure);
      info_.exception = failure;
      info_.to_head = Clock::now() - info_.started;
    }
    emit(&CallHooks::on_head);
    end(false, std::move(failure));
  }

  /// The first call wins: a body ends once. `failure`: what reading threw;
  /// `error_body`: what was kept of an error status's body.
  void end(bool completed, std::exception_ptr failure, std::string_view error_body = {}) {
    {
      std::lock_guard lock(mutex_);
      if (ended_) return;
      ended_ = true;
      info_.completed = completed;
      if (failure) {
        info_.error = what_of(failure);
        info_.exception = std::move(failure);
      } else if (info_.status >= 300) {
        info_.exception = status_error(error_body);
      }
      info_.to_end = Clock::now() - info_.started;
    }
    emit(&CallHooks::on_end);
  }

  void sent(std::size_t n) { sent_ += n; }
  void received(std::size_t n) { received_ += n; }

 private:
  // The error Client raises for this status (under the lock).
  std::exception_ptr status_error(std::string_view body) const {
    try {
      internal::throw_response_status(info_.status, std::string(body), reason_, info_.response_headers, info_.method,
                                      std::string(internal::path_of(info_.target)));
    } catch (...) {
      return std::current_exception();
    }
  }

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
  std::string reason_;
  bool ended_ = false;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> received_{0};
};

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
  bool small_reads_are_cheap() const override { return inner_->small_reads_are_cheap(); }

 private:
  std::shared_ptr<ByteReader> inner_;
  std::shared_ptr<Trace> trace_;
};

// Reads from `inner` (read_some or read_some_scattered, as `into` is one
// buffer or several); a failure ends the trace with it.
template <class Reader, class Into>
std::size_t read_traced(Reader& inner, Trace& trace, Into into) {
  try {
    if constexpr (std::is_same_v<Into, std::span<char>>)
      return inner.read_some(into);
    else
      return inner.read_some_scattered(into);
  } catch (...) {
    trace.end(false, std::current_exception());
    throw;
  }
}

/// The response body as the caller reads it: counts bytes, keeps the start
/// of an error status's body (for the typed error), and ends the trace at
/// the end of the body, on a failure, or when dropped.
class TracedBody final : public ByteReader {
 public:
  TracedBody(std::unique_ptr<ByteReader> inner, std::shared_ptr<Trace> trace)
      : inner_(inner ? std::move(inner) : std::make_unique<StringReader>("")),
        trace_(std::move(trace)),
        keep_error_body_(trace_->error_status()) {}
  ~TracedBody() override { trace_->end(false, nullptr, kept_); }

  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = read_traced(*inner_, *trace_, buf);
    trace_->received(n);
    if (keep_error_body_ && kept_.size() < kMaxKeptErrorBody)
      kept_.append(buf.data(), std::min(n, kMaxKeptErrorBody - kept_.size()));
    if (n == 0 && !buf.empty()) trace_->end(true, nullptr, kept_);  // an empty read is not the end
    return n;
  }
  // OutputStream's fast path must survive the wrapping.
  bool small_reads_are_cheap() const override { return inner_->small_reads_are_cheap(); }

 private:
  std::unique_ptr<ByteReader> inner_;
  std::shared_ptr<Trace> trace_;
  bool keep_error_body_;
  std::string kept_;
};

/// A hijacked connection: counts both directions; the trace ends on close().
class TracedStream final : public HijackedStream {
 public:
  TracedStream(std::unique_ptr<HijackedStream> inner, std::shared_ptr<Trace> trace)
      : inner_(std::move(inner)), trace_(std::move(trace)) {}
  ~TracedStream() override { trace_->end(saw_eof_.load(), nullptr); }

  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = read_traced(*inner_, *trace_, buf);
    if (n == 0 && !buf.empty()) saw_eof_ = true;
    trace_->received(n);
    return n;
  }
  // OutputStream's scattered reads must survive the wrapping.
  std::size_t read_some_scattered(std::span<const std::span<char>> pieces) override {
    std::size_t n = read_traced(*inner_, *trace_, pieces);
    if (n == 0 && std::any_of(pieces.begin(), pieces.end(), [](std::span<char> p) { return !p.empty(); }))
      saw_eof_ = true;
    trace_->received(n);
    return n;
  }
  bool small_reads_are_cheap() const override { return inner_->small_reads_are_cheap(); }
  using HijackedStream::write;
  void write(std::span<const char> data) override {
    inner_->write(data);
    trace_->sent(data.size());
  }
  void close_write() override { inner_->close_write(); }
  void close() override {
    inner_->close();
    trace_->end(true, nullptr);
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
    trace.failed_before_head(std::current_exception());
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
    resp.body = std::make_unique<TracedBody>(std::move(resp.body), trace);
    return resp;
  }

  HijackResponse do_raw(Request req) override {
    auto trace = begin(req, true);
    HijackResponse out = until_head(*trace, [&] { return inner_->do_raw(std::move(req)); });
    trace->head(out.response);
    if (out.stream)
      out.stream = std::make_unique<TracedStream>(std::move(out.stream), trace);
    else
      out.response.body = std::make_unique<TracedBody>(std::move(out.response.body), trace);
    return out;
  }

 private:
  std::shared_ptr<Trace> begin(Request& req, bool hijack) {
    auto trace = std::make_shared<Trace>(observers_, req, hijack);
    trace->add_headers(req.headers);
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
