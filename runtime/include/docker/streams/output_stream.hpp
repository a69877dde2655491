// Container output (logs, attach, exec): the 8-byte-framed multiplexed
// stdout/stderr stream, or raw bytes when the container has a TTY.
//
// Frame layout: [stream id][0][0][0][big-endian uint32 payload size][payload].
// Stream ids: 0 stdin (echoed), 1 stdout, 2 stderr, 3 system error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "docker/http.hpp"
#include "docker/internal/std_function.hpp"

namespace docker {

enum class StreamKind : std::uint8_t { stdin_stream = 0, stdout_stream = 1, stderr_stream = 2 };

/// A piece of output. `data` stays valid until the next call on the stream.
struct OutputChunk {
  /// Which stream it came from.
  StreamKind stream;
  /// The bytes.
  std::string_view data;
};

/// What read_some put into the caller's buffer.
struct OutputRead {
  /// Which stream the bytes came from.
  StreamKind stream;
  /// How many bytes were put into the buffer (never 0).
  std::size_t size;
};

/// Pull-style reader of container output with bounded memory: it never holds
/// more than one read buffer; a frame larger than the buffer is handed out in
/// pieces. A frame on stream 3 (system error) raises StreamError; an unknown
/// stream id, non-zero padding or a stream that ends inside a frame raises
/// ProtocolError. Zero-length frames are skipped.
class [[nodiscard]] OutputStream {
 public:
  /// Read buffer size when none is given.
  static constexpr std::size_t kDefaultBufferSize = std::size_t{64} * 1024;

  /// `multiplexed` false: raw TTY bytes, all reported as stdout.
  OutputStream(std::shared_ptr<ByteReader> source, bool multiplexed, std::size_t buffer_size = kDefaultBufferSize);
  /// Takes over the stream.
  OutputStream(OutputStream&&) noexcept;
  /// Takes over the stream.
  OutputStream& operator=(OutputStream&&) noexcept;
  ~OutputStream();

  /// The next chunk, or nullopt at the end of the stream. The data is a view
  /// into the internal buffer (no copy).
  std::optional<OutputChunk> next();

  /// Like next(), but into the caller's buffer: payload is read straight from
  /// the source into `dest` when nothing is buffered (no copy), so large
  /// frames cost one read each. Returns nullopt at the end; never a 0 size.
  std::optional<OutputRead> read_some(std::span<char> dest);

  /// Whether frames are demultiplexed (false: raw TTY bytes).
  bool multiplexed() const;

  /// Convenience: reads to the end, appending stdout and stderr separately
  /// (echoed stdin goes with stdout, as in Go's stdcopy). Memory grows with
  /// the output: meant for small outputs.
  void read_all(std::string& out, std::string& err);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Receives output bytes (a file, a socket, a string…).
using OutputSink = std::function<void(std::string_view)>;

/// Byte counts written by copy_output.
struct CopiedBytes {
  /// Bytes of stdout (and echoed stdin).
  std::uint64_t out = 0;
  /// Bytes of stderr.
  std::uint64_t err = 0;
};

/// Copies the stream to its end into two sinks (Go's stdcopy.StdCopy): stdout
/// (and echoed stdin) to `out`, stderr to `err`. An empty `err` drops stderr.
/// Errors propagate (StreamError for stream 3) after what came before was written.
CopiedBytes copy_output(OutputStream& stream, const OutputSink& out, const OutputSink& err);

/// A ByteReader over one stream of a multiplexed output (stdout or stderr),
/// for code that wants a plain byte source. Memory stays bounded, so bytes of
/// the other streams cannot be kept for later: they go to `other` when set,
/// and are discarded otherwise. To read both streams completely, use
/// copy_output with two sinks (or one OutputStream and next()).
class StreamSelectReader final : public ByteReader {
 public:
  /// Receives bytes of the streams not selected.
  using OtherHandler = std::function<void(StreamKind, std::string_view)>;

  /// Reads the `wanted` stream of `stream`; the others go to `other`, if set.
  StreamSelectReader(std::shared_ptr<OutputStream> stream, StreamKind wanted, OtherHandler other = {});
  std::size_t read_some(std::span<char> buf) override;

 private:
  std::shared_ptr<OutputStream> stream_;
  StreamKind wanted_;
  OtherHandler other_;
};

}  // namespace docker
