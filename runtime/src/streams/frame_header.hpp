// Parsing of the 8-byte header of a multiplexed output frame, kept apart from
// any I/O so that it is trivially testable.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#include "docker/errors.hpp"
#include "docker/streams/output_stream.hpp"

namespace docker::internal {

inline constexpr std::size_t kFrameHeaderSize = 8;
inline constexpr std::uint8_t kSystemErrorStreamId = 3;

struct FrameHeader {
  std::uint8_t stream_id;  // 0..3
  std::uint32_t size;
};

/// Validates and decodes a header; throws ProtocolError on an unknown stream
/// id or non-zero padding (which is what arbitrary bytes usually give: the
/// usual cause is a TTY stream read as multiplexed).
inline FrameHeader parse_frame_header(const char* h) {
  auto byte = [h](int i) { return static_cast<std::uint8_t>(h[i]); };
  if (byte(0) > kSystemErrorStreamId)
    throw ProtocolError("multiplexed stream: unknown stream id " + std::to_string(byte(0)) +
                        " in frame header (is the stream a TTY stream read as multiplexed?)");
  if (byte(1) != 0 || byte(2) != 0 || byte(3) != 0)
    throw ProtocolError("multiplexed stream: non-zero padding in frame header");
  std::uint32_t size = (std::uint32_t{byte(4)} << 24) | (std::uint32_t{byte(5)} << 16) | (std::uint32_t{byte(6)} << 8) |
                       std::uint32_t{byte(7)};
  return FrameHeader{byte(0), size};
}

/// The common case in one 8-byte load: a well-formed stdin/stdout/stderr
/// header. False for anything else (system error, malformed), which then
/// goes through parse_frame_header.
inline bool parse_data_frame_header(const char* h, FrameHeader& out) {
  if constexpr (std::endian::native == std::endian::little) {
    std::uint64_t word;
    std::memcpy(&word, h, sizeof word);
    if ((word & 0xffffff00u) != 0 || (word & 0xffu) >= kSystemErrorStreamId) return false;
    out.stream_id = static_cast<std::uint8_t>(word);
    out.size = __builtin_bswap32(static_cast<std::uint32_t>(word >> 32));
    return true;
  } else {
    out = parse_frame_header(h);
    return out.stream_id != kSystemErrorStreamId;
  }
}

}  // namespace docker::internal
