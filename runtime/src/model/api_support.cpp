#include "docker/internal/api_support.hpp"

#include "docker/auth/registry_auth.hpp"

namespace docker {

namespace internal {

void set_header(Headers& headers, const std::string& name, const std::optional<std::string>& value) {
  if (value) headers.set(name, *value);
}

void set_registry_auth(Headers& headers, const std::string& name, const std::optional<RegistryAuth>& credentials) {
  if (credentials) headers.set(name, auth::encode_registry_auth(*credentials));
}

void set_registry_config(Headers& headers, const std::string& name, const std::optional<RegistryConfig>& config) {
  if (config) headers.set(name, auth::encode_registry_config(*config));
}

void set_upgrade_headers(Headers& headers, const std::string& protocol) {
  headers.set("Connection", "Upgrade");
  headers.set("Upgrade", protocol);
}

void set_stream_body(Request& request, const std::string& content_type, const StreamBody& body) {
  if (!body.reader) return;
  if (!request.headers.contains("Content-Type")) request.headers.set("Content-Type", content_type);
  request.body = body;
}

void set_stream_body(Request& request, const std::string& content_type, const std::optional<StreamBody>& body) {
  if (body) set_stream_body(request, content_type, *body);
}

void set_json_text_body(Request& request, std::string json) {
  request.headers.set("Content-Type", "application/json");
  request.body = std::move(json);
}

std::shared_ptr<ByteReader> body_source(Response&& response) {
  return std::shared_ptr<ByteReader>(std::move(response.body));
}

bool output_is_multiplexed(const Headers& headers, OutputFraming framing, ApiVersion negotiated) {
  if (framing != OutputFraming::detect) return framing == OutputFraming::multiplexed;
  auto type = headers.get("Content-Type").value_or("");
  if (type.starts_with("application/vnd.docker.multiplexed-stream")) return true;
  // Before 1.42 the daemon sent raw-stream for both kinds; only a TTY hint can tell.
  if (type.starts_with("application/vnd.docker.raw-stream")) return negotiated < ApiVersion{1, 42};
  return true;
}

OutputStream open_output(Response&& response, OutputFraming framing, ApiVersion negotiated) {
  bool multiplexed = output_is_multiplexed(response.headers, framing, negotiated);
  return OutputStream(body_source(std::move(response)), multiplexed);
}

}  // namespace internal
}  // namespace docker
