// The typed error of an error status, built the same way for the caller
// (Client) and for the hooks' observers (CallInfo::exception). Private to the
// runtime.
#pragma once

#include <string>
#include <string_view>

#include "docker/http.hpp"

namespace docker::internal {

/// Throws the typed error (NotFound, Conflict…) for `status` with the daemon's
/// message from `body` (the first bytes of it suffice). An empty body (a
/// proxy's 301, a bare 502) still gets a message: the reason phrase, and
/// where a redirect points.
[[noreturn]] void throw_response_status(int status, std::string body, std::string_view reason, const Headers& headers,
                                        std::string method, std::string path);

}  // namespace docker::internal
