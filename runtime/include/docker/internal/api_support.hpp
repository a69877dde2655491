// Vocabulary types and helpers the generated operations use: typed filters,
// registry credentials, request bodies, output framing.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/api_version.hpp"
#include "docker/auth/auth_config.hpp"
#include "docker/http.hpp"
#include "docker/internal/json_support.hpp"
#include "docker/model/json_message.hpp"
#include "docker/streams/output_stream.hpp"

namespace docker {

namespace internal {

void set_header(Headers& headers, const std::string& name, const std::optional<std::string>& value);
void set_registry_auth(Headers& headers, const std::string& name, const std::optional<RegistryAuth>& credentials);
void set_registry_config(Headers& headers, const std::string& name, const std::optional<RegistryConfig>& config);
/// Upgrade headers for attach / exec start / session (the daemon answers 101).
void set_upgrade_headers(Headers& headers, const std::string& protocol);

void set_stream_body(Request& request, const std::string& content_type, const StreamBody& body);
void set_stream_body(Request& request, const std::string& content_type, const std::optional<StreamBody>& body);
void set_json_text_body(Request& request, std::string json);

/// JSON body from a model; an optional body that is unset sends nothing.
template <class T>
void set_json_body(Request& request, const T& value) {
  set_json_text_body(request, text_of(nlohmann::json(value)));
}
template <class T>
void set_json_body(Request& request, const std::optional<T>& value) {
  if (value) set_json_body(request, *value);
}
/// JSON body encoded for API `version`: model members newer than it are left out.
template <class T>
void set_json_body(Request& request, const T& value, ApiVersion version) {
  EncodingForVersion encoding(version);
  set_json_body(request, value);
}

/// The body of a streamed response as a shareable reader.
std::shared_ptr<ByteReader> body_source(Response&& response);

/// Container output over a streamed response, framed per `framing`.
OutputStream open_output(Response&& response, OutputFraming framing, ApiVersion negotiated);

/// Whether output is multiplexed, given the response Content-Type.
bool output_is_multiplexed(const Headers& headers, OutputFraming framing, ApiVersion negotiated);

}  // namespace internal
}  // namespace docker
