// Naming the call in the layer's errors without spelling a route: the
// version-free body builders (requests.hpp, resource_requests.hpp,
// swarm_requests.hpp, ports.hpp) say what is wrong with an input; the
// version's code that calls them names the call from the generated route
// (`<Op>Params::route`).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "docker/errors.hpp"
#include "docker/route.hpp"

namespace docker::sdk::internal {

/// Runs `build`; an InvalidInput it throws that names no call is thrown again
/// naming Params::route (its method and path template).
template <class Params, class Build>
decltype(auto) for_call(Build&& build) {
  try {
    return std::forward<Build>(build)();
  } catch (const InvalidInput& e) {
    if (!e.method().empty()) throw;
    throw InvalidInput(e.message(), Params::route.method, Params::route.path);
  }
}

/// A call an error names: its method and its path, parameters filled in.
struct NamedCall {
  std::string method;  ///< "GET"
  std::string path;    ///< "/containers/web/json"
};

/// Params::route with `values` filled in (escaped as the request is).
template <class Params>
NamedCall named_call(std::initializer_list<std::string_view> values) {
  return {Params::route.method, Params::route.fill(values)};
}

/// Refuses an empty name or id before it turns the request into another one
/// (GET /networks/ is the list); the error names `route`.
inline void require_name(const std::string& value, const char* what, const Route& route) {
  if (value.empty()) throw InvalidInput(std::string(what) + " is empty", route.method, route.path);
}

}  // namespace docker::sdk::internal
