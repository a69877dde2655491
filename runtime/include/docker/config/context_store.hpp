// The CLI's context store under the configuration directory:
//   contexts/meta/<sha256(name)>/meta.json
//   contexts/tls/<sha256(name)>/docker/{ca.pem,cert.pem,key.pem}
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace docker::config {

inline constexpr std::string_view kDefaultContextName = "default";

/// The docker endpoint of a stored context.
struct ContextEndpoint {
  /// The context's name.
  std::string name;
  std::string host;  ///< "tcp://…", "ssh://…", "unix://…"
  /// Connect over TLS without checking the daemon's certificate.
  bool skip_tls_verify = false;
  std::filesystem::path ca_file;  ///< empty when the context has none
  /// Client certificate, empty when the context has none.
  std::filesystem::path cert_file;
  /// Client key, empty when the context has none.
  std::filesystem::path key_file;
};

/// Lower-case hex sha256 of the context name: the store's directory name.
std::string context_directory_name(std::string_view context_name);

/// Parses meta.json text (`path` names it in errors).
ContextEndpoint parse_context_meta(std::string_view text, const std::filesystem::path& path);

/// Loads a context from the store; throws ConfigError when it is missing or
/// malformed, naming the context and where the name came from.
ContextEndpoint load_context(const std::filesystem::path& config_dir, std::string_view name,
                             std::string_view name_source);

}  // namespace docker::config
