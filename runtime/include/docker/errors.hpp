// Typed errors of the Docker client. Every failure a call can meet is one of
// these; catch docker::Error for all of them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace docker {

/// Base of every error the client raises. `status()` is the HTTP status when
/// the daemon answered (0 otherwise); `message()` is the daemon's own message
/// (or the local reason); `method()`/`path()` name the call that failed.
class Error : public std::runtime_error {
 public:
  Error(std::string_view kind, int status, std::string message, std::string method,
        std::string path);

  int status() const noexcept { return status_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& method() const noexcept { return method_; }
  const std::string& path() const noexcept { return path_; }

 private:
  int status_;
  std::string message_;
  std::string method_;
  std::string path_;
};

/// The daemon answered with a non-success status.
class ApiError : public Error {
 public:
  ApiError(int status, std::string message, std::string method, std::string path,
           std::string_view kind = "api error")
      : Error(kind, status, std::move(message), std::move(method), std::move(path)) {}
};

#define DOCKER_CPP_API_ERROR(Name, kind)                                                 \
  class Name : public ApiError {                                                          \
   public:                                                                                \
    Name(int status, std::string message, std::string method, std::string path)           \
        : ApiError(status, std::move(message), std::move(method), std::move(path), kind) {} \
  };
DOCKER_CPP_API_ERROR(NotModified, "not modified")          // 304
DOCKER_CPP_API_ERROR(InvalidArgument, "invalid argument")  // 400
DOCKER_CPP_API_ERROR(Unauthorized, "unauthorized")         // 401
DOCKER_CPP_API_ERROR(Forbidden, "forbidden")               // 403
DOCKER_CPP_API_ERROR(NotFound, "not found")                // 404
DOCKER_CPP_API_ERROR(Conflict, "conflict")                 // 409
DOCKER_CPP_API_ERROR(Internal, "internal error")           // 500 and unmapped 5xx
DOCKER_CPP_API_ERROR(NotImplemented, "not implemented")    // 501
DOCKER_CPP_API_ERROR(Unavailable, "unavailable")           // 503
#undef DOCKER_CPP_API_ERROR

#define DOCKER_CPP_LOCAL_ERROR(Name, kind)                                      \
  class Name : public Error {                                                    \
   public:                                                                       \
    explicit Name(std::string message, std::string method = {}, std::string path = {}) \
        : Error(kind, 0, std::move(message), std::move(method), std::move(path)) {} \
  };
DOCKER_CPP_LOCAL_ERROR(TransportError, "transport error")  // connect/read/write/TLS failure
DOCKER_CPP_LOCAL_ERROR(Timeout, "timeout")                  // the call's deadline passed
DOCKER_CPP_LOCAL_ERROR(Cancelled, "cancelled")              // the call's token was cancelled
DOCKER_CPP_LOCAL_ERROR(ProtocolError, "protocol error")     // malformed HTTP or stream framing
DOCKER_CPP_LOCAL_ERROR(DecodeError, "decode error")         // a body that is not the JSON expected
DOCKER_CPP_LOCAL_ERROR(StreamError, "stream error")         // an error the daemon reported inside a stream
DOCKER_CPP_LOCAL_ERROR(VersionError, "version error")       // API version mismatch
DOCKER_CPP_LOCAL_ERROR(ConfigError, "configuration error")  // bad DOCKER_HOST, context, TLS files…
DOCKER_CPP_LOCAL_ERROR(InvalidInput, "invalid input")       // refused before sending: names the input (the daemon's 400 is InvalidArgument)
#undef DOCKER_CPP_LOCAL_ERROR

/// Extracts the daemon's message from an error body: `{"message": "..."}` when
/// it is JSON, the trimmed text otherwise.
std::string daemon_message(std::string_view body);

/// Throws the typed ApiError for a non-success status.
[[noreturn]] void throw_status_error(int status, std::string_view body, std::string method,
                                     std::string path);

}  // namespace docker
