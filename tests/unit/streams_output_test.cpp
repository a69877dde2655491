#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <span>
#include <string_view>
#include <vector>

#include "docker/errors.hpp"
#include "docker/streams/output_stream.hpp"
#include "support/chunked_reader.hpp"

namespace docker {
namespace {

using testing::ChunkedReader;

std::string frame(std::uint8_t stream, std::string_view payload) {
  std::string out(8, '\0');
  out[0] = static_cast<char>(stream);
  std::uint32_t n = static_cast<std::uint32_t>(payload.size());
  out[4] = static_cast<char>(n >> 24);
  out[5] = static_cast<char>(n >> 16);
  out[6] = static_cast<char>(n >> 8);
  out[7] = static_cast<char>(n);
  return out.append(payload);
}

struct Collected {
  std::string out, err;
};

Collected collect(std::shared_ptr<ByteReader> source, bool multiplexed = true,
                  std::size_t buffer_size = OutputStream::kDefaultBufferSize) {
  OutputStream stream(std::move(source), multiplexed, buffer_size);
  Collected c;
  stream.read_all(c.out, c.err);
  return c;
}

const std::string kSample =
    frame(1, "hello ") + frame(2, "oops\n") + frame(1, "") + frame(1, "world\n") + frame(0, "echo") + frame(2, "x");

TEST(OutputStream, DemultiplexesStdoutAndStderr) {
  auto c = collect(std::make_shared<StringReader>(kSample));
  EXPECT_EQ(c.out, "hello world\necho");
  EXPECT_EQ(c.err, "oops\nx");
}

TEST(OutputStream, EverySplitPointGivesTheSameResult) {
  for (std::size_t split = 0; split <= kSample.size(); ++split) {
    auto c = collect(std::make_shared<ChunkedReader>(testing::split_reader(kSample, split)));
    EXPECT_EQ(c.out, "hello world\necho") << "split at " << split;
    EXPECT_EQ(c.err, "oops\nx") << "split at " << split;
  }
}

TEST(OutputStream, EveryPairOfSplitPointsAndOneByteReads) {
  for (std::size_t a = 0; a <= kSample.size(); ++a)
    for (std::size_t b = 0; a + b <= kSample.size(); b += 3) {
      auto c = collect(std::make_shared<ChunkedReader>(kSample, std::vector<std::size_t>{a, b, 1, 1}));
      ASSERT_EQ(c.out, "hello world\necho") << a << "," << b;
      ASSERT_EQ(c.err, "oops\nx") << a << "," << b;
    }
  auto c = collect(std::make_shared<ChunkedReader>(kSample, 1));
  EXPECT_EQ(c.out, "hello world\necho");
}

TEST(OutputStream, FramesLargerThanTheBufferComeInPieces) {
  std::string big(1000, 'a');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  OutputStream stream(std::make_shared<StringReader>(frame(1, big) + frame(2, "e")), true, 16);
  std::string out;
  std::size_t chunks = 0;
  while (auto chunk = stream.next()) {
    EXPECT_LE(chunk->data.size(), 16u);
    if (chunk->stream == StreamKind::stdout_stream) out.append(chunk->data), ++chunks;
  }
  EXPECT_EQ(out, big);
  EXPECT_GE(chunks, 1000u / 16);
}

TEST(OutputStream, ZeroLengthFramesAreSkipped) {
  OutputStream stream(std::make_shared<StringReader>(frame(1, "") + frame(2, "") + frame(1, "a") + frame(2, "")), true);
  auto chunk = stream.next();
  ASSERT_TRUE(chunk);
  EXPECT_EQ(chunk->data, "a");
  EXPECT_FALSE(stream.next());
  EXPECT_FALSE(stream.next());  // stays at the end
}

TEST(OutputStream, EmptyStreamEndsAtOnce) {
  OutputStream stream(std::make_shared<StringReader>(""), true);
  EXPECT_FALSE(stream.next());
}

template <class E>
std::string error_of(std::shared_ptr<ByteReader> source, bool multiplexed = true) {
  try {
    collect(std::move(source), multiplexed);
  } catch (const E& e) {
    return e.message();
  } catch (const std::exception& e) {
    return std::string("wrong exception type: ") + e.what();
  }
  return "no exception";
}

TEST(OutputStream, UnknownStreamIdIsAProtocolError) {
  std::string bad = frame(1, "ok") + frame(4, "??");
  EXPECT_NE(error_of<ProtocolError>(std::make_shared<StringReader>(bad)).find("unknown stream id 4"),
            std::string::npos);
}

TEST(OutputStream, NonZeroPaddingIsAProtocolError) {
  std::string bad = frame(1, "ok");
  bad[2] = 1;
  EXPECT_NE(error_of<ProtocolError>(std::make_shared<StringReader>(bad)).find("padding"), std::string::npos);
}

TEST(OutputStream, TruncatedHeaderIsAProtocolErrorAtEverySplit) {
  std::string full = frame(1, "abc");
  for (std::size_t cut = 1; cut < 8; ++cut) {
    std::string data = frame(2, "x") + full.substr(0, cut);
    for (std::size_t split = 0; split <= data.size(); ++split) {
      auto message = error_of<ProtocolError>(std::make_shared<ChunkedReader>(testing::split_reader(data, split)));
      EXPECT_NE(message.find("stream ended inside a frame (header: " + std::to_string(cut) + " of 8"),
                std::string::npos)
          << message << " cut " << cut << " split " << split;
    }
  }
}

TEST(OutputStream, TruncatedPayloadIsAProtocolError) {
  std::string data = frame(1, "abcdef").substr(0, 8 + 4);
  for (std::size_t split = 0; split <= data.size(); ++split) {
    auto message = error_of<ProtocolError>(std::make_shared<ChunkedReader>(testing::split_reader(data, split)));
    EXPECT_NE(message.find("stream ended inside a frame (payload: 4 of 6 bytes)"), std::string::npos) << message;
  }
}

TEST(OutputStream, SystemErrorStreamRaisesStreamErrorWithItsText) {
  std::string data = frame(1, "before") + frame(3, "container exited unexpectedly\n") + frame(1, "after");
  for (std::size_t split = 0; split <= data.size(); ++split) {
    OutputStream stream(std::make_shared<ChunkedReader>(testing::split_reader(data, split)), true);
    std::string out;
    try {
      while (auto chunk = stream.next()) out.append(chunk->data);
      FAIL() << "no error";
    } catch (const StreamError& e) {
      EXPECT_EQ(e.message(), "container exited unexpectedly");
    }
    EXPECT_EQ(out, "before");  // what came before is delivered first
  }
}

TEST(OutputStream, SystemErrorTextIsBoundedAndSurvivesTruncation) {
  // Cut short: the daemon's text still wins over a framing complaint.
  std::string cut = frame(3, "no such container").substr(0, 8 + 7);
  EXPECT_EQ(error_of<StreamError>(std::make_shared<StringReader>(cut)), "no such");
  // Larger than the buffer: kept to one buffer's worth.
  OutputStream stream(std::make_shared<StringReader>(frame(3, std::string(1000, 'e'))), true, 64);
  try {
    stream.next();
    FAIL() << "no error";
  } catch (const StreamError& e) {
    EXPECT_EQ(e.message(), std::string(64, 'e'));
  }
}

TEST(OutputStream, RawModePassesBytesThroughAsStdout) {
  std::string tty = "\x01\x00\x00\x00 not a header, a TTY";
  auto c = collect(std::make_shared<ChunkedReader>(tty, 3), false);
  EXPECT_EQ(c.out, tty);
  EXPECT_EQ(c.err, "");
  OutputStream stream(std::make_shared<StringReader>(tty), false);
  EXPECT_FALSE(stream.multiplexed());
}

TEST(OutputStream, TransportErrorsPropagate) {
  auto reader = std::make_shared<ChunkedReader>(kSample, 5);
  reader->fail_at(20, [] { throw TransportError("connection reset"); });
  EXPECT_EQ(error_of<TransportError>(reader), "connection reset");
}

TEST(OutputStream, ReadSomeIntoCallerBufferMatchesNext) {
  for (std::size_t chunk : {1u, 2u, 7u, 100u}) {
    OutputStream stream(std::make_shared<ChunkedReader>(kSample, chunk), true, 8);
    std::string out, err;
    char buf[5];
    while (auto got = stream.read_some(buf)) {
      ASSERT_GT(got->size, 0u);
      (got->stream == StreamKind::stderr_stream ? err : out).append(buf, got->size);
    }
    EXPECT_EQ(out, "hello world\necho") << chunk;
    EXPECT_EQ(err, "oops\nx") << chunk;
  }
}

TEST(OutputStream, ReadSomeReadsLargePayloadStraightIntoTheCallersBuffer) {
  std::string payload(100000, 'z');
  auto reader = std::make_shared<StringReader>(frame(1, payload));
  OutputStream stream(reader, true, 16);
  std::vector<char> buf(payload.size());
  std::size_t total = 0;
  std::size_t reads = 0;
  while (auto got = stream.read_some(std::span<char>(buf).subspan(total))) {
    total += got->size;
    ++reads;
    if (total == buf.size()) break;
  }
  EXPECT_EQ(total, payload.size());
  EXPECT_LE(reads, 2u);  // the buffered head, then one direct read
}

/// A source on which small reads are cheap (like an HTTP body over its
/// connection buffer): records where each read went and how much it asked.
class BufferedSource final : public ByteReader {
 public:
  struct Read {
    const char* dest;
    std::size_t asked, got;
  };
  explicit BufferedSource(ChunkedReader inner) : inner_(std::move(inner)) {}
  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = inner_.read_some(buf);
    reads.push_back({buf.data(), buf.size(), n});
    return n;
  }
  bool small_reads_are_cheap() const override { return true; }
  std::vector<Read> reads;

 private:
  ChunkedReader inner_;
};

/// Reads the whole stream with read_some into one caller buffer of `size`
/// bytes; counts the bytes the source wrote straight into that buffer.
struct DirectResult {
  std::string out, err;
  std::size_t direct_bytes = 0;
  std::size_t max_header_read = 0;  // largest read the source saw outside the caller's buffer
};
DirectResult read_direct(const std::shared_ptr<BufferedSource>& source, std::size_t size,
                         std::size_t buffer_size = OutputStream::kDefaultBufferSize) {
  OutputStream stream(source, true, buffer_size);
  std::vector<char> buf(size);
  DirectResult r;
  while (auto got = stream.read_some(buf)) {
    EXPECT_GT(got->size, 0u);
    (got->stream == StreamKind::stderr_stream ? r.err : r.out).append(buf.data(), got->size);
  }
  for (const auto& read : source->reads) {
    if (read.dest >= buf.data() && read.dest < buf.data() + buf.size())
      r.direct_bytes += read.got;
    else
      r.max_header_read = std::max(r.max_header_read, read.asked);
  }
  return r;
}

TEST(OutputStream, OverABufferedSourceOnlyHeadersAreStagedAndPayloadGoesStraightToTheCaller) {
  std::string big_out(70000, 'o'), big_err(30000, 'e');
  for (std::size_t i = 0; i < big_out.size(); ++i) big_out[i] = static_cast<char>('a' + i % 26);
  const std::string input = frame(1, big_out) + frame(2, big_err) + frame(1, "") + frame(1, "tail");
  auto source = std::make_shared<BufferedSource>(ChunkedReader(input));
  auto r = read_direct(source, 64 * 1024);
  EXPECT_EQ(r.out, big_out + "tail");
  EXPECT_EQ(r.err, big_err);
  // Every payload byte was read by the source into the caller's buffer: no copy in between.
  EXPECT_EQ(r.direct_bytes, big_out.size() + big_err.size() + 4);
  EXPECT_EQ(r.max_header_read, 8u);
}

TEST(OutputStream, OverABufferedSourceFrameBoundariesMayFallAnywhereInAPiece) {
  const std::string input = kSample + frame(1, std::string(300, 'p')) + frame(2, std::string(5, 'q'));
  const std::string want_out = "hello world\necho" + std::string(300, 'p');
  const std::string want_err = "oops\nx" + std::string(5, 'q');
  for (std::size_t piece : {1u, 3u, 8u, 9u, 17u, 1000u})
    for (std::size_t split = 0; split <= input.size(); split += 7) {
      std::vector<std::size_t> sizes{split};
      for (std::size_t i = 0; i < input.size(); ++i) sizes.push_back(piece);
      for (std::size_t caller : {1u, 5u, 64u, 4096u}) {
        auto fresh = std::make_shared<BufferedSource>(ChunkedReader(input, sizes));
        auto r = read_direct(fresh, caller, 16);
        ASSERT_EQ(r.out, want_out) << piece << "/" << split << "/" << caller;
        ASSERT_EQ(r.err, want_err) << piece << "/" << split << "/" << caller;
      }
    }
}

TEST(OutputStream, OverABufferedSourceATruncatedPayloadIsStillAProtocolError) {
  const std::string input = frame(1, std::string(100, 'x')).substr(0, 60);
  auto source = std::make_shared<BufferedSource>(ChunkedReader(input, 13));
  OutputStream stream(source, true);
  char buf[4096];
  EXPECT_THROW(while (stream.read_some(buf)){}, ProtocolError);
}

TEST(OutputStream, OverAPlainSourceHeadersStillComeWithBigReads) {
  // A plain ByteReader may be a socket: a read per 8-byte header would be a
  // syscall per frame, so the buffered path stays.
  auto reader = std::make_shared<ChunkedReader>(frame(1, "a") + frame(1, "b") + frame(2, "c"));
  OutputStream stream(reader, true);
  char buf[64];
  std::string all;
  while (auto got = stream.read_some(buf)) all.append(buf, got->size);
  EXPECT_EQ(all, "abc");
  EXPECT_EQ(reader->reads(), 2u);  // one read for all three frames, one for the end
}

/// A source like a socket read as it is (a hijacked stream): each read,
/// scattered or not, hands out at most the next of `limits` bytes (then all
/// that fits), filling the pieces in order; counts the reads and the bytes it
/// wrote into the watched range (the caller's buffer).
class ScatteringSource final : public ByteReader {
 public:
  explicit ScatteringSource(std::string data, std::vector<std::size_t> limits = {})
      : data_(std::move(data)), limits_(std::move(limits)) {}
  std::size_t read_some(std::span<char> buf) override {
    const std::span<char> one[1] = {buf};
    return read_some_scattered(one);
  }
  std::size_t read_some_scattered(std::span<const std::span<char>> pieces) override {
    ++reads;
    std::size_t limit = next_ < limits_.size() ? limits_[next_++] : SIZE_MAX;
    std::size_t total = 0;
    for (std::span<char> piece : pieces) {
      std::size_t n = std::min({piece.size(), limit - total, data_.size() - pos_});
      std::memcpy(piece.data(), data_.data() + pos_, n);
      if (piece.data() >= watched.data() && piece.data() < watched.data() + watched.size()) into_watched += n;
      pos_ += n;
      total += n;
      if (n < piece.size()) break;
    }
    return total;
  }
  std::size_t reads = 0;
  std::span<char> watched;
  std::size_t into_watched = 0;

 private:
  std::string data_;
  std::size_t pos_ = 0;
  std::vector<std::size_t> limits_;
  std::size_t next_ = 0;
};

TEST(OutputStream, OverASocketLikeSourceEqualFramesGoStraightIntoTheCallersBufferAcrossHeaders) {
  std::string payload(64 * 16384, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('a' + i % 23);
  std::string input;
  for (std::size_t at = 0; at < payload.size(); at += 16384)
    input += frame(1, std::string_view(payload).substr(at, 16384));
  auto source = std::make_shared<ScatteringSource>(input);
  OutputStream stream(source, true);
  std::vector<char> buf(64 * 1024);
  source->watched = buf;
  std::string out;
  while (auto got = stream.read_some(buf)) {
    ASSERT_EQ(got->stream, StreamKind::stdout_stream);
    out.append(buf.data(), got->size);
  }
  EXPECT_EQ(out, payload);
  // The first read is staged (no frame size to bet on yet); after it, one
  // read per 64 KiB as a raw reader makes, and the payload lands in place.
  EXPECT_LE(source->reads, payload.size() / buf.size() + 3);
  EXPECT_GE(source->into_watched, payload.size() - buf.size());
}

// Reads `input` with read_some into buffers of the given sizes (cycled);
// returns each stream's bytes, or the error's type and text.
std::string read_all_with(std::shared_ptr<ByteReader> source, const std::vector<std::size_t>& dest_sizes,
                          std::size_t buffer_size) {
  OutputStream stream(std::move(source), true, buffer_size);
  std::string out, err;
  std::vector<char> buf(*std::max_element(dest_sizes.begin(), dest_sizes.end()));
  try {
    for (std::size_t k = 0;; ++k) {
      auto got = stream.read_some(std::span<char>(buf.data(), dest_sizes[k % dest_sizes.size()]));
      if (!got) break;
      EXPECT_GT(got->size, 0u);
      (got->stream == StreamKind::stderr_stream ? err : out).append(buf.data(), got->size);
    }
  } catch (const ProtocolError& e) {
    return "ProtocolError: " + std::string(e.what());
  } catch (const StreamError& e) {
    return "StreamError: " + std::string(e.what());
  }
  return "out " + out + "\nerr " + err;
}

TEST(OutputStream, OverASocketLikeSourceAnyMixOfFramesGivesWhatThePlainPathGives) {
  // Frames that win the scattered read's bet (equal sizes, one stream) and
  // every way of losing it: another size, another stream, a zero frame, a
  // short read in a header, the daemon's error frame, a malformed header,
  // text cut in a header or a payload.
  std::mt19937 random(14);
  const std::uint32_t sizes[] = {0, 1, 7, 4096, 4096, 5000, 16384, 16384, 16384, 16384, 70000};
  for (int round = 0; round < 300; ++round) {
    std::string input;
    int frames = 1 + static_cast<int>(random() % 40);
    for (int f = 0; f < frames; ++f) {
      std::uint32_t size = sizes[random() % std::size(sizes)];
      std::uint8_t id = random() % 8 == 0 ? 2 : (random() % 16 == 0 ? 0 : 1);
      input += frame(id, std::string(size, static_cast<char>('a' + f % 26)));
    }
    switch (random() % 6) {
      case 0: input += frame(3, "the daemon failed"); break;
      case 1: input += std::string("\x01\x00\x07\x00\x00\x00\x00\x01x", 9); break;
      case 2: input.resize(input.size() - 1 - random() % 20); break;
      default: break;
    }
    std::vector<std::size_t> limits, dests;
    for (int i = 0; i < 64; ++i) limits.push_back(1 + random() % (random() % 2 ? 100 : 200000));
    for (int i = 0; i < 8; ++i) dests.push_back(1 + random() % (random() % 2 ? 64 : 150000));
    for (std::size_t buffer_size : {std::size_t{64} * 1024, std::size_t{20000}}) {
      std::string want = read_all_with(std::make_shared<ChunkedReader>(input, limits), dests, buffer_size);
      std::string got = read_all_with(std::make_shared<ScatteringSource>(input, limits), dests, buffer_size);
      ASSERT_EQ(got, want) << "round " << round << ", buffer " << buffer_size;
    }
  }
}

TEST(CopyOutput, WritesEachStreamToItsSinkAndCounts) {
  OutputStream stream(std::make_shared<ChunkedReader>(kSample, 3), true);
  std::string out, err;
  auto copied = copy_output(
      stream, [&](std::string_view d) { out.append(d); }, [&](std::string_view d) { err.append(d); });
  EXPECT_EQ(out, "hello world\necho");
  EXPECT_EQ(err, "oops\nx");
  EXPECT_EQ(copied.out, out.size());
  EXPECT_EQ(copied.err, err.size());
}

TEST(CopyOutput, WithoutAnErrSinkStderrIsDropped) {
  OutputStream stream(std::make_shared<StringReader>(kSample), true);
  std::string out;
  auto copied = copy_output(stream, [&](std::string_view d) { out.append(d); }, {});
  EXPECT_EQ(out, "hello world\necho");
  EXPECT_EQ(copied.err, 6u);
}

TEST(StreamSelectReader, StdoutOnlyWithOtherBytesToACallback) {
  auto stream = std::make_shared<OutputStream>(std::make_shared<ChunkedReader>(kSample, 4), true, 8);
  std::string other;
  StreamSelectReader reader(stream, StreamKind::stdout_stream, [&](StreamKind k, std::string_view d) {
    EXPECT_EQ(k, StreamKind::stderr_stream);
    other.append(d);
  });
  EXPECT_EQ(reader.read_all(), "hello world\necho");
  EXPECT_EQ(other, "oops\nx");
}

TEST(StreamSelectReader, StderrOnlyDiscardsTheRest) {
  auto stream = std::make_shared<OutputStream>(std::make_shared<StringReader>(kSample), true);
  StreamSelectReader reader(stream, StreamKind::stderr_stream);
  EXPECT_EQ(reader.read_all(), "oops\nx");
}

// Produces `total` bytes of frames on the fly (never holding them), the
// payload sizes cycling through a few values including multi-buffer ones.
class SyntheticFrames final : public ByteReader {
 public:
  explicit SyntheticFrames(std::uint64_t total) : left_(total) {
    for (std::uint32_t size : {0u, 1u, 100u, 4096u, 70000u, 200000u, 33u}) sizes_.push_back(size);
    std::memset(pattern_, 'x', sizeof pattern_);
  }
  std::uint64_t payload_bytes() const { return payload_; }

  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = 0;
    while (n < buf.size() && left_ > 0) {
      if (header_pos_ == 8 && frame_left_ == 0) start_frame();
      if (header_pos_ < 8) {
        buf[n++] = header_[header_pos_++];
        --left_;
        continue;
      }
      std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>({buf.size() - n, frame_left_, left_, sizeof pattern_}));
      std::memcpy(buf.data() + n, pattern_, take);
      n += take;
      frame_left_ -= take;
      left_ -= take;
      payload_ += take;
    }
    return n;
  }

 private:
  void start_frame() {
    std::uint32_t size = sizes_[next_++ % sizes_.size()];
    if (left_ < 8 + std::uint64_t{size}) size = left_ >= 8 ? static_cast<std::uint32_t>(left_ - 8) : 0;
    header_[0] = static_cast<char>(1 + next_ % 2);
    header_[1] = header_[2] = header_[3] = 0;
    header_[4] = static_cast<char>(size >> 24);
    header_[5] = static_cast<char>(size >> 16);
    header_[6] = static_cast<char>(size >> 8);
    header_[7] = static_cast<char>(size);
    header_pos_ = 0;
    frame_left_ = size;
  }

  std::uint64_t left_;
  std::uint64_t payload_ = 0;
  std::vector<std::uint32_t> sizes_;
  std::size_t next_ = 0;
  char header_[8] = {};
  std::size_t header_pos_ = 8;
  std::uint64_t frame_left_ = 0;
  char pattern_[64 * 1024];
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST(OutputStream, OneGigabyteSyntheticStreamWithBoundedMemory) {
  constexpr std::uint64_t kTotal = std::uint64_t{1} << 30;
  constexpr std::size_t kBuffer = 64 * 1024;

  // Baseline: the same bytes read raw into one buffer of the same size.
  auto read_raw = [&] {
    SyntheticFrames source(kTotal);
    std::vector<char> buf(kBuffer);
    std::uint64_t bytes = 0;
    while (std::size_t n = source.read_some(buf)) bytes += n;
    EXPECT_EQ(bytes, kTotal);
  };
  auto demultiplex = [&] {
    auto source = std::make_shared<SyntheticFrames>(kTotal);
    OutputStream stream(source, true, kBuffer);
    std::uint64_t out = 0, err = 0;
    std::size_t largest = 0;
    while (auto chunk = stream.next()) {
      (chunk->stream == StreamKind::stdout_stream ? out : err) += chunk->data.size();
      largest = std::max(largest, chunk->data.size());
    }
    EXPECT_EQ(out + err, source->payload_bytes());
    EXPECT_GT(out + err, kTotal * 9 / 10);
    EXPECT_LE(largest, kBuffer);  // never more than one buffer handed out
  };
  // Alternate and keep the best of each: the machine is shared and noisy.
  double raw_seconds = 1e9, demux_seconds = 1e9;
  for (int round = 0; round < 3; ++round) {
    auto t0 = std::chrono::steady_clock::now();
    read_raw();
    raw_seconds = std::min(raw_seconds, seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    demultiplex();
    demux_seconds = std::min(demux_seconds, seconds_since(t0));
  }
  RecordProperty("raw_gb_per_s", std::to_string(kTotal / raw_seconds / 1e9));
  RecordProperty("demux_gb_per_s", std::to_string(kTotal / demux_seconds / 1e9));
  std::printf(
      "1 GiB synthetic frames (best of 3): raw read %.3f s (%.1f GB/s), demultiplexed %.3f s (%.1f GB/s): %.0f%%\n",
      raw_seconds, kTotal / raw_seconds / 1e9, demux_seconds, kTotal / demux_seconds / 1e9,
      100.0 * raw_seconds / demux_seconds);
}

}  // namespace
}  // namespace docker
