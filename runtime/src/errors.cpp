#include "docker/errors.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/json_parser.hpp"
#include "status_error.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::internal::trim;

std::string describe(std::string_view kind, int status, const std::string& message, const std::string& method,
                     const std::string& path) {
  std::string out(kind);
  if (!method.empty() || !path.empty()) {
    out += " (";
    out += method;
    if (!method.empty() && !path.empty()) out += ' ';
    out += path;
    if (status != 0) out += " → " + std::to_string(status);
    out += ')';
  } else if (status != 0) {
    out += " (" + std::to_string(status) + ')';
  }
  if (!message.empty()) out += ": " + message;
  return out;
}

// Podman's Docker-compatible service answers some client errors with 500 and
// names the condition in a `cause` member (dockerd sends no such member):
// the condition, not the status, says which typed error it is. Prefixes of
// the causes Podman 4.3 was seen sending (README.md, "Podman").
enum class CauseKind { conflict, invalid_argument };
struct KnownCause {
  std::string_view prefix;
  CauseKind kind;
};
constexpr KnownCause kPodmanCauses[] = {
    {"that name is already in use", CauseKind::conflict},
    {"container state improper", CauseKind::conflict},
    {"invalid signal", CauseKind::invalid_argument},
    {"no command or entrypoint provided", CauseKind::invalid_argument},
};

std::optional<CauseKind> podman_cause(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find("cause");
  if (it == body.end() || !it->is_string()) return std::nullopt;
  const auto& cause = it->get_ref<const std::string&>();
  for (const auto& known : kPodmanCauses)
    if (cause.starts_with(known.prefix)) return known.kind;
  return std::nullopt;
}

nlohmann::json parse_error_body(std::string_view body) {
  body = trim(body);
  if (body.empty() || body.front() != '{') return nullptr;
  // The runtime's parser: bounded depth, so a hostile error body cannot
  // exhaust the stack.
  try {
    return docker::internal::parse_json_text(body);
  } catch (const DecodeError&) {
    return nullptr;  // not JSON after all: the text itself is the message
  }
}

}  // namespace

Error::Error(std::string_view kind, int status, std::string message, std::string method, std::string path)
    : std::runtime_error(describe(kind, status, message, method, path)),
      status_(status),
      message_(std::move(message)),
      method_(std::move(method)),
      path_(std::move(path)) {}

std::string daemon_message(std::string_view body) {
  auto j = parse_error_body(body);
  if (j.is_object()) {
    auto it = j.find("message");
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  // Keep error text short: a proxy's HTML page is not a message.
  constexpr std::size_t kMax = 512;
  return std::string(trim(body).substr(0, kMax));
}

void throw_status_error(int status, std::string_view body, std::string method, std::string path) {
  std::string msg = daemon_message(body);
  if (auto cause = status == 500 ? podman_cause(parse_error_body(body)) : std::nullopt) {
    if (*cause == CauseKind::conflict) throw Conflict(status, std::move(msg), std::move(method), std::move(path));
    throw InvalidArgument(status, std::move(msg), std::move(method), std::move(path));
  }
  switch (status) {
    case 304: throw NotModified(status, std::move(msg), std::move(method), std::move(path));
    case 400: throw InvalidArgument(status, std::move(msg), std::move(method), std::move(path));
    case 401: throw Unauthorized(status, std::move(msg), std::move(method), std::move(path));
    case 403: throw Forbidden(status, std::move(msg), std::move(method), std::move(path));
    case 404: throw NotFound(status, std::move(msg), std::move(method), std::move(path));
    case 409: throw Conflict(status, std::move(msg), std::move(method), std::move(path));
    case 501: throw NotImplemented(status, std::move(msg), std::move(method), std::move(path));
    case 503: throw Unavailable(status, std::move(msg), std::move(method), std::move(path));
    default: break;
  }
  if (status >= 500) throw Internal(status, std::move(msg), std::move(method), std::move(path));
  throw ApiError(status, std::move(msg), std::move(method), std::move(path));
}

FieldDecodeError::FieldDecodeError(std::string field_path, std::string reason)
    : DecodeError("at " + field_path + ": " + reason), field_path_(std::move(field_path)), reason_(std::move(reason)) {}

namespace internal {

void throw_response_status(int status, std::string body, std::string_view reason, const Headers& headers,
                           std::string method, std::string path) {
  if (trim(body).empty()) {
    body = reason.empty() ? "HTTP status " + std::to_string(status) : std::string(reason);
    if (auto location = headers.get("Location")) body += " (Location: " + std::string(*location) + ")";
  }
  throw_status_error(status, body, std::move(method), std::move(path));
}

}  // namespace internal
}  // namespace docker
