#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace docker {

/// An Engine API version such as 1.41.
struct ApiVersion {
  /// Major version (1 for every Engine API so far).
  int major = 1;
  /// Minor version (41 in 1.41).
  int minor = 0;

  /// Parses "1.41" (an optional leading 'v' is accepted). Throws VersionError.
  static ApiVersion parse(std::string_view text);
  /// As written in URLs and headers: "1.41".
  std::string str() const { return std::to_string(major) + "." + std::to_string(minor); }
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees the 0 of the defaulted <=>
  friend auto operator<=>(const ApiVersion&, const ApiVersion&) = default;
};

}  // namespace docker
