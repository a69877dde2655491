// Container output (logs, attach, exec) as the layer hands it out: one
// pull-style stream with per-stream readers on top. Nothing reads in a hidden
// thread; memory stays bounded however much the container writes.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "docker/errors.hpp"
#include "docker/http.hpp"
#include "docker/streams/output_stream.hpp"

namespace docker::sdk {

/// What a container wrote, read to the end (for small outputs).
struct Captured {
  std::string out;  ///< stdout (and echoed stdin)
  std::string err;  ///< stderr
};

namespace internal {

// Shared by the stdout and stderr readers of one Output: bytes of the stream
// not being read wait here, up to a bound, until their reader asks.
class OutputDemux {
 public:
  OutputDemux(std::shared_ptr<OutputStream> stream, std::size_t pending_limit)
      : stream_(std::move(stream)), pending_limit_(pending_limit) {}

  std::size_t read_some(StreamKind wanted, std::span<char> buf) {
    if (buf.empty()) return 0;
    auto& mine = pending(wanted);
    if (!mine.empty()) {
      std::size_t n = buf.size() < mine.size() ? buf.size() : mine.size();
      std::memcpy(buf.data(), mine.data(), n);
      mine.erase(0, n);
      return n;
    }
    // Straight into the caller's buffer: the wanted stream's bytes stay there,
    // the other stream's move to its pending bytes.
    for (;;) {
      auto got = stream_->read_some(buf);
      if (!got) return 0;
      auto& target = pending(got->stream);
      if (&target == &mine) return got->size;
      if (target.size() + got->size > pending_limit_)
        throw StreamError(std::string(name(got->stream)) + " is not being read: more than " +
                          std::to_string(pending_limit_) +
                          " bytes of it are waiting (read both readers, or use next()/copy_to())");
      target.append(buf.data(), got->size);
    }
  }

 private:
  // Echoed stdin goes with stdout, as in Go's stdcopy.
  std::string& pending(StreamKind kind) { return kind == StreamKind::stderr_stream ? err_ : out_; }
  static std::string_view name(StreamKind kind) { return kind == StreamKind::stderr_stream ? "stderr" : "stdout"; }

  std::shared_ptr<OutputStream> stream_;
  std::size_t pending_limit_;
  std::string out_;
  std::string err_;
};

class DemuxReader final : public ByteReader {
 public:
  DemuxReader(std::shared_ptr<OutputDemux> demux, StreamKind kind) : demux_(std::move(demux)), kind_(kind) {}
  std::size_t read_some(std::span<char> buf) override { return demux_->read_some(kind_, buf); }

 private:
  std::shared_ptr<OutputDemux> demux_;
  StreamKind kind_;
};

}  // namespace internal

/// Output of a container: multiplexed stdout/stderr, or raw bytes (all
/// stdout) when the container or exec has a TTY. Read it one way:
///  - next() / read_some(): every chunk tagged with its stream, in order;
///  - stdout_reader() / stderr_reader(): one plain ByteReader per stream. Bytes
///    of the stream you are not reading wait for their reader, up to
///    `pending_limit`; beyond that the read throws StreamError rather than
///    growing without bound (read both, alternately, or use next());
///  - copy_to() / read_all(): to the end, into sinks or strings.
/// A frame on stream 3 (the daemon's own error) throws StreamError.
class [[nodiscard]] Output {
 public:
  /// Bytes of the other stream kept while a reader waits for its own (1 MiB).
  static constexpr std::size_t kDefaultPendingLimit = 1 << 20;

  /// Over `stream`; a reader keeps at most `pending_limit` bytes of the other stream.
  explicit Output(OutputStream stream, std::size_t pending_limit = kDefaultPendingLimit)
      : stream_(std::make_shared<OutputStream>(std::move(stream))), pending_limit_(pending_limit) {}

  /// False for a TTY: everything arrives as stdout.
  bool multiplexed() const { return stream_->multiplexed(); }

  /// The next chunk (a view valid until the next call), nullopt at the end.
  std::optional<OutputChunk> next() { return stream_->next(); }
  /// Like next(), into `dest`; nullopt at the end.
  std::optional<OutputRead> read_some(std::span<char> dest) { return stream_->read_some(dest); }

  /// A reader of stdout only (echoed stdin included). Shares the stream with
  /// stderr_reader(); take each once.
  std::shared_ptr<ByteReader> stdout_reader() { return reader(StreamKind::stdout_stream); }
  /// A reader of stderr only; always empty for a TTY.
  std::shared_ptr<ByteReader> stderr_reader() { return reader(StreamKind::stderr_stream); }

  /// Copies to the end: stdout to `out`, stderr to `err` (dropped when empty).
  CopiedBytes copy_to(const OutputSink& out, const OutputSink& err = {}) { return copy_output(*stream_, out, err); }
  /// Reads to the end into memory: meant for small outputs.
  Captured read_all() {
    Captured captured;
    stream_->read_all(captured.out, captured.err);
    return captured;
  }

 private:
  std::shared_ptr<ByteReader> reader(StreamKind kind) {
    if (!demux_) demux_ = std::make_shared<internal::OutputDemux>(stream_, pending_limit_);
    return std::make_shared<internal::DemuxReader>(demux_, kind);
  }

  std::shared_ptr<OutputStream> stream_;
  std::size_t pending_limit_;
  std::shared_ptr<internal::OutputDemux> demux_;
};

}  // namespace docker::sdk
