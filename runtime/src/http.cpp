#include "docker/http.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "docker/errors.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::detail::iequals;


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

std::string ByteReader::read_all(std::size_t limit) {
  std::string out;
  char buf[16384];
  for (;;) {
    std::size_t n = read_some(buf);
    if (n == 0) return out;
    if (out.size() + n > limit)
      throw ProtocolError("body larger than the " + std::to_string(limit) + "-byte limit");
    out.append(buf, n);
  }
}

std::size_t StringReader::read_some(std::span<char> buf) {
  std::size_t n = std::min(buf.size(), data_.size() - pos_);
  std::memcpy(buf.data(), data_.data() + pos_, n);
  pos_ += n;
  return n;
}

}  // namespace docker
