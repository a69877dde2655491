// An in-memory ByteReader for stream tests: hands its data out in chosen
// chunk sizes (so a test can split input at any byte) and can throw at a
// chosen byte offset (so a test can inject a transport failure).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "docker/http.hpp"

namespace docker::testing {

class ChunkedReader final : public ByteReader {
 public:
  /// Hands out at most `chunk_size` bytes per read_some (0 = all that fits).
  explicit ChunkedReader(std::string data, std::size_t chunk_size = 0);
  /// Hands out exactly the given pieces: read k ends at offset sum(sizes[0..k]);
  /// after the listed sizes, the rest comes in one piece per read.
  ChunkedReader(std::string data, std::vector<std::size_t> sizes);

  /// Throws `error()` when a read would deliver the byte at `offset`
  /// (bytes before it are delivered first).
  ChunkedReader& fail_at(std::size_t offset, std::function<void()> error);

  std::size_t read_some(std::span<char> buf) override;

  std::size_t position() const { return pos_; }
  std::size_t reads() const { return reads_; }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  std::size_t chunk_size_ = 0;
  std::vector<std::size_t> sizes_;
  std::size_t next_size_ = 0;
  std::size_t reads_ = 0;
  std::optional<std::size_t> fail_offset_;
  std::function<void()> error_;
};

/// Splits `data` into two reads at `split` (a convenience for "every split point" loops).
inline ChunkedReader split_reader(std::string data, std::size_t split) {
  return ChunkedReader(std::move(data), std::vector<std::size_t>{split});
}

}  // namespace docker::testing
