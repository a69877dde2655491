#include "docker/internal/query.hpp"

#include <cstdio>

namespace docker::internal {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

void percent_encode(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '%';
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

void append_segment(std::string& out, std::string_view segment) {
  if (segment == "." || segment == "..") {
    for (std::size_t i = 0; i < segment.size(); ++i) out += "%2E";
    return;
  }
  for (unsigned char c : segment) {
    if (is_unreserved(c) || c == ':' || c == '@') {
      out += static_cast<char>(c);
    } else {
      percent_encode(out, c);
    }
  }
}

}  // namespace

std::string escape_path_segment(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  append_segment(out, value);
  return out;
}

std::string escape_path_name(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t start = 0;;) {
    auto slash = value.find('/', start);
    append_segment(out, value.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string escape_query(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      percent_encode(out, c);
    }
  }
  return out;
}

void QueryString::add(std::string_view name, std::string_view value) {
  if (!text_.empty()) text_ += '&';
  text_ += escape_query(name);
  text_ += '=';
  text_ += escape_query(value);
}

std::string QueryString::target(std::initializer_list<std::string_view> path) const {
  std::size_t size = text_.size() + 1;
  for (auto piece : path) size += piece.size();
  std::string out;
  out.reserve(size);
  for (auto piece : path) out.append(piece);
  if (!text_.empty()) {
    out += '?';
    out += text_;
  }
  return out;
}

void QueryString::add(std::string_view name, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  add(name, std::string_view(buf));
}

}  // namespace docker::internal
