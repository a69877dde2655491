#include "docker/http.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "docker/errors.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::internal::iequals;

/// A file read as it is sent; owns its descriptor.
class FileReader final : public ByteReader {
 public:
  FileReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  ~FileReader() override { ::close(fd_); }

  std::size_t read_some(std::span<char> buf) override {
    for (;;) {
      auto n = ::read(fd_, buf.data(), buf.size());
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) throw InvalidInput("cannot read " + path_ + ": " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void Headers::set(std::string name, std::string value) {
  remove(name);
  add(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return iequals(f.first, name); });
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& f : fields_)
    if (iequals(f.first, name)) return std::string_view(f.second);
  return std::nullopt;
}

std::size_t ByteReader::read_some_scattered(std::span<const std::span<char>> pieces) {
  for (std::span<char> piece : pieces)
    if (!piece.empty()) return read_some(piece);
  return 0;
}

std::string ByteReader::read_all(std::size_t limit) {
  std::string out;
  char buf[16384];
  for (;;) {
    std::size_t n = read_some(buf);
    if (n == 0) return out;
    if (out.size() + n > limit) throw ProtocolError("body larger than the " + std::to_string(limit) + "-byte limit");
    out.append(buf, n);
  }
}

StreamBody StreamBody::from_string(std::string data) {
  auto length = static_cast<std::uint64_t>(data.size());
  return StreamBody{std::make_shared<StringReader>(std::move(data)), length};
}

StreamBody StreamBody::from_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InvalidInput("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InvalidInput(path + " is not a regular file");
  }
  return StreamBody{std::make_shared<FileReader>(fd, path), static_cast<std::uint64_t>(st.st_size)};
}

std::size_t StringReader::read_some(std::span<char> buf) {
  std::size_t n = std::min(buf.size(), data_.size() - pos_);
  std::memcpy(buf.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

}  // namespace docker
