// The HTTP method and path template of an Engine API operation, as the
// generated parameter structs carry it (`<Op>Params::route`): code that names
// a call in an error, or builds a request the generated call cannot, takes
// both from here instead of spelling them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "docker/api_version.hpp"

namespace docker {

namespace internal {
class QueryString;
}  // namespace internal

/// One operation's route: `{"POST", "/containers/{id}/wait"}`. Plain
/// `const char*` members so that they pass as is where a std::string is
/// taken (the method and path of a docker::Error).
struct Route {
  /// The HTTP method: "GET", "POST", "PUT", "DELETE", "HEAD".
  const char* method = "";
  /// The path template as the spec writes it, parameters in braces: "/containers/{id}/wait".
  const char* path = "";
  /// Bit i set: the i-th path parameter keeps its slashes (the routes the
  /// daemon matches with a catch-all pattern: image, plugin and distribution names).
  std::uint32_t slashed = 0;

  /// The path with each `{parameter}` replaced, in order, by the next value,
  /// escaped as the generated call escapes it (docker::internal::escape_path_segment,
  /// or escape_path_name for a slashed parameter). Throws docker::InvalidInput
  /// when the number of values is not the number of parameters.
  [[nodiscard]] std::string fill(std::initializer_list<std::string_view> values) const;
  /// fill(values) followed by the query string (`?a=1`, nothing when empty): a request target.
  [[nodiscard]] std::string target(std::initializer_list<std::string_view> values,
                                   const docker::internal::QueryString& query) const;
};

/// A request body field and the first API version that has it, as the
/// generated parameter structs list them (`<Op>Params::body_since`):
/// `{"HostConfig.Init", {1, 37}}`.
struct FieldSince {
  /// The field's JSON path in the request body, members joined by '.' (array items add nothing).
  const char* path = "";
  /// The first known API version whose spec has it.
  ApiVersion since{};
};

}  // namespace docker
