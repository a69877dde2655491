// Small text helpers the runtime's sources share (private to the runtime).
#pragma once

#include <algorithm>
#include <string_view>

namespace docker::internal {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

/// ASCII case-insensitive equality (HTTP header names, secret names).
inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

/// Without leading and trailing spaces, tabs and line ends.
inline std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

/// A request target without its query: "/containers/json?all=1" → "/containers/json".
inline std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

}  // namespace docker::internal
