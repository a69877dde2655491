#include "support/chunked_reader.hpp"

#include <algorithm>
#include <cstring>

namespace docker::testing {

ChunkedReader::ChunkedReader(std::string data, std::size_t chunk_size)
    : data_(std::move(data)), chunk_size_(chunk_size) {}

ChunkedReader::ChunkedReader(std::string data, std::vector<std::size_t> sizes)
    : data_(std::move(data)), sizes_(std::move(sizes)) {}

ChunkedReader& ChunkedReader::fail_at(std::size_t offset, std::function<void()> error) {
  fail_offset_ = offset;
  error_ = std::move(error);
  return *this;
}

std::size_t ChunkedReader::read_some(std::span<char> buf) {
  ++reads_;
  if (fail_offset_ && pos_ >= *fail_offset_) error_();
  std::size_t n = std::min(buf.size(), data_.size() - pos_);
  if (chunk_size_ != 0) n = std::min(n, chunk_size_);
  // A zero-size piece would read as the end of the stream: skip it.
  while (next_size_ < sizes_.size() && sizes_[next_size_] == 0) ++next_size_;
  if (next_size_ < sizes_.size()) {
    n = std::min(n, sizes_[next_size_]);
    sizes_[next_size_] -= n;
    if (sizes_[next_size_] == 0) ++next_size_;
  }
  if (fail_offset_ && pos_ + n > *fail_offset_) n = *fail_offset_ - pos_;
  std::memcpy(buf.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

}  // namespace docker::testing
