#include "docker/config/context_store.hpp"

#include <nlohmann/json.hpp>

#include "../transport/openssl_library.hpp"
#include "docker/config/config_file.hpp"
#include "docker/errors.hpp"

namespace docker::config {

std::string context_directory_name(std::string_view context_name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const auto& ssl = transport::internal::openssl();  // loaded here: only named contexts need it
  if (ssl.EVP_Digest(context_name.data(), context_name.size(), digest, &length, ssl.EVP_sha256(), nullptr) != 1)
    throw ConfigError("sha256 of context name failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

ContextEndpoint parse_context_meta(std::string_view text, const std::filesystem::path& path) {
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(path.string() + ": not valid JSON: " + e.what());
  }
  ContextEndpoint context;
  if (meta.contains("Name") && meta["Name"].is_string()) context.name = meta["Name"].get<std::string>();
  const nlohmann::json* docker = nullptr;
  if (auto eps = meta.find("Endpoints"); eps != meta.end() && eps->is_object())
    if (auto d = eps->find("docker"); d != eps->end() && d->is_object()) docker = &*d;
  if (!docker) throw ConfigError(path.string() + ": context has no docker endpoint");
  if (auto host = docker->find("Host"); host != docker->end() && host->is_string())
    context.host = host->get<std::string>();
  if (auto skip = docker->find("SkipTLSVerify"); skip != docker->end() && skip->is_boolean())
    context.skip_tls_verify = skip->get<bool>();
  if (context.host.empty()) throw ConfigError(path.string() + ": context's docker endpoint has no Host");
  return context;
}

ContextEndpoint load_context(const std::filesystem::path& config_dir, std::string_view name,
                             std::string_view name_source) {
  const std::string id = context_directory_name(name);
  const auto meta_path = config_dir / "contexts" / "meta" / id / "meta.json";
  std::error_code ec;
  if (!std::filesystem::exists(meta_path, ec))
    throw ConfigError("context \"" + std::string(name) + "\" (from " + std::string(name_source) + ") not found: no " +
                      meta_path.string());
  ContextEndpoint context = parse_context_meta(read_text_file(meta_path, "context metadata"), meta_path);
  if (context.name.empty()) context.name = name;
  const auto tls_dir = config_dir / "contexts" / "tls" / id / "docker";
  auto file_if_present = [&](const char* file) {
    auto p = tls_dir / file;
    return std::filesystem::exists(p, ec) ? p : std::filesystem::path{};
  };
  context.ca_file = file_if_present("ca.pem");
  context.cert_file = file_if_present("cert.pem");
  context.key_file = file_if_present("key.pem");
  return context;
}

}  // namespace docker::config
