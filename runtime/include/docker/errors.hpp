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
  /// `what()` reads "<kind>: <message> (<method> <path>)"; `kind` names the subclass.
  Error(std::string_view kind, int status, std::string message, std::string method, std::string path);

  /// The HTTP status the daemon answered, 0 for a local failure.
  int status() const noexcept { return status_; }
  /// The daemon's message, or the local reason.
  const std::string& message() const noexcept { return message_; }
  /// The HTTP method of the failed call (empty when there was none).
  const std::string& method() const noexcept { return method_; }
  /// The request path of the failed call (empty when there was none).
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
  /// Built by the client from the daemon's answer (throw_status_error).
  ApiError(int status, std::string message, std::string method, std::string path, std::string_view kind = "api error")
      : Error(kind, status, std::move(message), std::move(method), std::move(path)) {}
};

/// Declares an ApiError subclass for one status (the reference expands it).
#define DOCKER_CPP_API_ERROR(Name, kind)                                                    \
  class Name : public ApiError { /* NOLINT(bugprone-macro-parentheses): a class name */     \
   public:                                                                                  \
    /** Built by the client from the daemon's answer. */                                    \
    Name(int status, std::string message, std::string method, std::string path)             \
        : ApiError(status, std::move(message), std::move(method), std::move(path), kind) {} \
  };
/// 304: nothing to do (the container was already started or stopped).
DOCKER_CPP_API_ERROR(NotModified, "not modified")
/// 400: the daemon refused a parameter or body; also raised locally for bad input.
DOCKER_CPP_API_ERROR(InvalidArgument, "invalid argument")
/// 401: the registry refused the credentials.
DOCKER_CPP_API_ERROR(Unauthorized, "unauthorized")
/// 403: the operation is not allowed (e.g. on a swarm worker).
DOCKER_CPP_API_ERROR(Forbidden, "forbidden")
/// 404: no such container, image, network, volume... (or no such route).
DOCKER_CPP_API_ERROR(NotFound, "not found")
/// 409: the object's state forbids it (name in use, container running...).
DOCKER_CPP_API_ERROR(Conflict, "conflict")
/// 500 and any 5xx without a class of its own: the daemon failed.
DOCKER_CPP_API_ERROR(Internal, "internal error")
/// 501: the daemon does not implement the operation.
DOCKER_CPP_API_ERROR(NotImplemented, "not implemented")
/// 503: the daemon cannot serve it now (e.g. not a swarm manager).
DOCKER_CPP_API_ERROR(Unavailable, "unavailable")
#undef DOCKER_CPP_API_ERROR

/// Declares an Error subclass raised without a daemon answer.
#define DOCKER_CPP_LOCAL_ERROR(Name, kind)                                               \
  class Name : public Error { /* NOLINT(bugprone-macro-parentheses): a class name */     \
   public:                                                                               \
    /** `message` says what failed; `method`/`path` name the call, when there is one. */ \
    explicit Name(std::string message, std::string method = {}, std::string path = {})   \
        : Error(kind, 0, std::move(message), std::move(method), std::move(path)) {}      \
  };
/// Connecting, reading, writing or TLS failed.
DOCKER_CPP_LOCAL_ERROR(TransportError, "transport error")
/// The call's deadline passed (CallOptions::timeout).
DOCKER_CPP_LOCAL_ERROR(Timeout, "timeout")
/// The call's cancellation token was cancelled.
DOCKER_CPP_LOCAL_ERROR(Cancelled, "cancelled")
/// Malformed HTTP or stream framing.
DOCKER_CPP_LOCAL_ERROR(ProtocolError, "protocol error")
/// A body that is not the JSON expected.
DOCKER_CPP_LOCAL_ERROR(DecodeError, "decode error")
/// An error the daemon reported inside a stream (pull, build, push progress).
DOCKER_CPP_LOCAL_ERROR(StreamError, "stream error")
/// The daemon's API version lacks the operation, parameter or feature used.
DOCKER_CPP_LOCAL_ERROR(VersionError, "version error")
/// A bad DOCKER_HOST, context, config file or TLS file.
DOCKER_CPP_LOCAL_ERROR(ConfigError, "configuration error")
/// An argument refused before anything was sent; the message names it (what
/// the daemon refuses is InvalidArgument, an ApiError).
DOCKER_CPP_LOCAL_ERROR(InvalidInput, "invalid input")
/// What the transport in use cannot do, refused before anything was sent (a
/// hijack over the cpprestsdk adapter); the message says what can.
DOCKER_CPP_LOCAL_ERROR(Unsupported, "unsupported")
#undef DOCKER_CPP_LOCAL_ERROR

/// A member that did not decode; `field_path()` is "HostConfig.Memory".
class FieldDecodeError : public DecodeError {
 public:
  /// `field_path` names the member, `reason` what was wrong.
  FieldDecodeError(std::string field_path, std::string reason);
  /// The member that failed ("HostConfig.Memory").
  const std::string& field_path() const noexcept { return field_path_; }
  /// What was wrong with it.
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string field_path_;
  std::string reason_;
};

/// Extracts the daemon's message from an error body: `{"message": "..."}` when
/// it is JSON, the trimmed text otherwise.
std::string daemon_message(std::string_view body);

/// Throws the typed ApiError for a non-success status.
[[noreturn]] void throw_status_error(int status, std::string_view body, std::string method, std::string path);

}  // namespace docker
