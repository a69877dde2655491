// The first API version of a request body field, from the generated facts
// (`<Op>Params::body_since`), for the options the layer puts in a body it
// builds as JSON: the layer checks them against the negotiated version
// before sending, and spells no version number itself.
#pragma once

#include <string_view>

#include "docker/api_version.hpp"
#include "docker/route.hpp"

namespace docker::sdk::internal {

/// The first API version of body field `path` ("HostConfig.Init") of Params's
/// operation. A compile-time lookup: a path the facts do not list fails to
/// compile (a misspelt path never turns the check off). Bindings whose
/// version the facts table does not cover list none: ApiVersion{} then (no
/// check), as their generated calls make none.
template <class Params>
consteval ApiVersion body_field_since(std::string_view path) {
  if constexpr (requires { Params::body_since; }) {
    for (const FieldSince& field : Params::body_since)
      if (path == field.path) return field.since;
    throw "body_field_since: not a body field newer than its operation";  // not a constant: a compile error
  } else {
    return ApiVersion{0, 0};
  }
}

}  // namespace docker::sdk::internal
