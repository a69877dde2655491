// Container output (logs, attach, exec): the 8-byte-framed multiplexed
// stdout/stderr stream, or raw bytes when the container has a TTY.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "docker/http.hpp"

namespace docker {

enum class StreamKind : std::uint8_t { stdin_stream = 0, stdout_stream = 1, stderr_stream = 2 };

/// A piece of output. `data` stays valid until the next call on the stream.
struct OutputChunk {
  StreamKind stream;
  std::string_view data;
};

/// Pull-style reader of container output with bounded memory: it never holds
/// more than one read buffer. A frame on stream 3 (system error) raises
/// StreamError; a malformed frame raises ProtocolError.
class OutputStream {
 public:
  /// `multiplexed` false: raw TTY bytes, all reported as stdout.
  OutputStream(std::shared_ptr<ByteReader> source, bool multiplexed,
               std::size_t buffer_size = 64 * 1024);
  OutputStream(OutputStream&&) noexcept;
  OutputStream& operator=(OutputStream&&) noexcept;
  ~OutputStream();

  /// The next chunk, or nullopt at the end of the stream.
  std::optional<OutputChunk> next();
  bool multiplexed() const;

  /// Convenience: reads to the end, appending stdout and stderr separately.
  void read_all(std::string& out, std::string& err);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docker
