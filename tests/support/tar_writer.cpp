#include "support/tar_writer.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace docker::testing {
namespace {

constexpr std::size_t kBlock = 512;

void put_octal(char* field, std::size_t width, std::uint64_t value) {
  // width-1 octal digits and a NUL, as ustar wants.
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

void put_string(char* field, std::size_t width, std::string_view s) {
  if (s.size() > width) throw std::invalid_argument("tar: name too long: " + std::string(s));
  if (!s.empty()) std::memcpy(field, s.data(), s.size());
}

}  // namespace

void TarWriter::add_header(std::string_view path, char type, std::uint64_t size, unsigned mode,
                           std::string_view link_target) {
  char h[kBlock] = {};
  std::string_view prefix, name = path;
  if (path.size() > 100) {  // split at a '/' into prefix (155) + name (100)
    auto cut = path.rfind('/', 155);
    if (cut == std::string_view::npos || path.size() - cut - 1 > 100)
      throw std::invalid_argument("tar: path too long: " + std::string(path));
    prefix = path.substr(0, cut);
    name = path.substr(cut + 1);
  }
  put_string(h, 100, name);
  put_octal(h + 100, 8, mode);
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, size);
  put_octal(h + 136, 12, 0);
  std::memset(h + 148, ' ', 8);
  h[156] = type;
  put_string(h + 157, 100, link_target);
  std::memcpy(h + 257, "ustar", 6);
  std::memcpy(h + 263, "00", 2);
  put_string(h + 345, 155, prefix);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h + 148, 8, "%06o", sum);
  out_.append(h, kBlock);
}

void TarWriter::add_file(std::string_view path, std::string_view content, unsigned mode) {
  add_header(path, '0', content.size(), mode, {});
  out_.append(content);
  out_.append((kBlock - content.size() % kBlock) % kBlock, '\0');
}

void TarWriter::add_directory(std::string_view path, unsigned mode) {
  std::string p(path);
  if (p.empty() || p.back() != '/') p += '/';
  add_header(p, '5', 0, mode, {});
}

void TarWriter::add_symlink(std::string_view path, std::string_view target) { add_header(path, '2', 0, 0777, target); }

std::string TarWriter::finish() {
  out_.append(2 * kBlock, '\0');
  return std::move(out_);
}

}  // namespace docker::testing
