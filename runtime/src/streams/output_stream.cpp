#include "docker/streams/output_stream.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

#include "docker/errors.hpp"
#include "frame_header.hpp"

namespace docker {

struct OutputStream::Impl {
  std::shared_ptr<ByteReader> source;
  bool multiplexed;
  std::size_t capacity;
  std::unique_ptr<char[]> buffer;
  std::size_t begin = 0;  // unread bytes are buffer[begin, end)
  std::size_t end = 0;
  std::uint32_t frame_size = 0;  // payload size of the current frame
  std::uint32_t frame_left = 0;  // payload bytes of it not yet handed out
  StreamKind frame_stream = StreamKind::stdout_stream;
  // Small reads from the source are cheap: take only headers into the
  // buffer, so that payload goes from the source straight to the caller.
  bool exact_header_reads;

  Impl(std::shared_ptr<ByteReader> s, bool mux, std::size_t cap)
      : source(std::move(s)),
        multiplexed(mux),
        capacity(std::max(cap, internal::kFrameHeaderSize)),
        buffer(new char[capacity]),
        exact_header_reads(source && source->small_reads_are_cheap()) {}

  std::size_t buffered() const { return end - begin; }

  /// One read of at most `most` bytes from the source into the free tail of
  /// the buffer. Called only when fewer than 8 bytes are unread: they move to
  /// the front first so the read can fill (nearly) the whole buffer instead
  /// of a short tail.
  std::size_t fill(std::size_t most = SIZE_MAX) {
    if (begin == end) {
      begin = end = 0;
    } else if (begin > 0) {
      std::memmove(buffer.get(), buffer.get() + begin, buffered());
      end -= begin;
      begin = 0;
    }
    std::size_t n = source->read_some(std::span<char>(buffer.get() + end, std::min(most, capacity - end)));
    end += n;
    return n;
  }

  /// Reads the next frame header; false at a clean end of the stream.
  bool start_frame() {
    while (buffered() < internal::kFrameHeaderSize) {
      if (fill(exact_header_reads ? internal::kFrameHeaderSize - buffered() : SIZE_MAX) == 0) {
        if (buffered() == 0) return false;
        throw ProtocolError("stream ended inside a frame (header: " + std::to_string(buffered()) + " of 8 bytes)");
      }
    }
    internal::FrameHeader header;
    if (!internal::parse_data_frame_header(buffer.get() + begin, header)) {
      header = internal::parse_frame_header(buffer.get() + begin);  // throws when malformed
      begin += internal::kFrameHeaderSize;
      raise_system_error(header.size);
    }
    begin += internal::kFrameHeaderSize;
    frame_stream = static_cast<StreamKind>(header.stream_id);
    frame_size = frame_left = header.size;
    return true;
  }

  /// Stream 3 carries the daemon's error text: collect it (bounded by the
  /// buffer size) and raise it.
  [[noreturn]] void raise_system_error(std::uint32_t size) {
    std::string text;
    std::size_t left = size;
    while (left > 0) {
      if (buffered() == 0 && fill() == 0) break;  // cut short: report what came
      std::size_t n = std::min(left, buffered());
      std::size_t room = capacity > text.size() ? capacity - text.size() : 0;
      text.append(buffer.get() + begin, std::min(n, room));
      begin += n;
      left -= n;
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    throw StreamError(text.empty() ? "the daemon reported an error on the system-error stream" : text);
  }

  [[noreturn]] void raise_truncated_payload() const {
    throw ProtocolError("stream ended inside a frame (payload: " + std::to_string(frame_size - frame_left) + " of " +
                        std::to_string(frame_size) + " bytes)");
  }

  // Scattered reads (below) bet on frames at least this large, a few at a time.
  static constexpr std::uint32_t kScatterMinFrame = 4096;
  static constexpr std::size_t kMaxScatterFrames = 8;

  /// Whether read_some should take the scattered path: a source where every
  /// read costs a syscall (exact_header_reads is off), nothing buffered, and
  /// a last frame large enough to bet on (big output comes in equal frames).
  bool scatter_pays() const {
    return multiplexed && !exact_header_reads && buffered() == 0 && frame_size >= kScatterMinFrame &&
           capacity >= kMaxScatterFrames * internal::kFrameHeaderSize + frame_size;
  }

  /// One read that puts payload straight into `dest` across frame headers:
  /// the rest of the current frame, then for each frame `dest` has room for
  /// its header into our buffer and its payload into `dest`, betting that it
  /// is a data frame of the last frame's size and stream. Frames that win
  /// the bet are handed out as one piece; from the first header that loses
  /// it, the bytes go to our buffer, in order, for the general path. Returns
  /// the payload bytes put in `dest` and their stream (0 when none: the
  /// general path goes on from the buffer), nullopt at the end of the stream.
  std::optional<OutputRead> scattered_read(std::span<char> dest) {
    const std::uint32_t bet = frame_size;
    std::span<char> pieces[2 * kMaxScatterFrames + 1];
    bool header_piece[2 * kMaxScatterFrames + 1] = {};
    std::size_t count = 0;
    std::size_t in_dest = 0;
    if (frame_left > 0) {
      in_dest = std::min<std::size_t>(dest.size(), frame_left);
      pieces[count++] = dest.first(in_dest);
    }
    // What follows the first header may all end in our buffer: keep it within.
    std::size_t budget = capacity;
    std::size_t headers = 0;
    while (in_dest < dest.size() && headers < kMaxScatterFrames && budget > internal::kFrameHeaderSize) {
      header_piece[count] = true;
      pieces[count++] =
          std::span<char>(buffer.get() + headers++ * internal::kFrameHeaderSize, internal::kFrameHeaderSize);
      budget -= internal::kFrameHeaderSize;
      std::size_t take = std::min({dest.size() - in_dest, std::size_t{bet}, budget});
      pieces[count++] = dest.subspan(in_dest, take);
      in_dest += take;
      budget -= take;
    }
    begin = end = 0;
    std::size_t left = source->read_some_scattered(std::span<const std::span<char>>(pieces, count));
    if (left == 0) {
      if (frame_left > 0) raise_truncated_payload();
      return std::nullopt;
    }
    OutputRead out{frame_stream, 0};
    for (std::size_t i = 0; i < count && left > 0; ++i) {
      const std::size_t got = std::min(left, pieces[i].size());
      if (!header_piece[i]) {
        out.size += got;
        frame_left -= static_cast<std::uint32_t>(got);
        left -= got;
        continue;
      }
      internal::FrameHeader header;
      const bool won = got == internal::kFrameHeaderSize &&
                       internal::parse_data_frame_header(pieces[i].data(), header) && header.size == bet &&
                       (out.size == 0 || header.stream_id == static_cast<std::uint8_t>(out.stream));
      if (won) {
        out.stream = frame_stream = static_cast<StreamKind>(header.stream_id);
        frame_size = frame_left = header.size;
        left -= got;
        continue;
      }
      // Lost (or cut short): this header and everything after it, in order, to our buffer.
      char headers_read[kMaxScatterFrames * internal::kFrameHeaderSize];
      std::memcpy(headers_read, buffer.get(), headers * internal::kFrameHeaderSize);
      for (; i < count && left > 0; ++i) {
        const char* from = header_piece[i] ? headers_read + (pieces[i].data() - buffer.get()) : pieces[i].data();
        const std::size_t n = std::min(left, pieces[i].size());
        std::memcpy(buffer.get() + end, from, n);
        end += n;
        left -= n;
      }
      break;
    }
    return out;
  }

  /// Positions on a frame with payload left; false at the end of the stream.
  bool ensure_frame() {
    while (frame_left == 0)  // zero-length frames are skipped
      if (!start_frame()) return false;
    return true;
  }
};

OutputStream::OutputStream(std::shared_ptr<ByteReader> source, bool multiplexed, std::size_t buffer_size)
    : impl_(std::make_unique<Impl>(std::move(source), multiplexed, buffer_size)) {}
OutputStream::OutputStream(OutputStream&&) noexcept = default;
OutputStream& OutputStream::operator=(OutputStream&&) noexcept = default;
OutputStream::~OutputStream() = default;

bool OutputStream::multiplexed() const { return impl_->multiplexed; }

std::optional<OutputChunk> OutputStream::next() {
  Impl& s = *impl_;
  if (!s.multiplexed) {
    if (s.buffered() == 0 && s.fill() == 0) return std::nullopt;
    OutputChunk chunk{StreamKind::stdout_stream, {s.buffer.get() + s.begin, s.buffered()}};
    s.begin = s.end;
    return chunk;
  }
  if (!s.ensure_frame()) return std::nullopt;
  if (s.buffered() == 0 && s.fill() == 0) s.raise_truncated_payload();
  std::size_t n = std::min<std::size_t>(s.buffered(), s.frame_left);
  OutputChunk chunk{s.frame_stream, {s.buffer.get() + s.begin, n}};
  s.begin += n;
  s.frame_left -= static_cast<std::uint32_t>(n);
  return chunk;
}

std::optional<OutputRead> OutputStream::read_some(std::span<char> dest) {
  Impl& s = *impl_;
  if (dest.empty()) return OutputRead{StreamKind::stdout_stream, 0};
  if (s.scatter_pays()) {
    auto got = s.scattered_read(dest);
    if (!got || got->size > 0) return got;
  }
  std::size_t limit = dest.size();
  StreamKind stream = StreamKind::stdout_stream;
  if (s.multiplexed) {
    if (!s.ensure_frame()) return std::nullopt;
    limit = std::min<std::size_t>(limit, s.frame_left);
    stream = s.frame_stream;
  }
  std::size_t n;
  if (s.buffered() > 0) {
    n = std::min(limit, s.buffered());
    std::memcpy(dest.data(), s.buffer.get() + s.begin, n);
    s.begin += n;
  } else {
    // Straight from the source into the caller's buffer, never past the frame.
    n = s.source->read_some(dest.first(limit));
    if (n == 0) {
      if (!s.multiplexed) return std::nullopt;
      s.raise_truncated_payload();
    }
  }
  if (s.multiplexed) s.frame_left -= static_cast<std::uint32_t>(n);
  return OutputRead{stream, n};
}

void OutputStream::read_all(std::string& out, std::string& err) {
  copy_output(
      *this, [&](std::string_view d) { out.append(d); }, [&](std::string_view d) { err.append(d); });
}

CopiedBytes copy_output(OutputStream& stream, const OutputSink& out, const OutputSink& err) {
  CopiedBytes copied;
  while (auto chunk = stream.next()) {
    if (chunk->stream == StreamKind::stderr_stream) {
      if (err) err(chunk->data);
      copied.err += chunk->data.size();
    } else {
      out(chunk->data);
      copied.out += chunk->data.size();
    }
  }
  return copied;
}

StreamSelectReader::StreamSelectReader(std::shared_ptr<OutputStream> stream, StreamKind wanted, OtherHandler other)
    : stream_(std::move(stream)), wanted_(wanted), other_(std::move(other)) {}

std::size_t StreamSelectReader::read_some(std::span<char> buf) {
  if (buf.empty()) return 0;
  for (;;) {
    auto got = stream_->read_some(buf);
    if (!got) return 0;
    // Echoed stdin travels with stdout, as in Go's stdcopy.
    StreamKind kind = got->stream == StreamKind::stdin_stream ? StreamKind::stdout_stream : got->stream;
    if (kind == wanted_) return got->size;
    if (other_) other_(got->stream, std::string_view(buf.data(), got->size));
  }
}

}  // namespace docker
