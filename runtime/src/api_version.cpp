#include "docker/api_version.hpp"

#include <charconv>

#include "docker/errors.hpp"

namespace docker {

ApiVersion ApiVersion::parse(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && (s.front() == 'v' || s.front() == 'V')) s.remove_prefix(1);
  ApiVersion v;
  auto dot = s.find('.');
  auto bad = [&]() {
    return VersionError("invalid API version \"" + std::string(text) + "\" (want MAJOR.MINOR, e.g. 1.41)");
  };
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == s.size()) throw bad();
  auto parse_int = [&](std::string_view part, int& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    if (ec != std::errc() || p != part.data() + part.size() || out < 0) throw bad();
  };
  parse_int(s.substr(0, dot), v.major);
  parse_int(s.substr(dot + 1), v.minor);
  return v;
}

}  // namespace docker
