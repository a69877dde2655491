// Shared by the libFuzzer targets: a ByteReader that hands out the input in
// pieces whose sizes the input's first byte chooses, so the same corpus
// explores both whole buffers and reads split at awkward boundaries.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "docker/http.hpp"

namespace docker::fuzz {

class PieceReader final : public ByteReader {
 public:
  PieceReader(std::string_view data, std::size_t piece) : data_(data), piece_(std::max<std::size_t>(piece, 1)) {}
  std::size_t read_some(std::span<char> out) override {
    std::size_t n = std::min({out.size(), data_.size(), piece_});
    if (n > 0) std::memcpy(out.data(), data_.data(), n);
    data_.remove_prefix(n);
    return n;
  }
  // Like a socket read as it is: the pieces filled in order, one piece's worth in all.
  std::size_t read_some_scattered(std::span<const std::span<char>> pieces) override {
    std::size_t total = 0;
    for (std::span<char> piece : pieces) {
      std::size_t n = std::min({piece.size(), data_.size(), piece_ - total});
      if (n > 0) std::memcpy(piece.data(), data_.data(), n);
      data_.remove_prefix(n);
      total += n;
      if (n < piece.size()) break;
    }
    return total;
  }

 private:
  std::string_view data_;
  std::size_t piece_;
};

/// The input less its first byte, and a piece size from that byte (1..4096).
struct SplitInput {
  std::string_view data;
  std::size_t piece;
};
inline SplitInput split_input(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return {{}, 1};
  const std::size_t piece = bytes[0] < 128 ? bytes[0] + 1 : (std::size_t{bytes[0]} - 127) * 32;
  return {{reinterpret_cast<const char*>(bytes + 1), size - 1}, piece};
}

}  // namespace docker::fuzz
