// Parsing of the 8-byte header of a multiplexed output frame, kept apart from
// any I/O so that it is trivially testable.
#pragma once

#include <cstdint>
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
  std::uint32_t size = (std::uint32_t{byte(4)} << 24) | (std::uint32_t{byte(5)} << 16) |
                       (std::uint32_t{byte(6)} << 8) | std::uint32_t{byte(7)};
  return FrameHeader{byte(0), size};
}

}  // namespace docker::internal
