#include "docker/config/endpoint.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

#include "../text.hpp"
#include "docker/config/config_file.hpp"
#include "docker/config/context_store.hpp"
#include "docker/errors.hpp"

namespace docker::config {
namespace {

using docker::internal::trim;
bool is_env_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

/// Builds errors that name the offending value and where it came from:
/// `DOCKER_HOST=tcp://:abc: invalid port "abc"`, `host option "x": …`.
struct ValueErrors {
  std::string_view source;
  std::string_view value;
  ConfigError operator()(const std::string& why) const {
    std::string where = is_env_name(source) ? std::string(source) + "=" + std::string(value)
                                            : std::string(source) + " \"" + std::string(value) + "\"";
    return ConfigError(where + ": " + why);
  }
};

std::uint16_t parse_port(std::string_view text, const ValueErrors& fail) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535)
    throw fail("invalid port \"" + std::string(text) + "\"");
  return static_cast<std::uint16_t>(value);
}

struct HostPort {
  std::string host;
  std::optional<std::uint16_t> port;
};

/// "host", "host:port", "[v6]", "[v6]:port"; an empty port after ':' counts as none.
HostPort split_host_port(std::string_view authority, const ValueErrors& fail) {
  HostPort out;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) throw fail("missing ']' in IPv6 address");
    out.host = authority.substr(1, close - 1);
    auto after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      throw fail("unexpected \"" + std::string(after) + "\" after IPv6 address");
    if (!after.empty()) port = after.substr(1);
  } else {
    auto colons = std::count(authority.begin(), authority.end(), ':');
    if (colons > 1) throw fail("an IPv6 address must be in brackets, e.g. [::1]:2375");
    auto colon = authority.find(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (!port.empty()) out.port = parse_port(port, fail);
  return out;
}

void reject_query_and_fragment(std::string_view rest, const ValueErrors& fail) {
  if (auto q = rest.find('?'); q != std::string_view::npos)
    throw fail("query parameters are not allowed: \"" + std::string(rest.substr(q + 1)) + "\"");
  if (auto f = rest.find('#'); f != std::string_view::npos)
    throw fail("fragments are not allowed: \"" + std::string(rest.substr(f + 1)) + "\"");
}

TcpAddress parse_tcp(std::string_view rest, bool tls, const ValueErrors& fail) {
  TcpAddress tcp;
  tcp.host = "localhost";
  tcp.port = tls ? kDefaultTlsPort : kDefaultTcpPort;
  if (rest.find("://") != std::string_view::npos) throw fail("invalid proto, expected tcp");
  reject_query_and_fragment(rest, fail);
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) tcp.base_path = rest.substr(slash);
  while (!tcp.base_path.empty() && tcp.base_path.back() == '/') tcp.base_path.pop_back();
  if (authority.find('@') != std::string_view::npos) throw fail("user information is not allowed in a tcp address");
  auto hp = split_host_port(authority, fail);
  if (!hp.host.empty()) tcp.host = std::move(hp.host);
  if (hp.port) tcp.port = *hp.port;
  return tcp;
}

SshAddress parse_ssh(std::string_view rest, const ValueErrors& fail) {
  SshAddress ssh;
  reject_query_and_fragment(rest, fail);
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  if (slash != std::string_view::npos && rest.substr(slash) != "/") ssh.socket_path = rest.substr(slash);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    auto user = authority.substr(0, at);
    if (user.find(':') != std::string_view::npos) throw fail("plain-text password is not supported");
    ssh.user = user;
    authority.remove_prefix(at + 1);
  }
  auto hp = split_host_port(authority, fail);
  if (hp.host.empty()) throw fail("hostname is empty");
  ssh.host = std::move(hp.host);
  ssh.port = hp.port;
  return ssh;
}

/// Splits "proto://rest"; without "://", a path means unix and anything else
/// tcp, as the CLI does.
std::pair<std::string_view, std::string_view> split_scheme(std::string_view v) {
  auto sep = v.find("://");
  if (sep != std::string_view::npos) return {v.substr(0, sep), v.substr(sep + 3)};
  if (v.starts_with("/") || v.starts_with("./")) return {"unix", v};
  return {"tcp", v};
}

bool file_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

/// TLS material from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH (the
/// CLI's rules: CA required when verifying; client cert and key used when present).
std::optional<TlsMaterial> tls_from_environment(const EnvironmentGetter& env) {
  const bool verify = non_empty(env, "DOCKER_TLS_VERIFY").has_value();
  if (!verify && !non_empty(env, "DOCKER_TLS")) return std::nullopt;
  std::filesystem::path dir;
  std::string dir_source;
  if (auto cert_path = non_empty(env, "DOCKER_CERT_PATH")) {
    dir = *cert_path;
    dir_source = "DOCKER_CERT_PATH=" + *cert_path;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw ConfigError(dir_source + ": not a directory");
  } else {
    dir = config_dir(env);
    dir_source = "the default certificate directory " + dir.string();
  }
  TlsMaterial tls;
  tls.verify = verify;
  if (file_exists(dir / "ca.pem")) {
    tls.ca.file = dir / "ca.pem";
  } else if (verify) {
    throw ConfigError("DOCKER_TLS_VERIFY is set but " + dir_source + " has no ca.pem");
  }
  const bool has_cert = file_exists(dir / "cert.pem"), has_key = file_exists(dir / "key.pem");
  if (has_cert != has_key)
    throw ConfigError(dir_source + ": " + (has_cert ? "cert.pem without key.pem" : "key.pem without cert.pem"));
  if (has_cert) {
    tls.cert.file = dir / "cert.pem";
    tls.key.file = dir / "key.pem";
  }
  return tls;
}

Endpoint endpoint_from_environment_tls(std::string_view value, std::string_view source, const ResolveOptions& options) {
  auto tls = tls_from_environment(options.env);
  Endpoint endpoint = parse_host(value, source, tls.has_value());
  if (endpoint.scheme() == Scheme::tcp) endpoint.tls = std::move(tls);
  return endpoint;
}

Endpoint endpoint_from_context(const ContextEndpoint& context) {
  const std::string source = "Host of context \"" + context.name + "\"";
  std::optional<TlsMaterial> tls;
  if (!context.ca_file.empty() || !context.cert_file.empty() || !context.key_file.empty() || context.skip_tls_verify) {
    tls = TlsMaterial{{context.ca_file, {}}, {context.cert_file, {}}, {context.key_file, {}}, !context.skip_tls_verify};
  }
  Endpoint endpoint = parse_host(context.host, source, tls.has_value());
  if (endpoint.scheme() == Scheme::tcp) endpoint.tls = std::move(tls);
  endpoint.source = "context \"" + context.name + "\"";
  endpoint.context = context.name;
  return endpoint;
}

std::string bracketed(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

}  // namespace

std::string load_pem(const PemSource& source, std::string_view what) {
  if (!source.pem.empty() || source.file.empty()) return source.pem;
  return read_text_file(source.file, what);
}

std::vector<std::string> SshAddress::command_args() const {
  std::vector<std::string> args = extra_args;
  if (!user.empty()) args.insert(args.end(), {"-l", user});
  if (port) args.insert(args.end(), {"-p", std::to_string(*port)});
  args.insert(args.end(), {"--", host, "docker"});
  if (!socket_path.empty()) args.insert(args.end(), {"--host", "unix://" + socket_path});
  args.insert(args.end(), {"system", "dial-stdio"});
  return args;
}

std::string Endpoint::url() const {
  struct Visitor {
    std::string operator()(const UnixAddress& a) const { return "unix://" + a.path; }
    std::string operator()(const TcpAddress& a) const {
      return "tcp://" + bracketed(a.host) + ":" + std::to_string(a.port) + a.base_path;
    }
    std::string operator()(const SshAddress& a) const {
      std::string out = "ssh://";
      if (!a.user.empty()) out += a.user + "@";
      out += bracketed(a.host);
      if (a.port) out += ":" + std::to_string(*a.port);
      return out + a.socket_path;
    }
  };
  return std::visit(Visitor{}, address);
}

Endpoint parse_host(std::string_view value, std::string_view source, bool tls) {
  const std::string_view v = trim(value);
  const ValueErrors fail{source, value};
  Endpoint endpoint;
  endpoint.original = std::string(v);
  endpoint.source = std::string(source);
  if (v.empty()) {
    if (tls)
      endpoint.address = TcpAddress{"localhost", kDefaultTlsPort, {}};
    else
      endpoint.address = UnixAddress{std::string(kDefaultUnixSocket)};
    return endpoint;
  }
  auto [scheme, rest] = split_scheme(v);
  if (scheme == "unix") {
    if (rest.find("://") != std::string_view::npos) throw fail("invalid proto, expected unix");
    endpoint.address = UnixAddress{rest.empty() ? std::string(kDefaultUnixSocket) : std::string(rest)};
  } else if (scheme == "tcp") {
    endpoint.address = parse_tcp(rest, tls, fail);
  } else if (scheme == "ssh") {
    endpoint.address = parse_ssh(rest, fail);
  } else if (scheme == "fd") {
    throw fail("fd:// is only for the daemon's socket activation; a client cannot connect to it");
  } else if (scheme == "npipe") {
    throw fail("npipe:// (a Windows named pipe) is not supported on this platform");
  } else if (scheme == "http" || scheme == "https") {
    throw fail("invalid bind address format: use tcp://host:port" +
               std::string(scheme == "https" ? " with DOCKER_TLS_VERIFY=1" : ""));
  } else {
    throw fail("unsupported scheme \"" + std::string(scheme) + "://\" (expected unix://, tcp:// or ssh://)");
  }
  return endpoint;
}

Endpoint resolve_endpoint(const ResolveOptions& options) {
  Endpoint endpoint = [&] {
    if (options.host && options.context)
      throw ConfigError("conflicting options: both a host (\"" + *options.host + "\") and a context (\"" +
                        *options.context + "\") were given");
    if (options.host) return endpoint_from_environment_tls(*options.host, "host option", options);

    // The default context is the environment: DOCKER_HOST, else the default socket.
    auto default_context = [&] {
      if (auto host = non_empty(options.env, "DOCKER_HOST"))
        return endpoint_from_environment_tls(*host, "DOCKER_HOST", options);
      return endpoint_from_environment_tls("", "default", options);
    };
    // As in the CLI, an explicit context option beats DOCKER_HOST, which beats
    // DOCKER_CONTEXT and the config file.
    std::string name, name_source;
    if (options.context && !options.context->empty()) {
      name = *options.context, name_source = "the context option";
    } else if (non_empty(options.env, "DOCKER_HOST")) {
      return default_context();
    } else if (auto env_context = non_empty(options.env, "DOCKER_CONTEXT")) {
      name = *env_context, name_source = "DOCKER_CONTEXT";
    } else {
      auto file = load_config_file(config_dir(options.env));
      if (!file.current_context.empty()) name = file.current_context, name_source = file.path.string();
    }
    if (name.empty() || name == kDefaultContextName) return default_context();
    return endpoint_from_context(load_context(config_dir(options.env), name, name_source));
  }();
  if (auto* ssh = std::get_if<SshAddress>(&endpoint.address)) ssh->extra_args = options.ssh_args;
  return endpoint;
}

std::optional<ApiVersion> resolve_api_version(const EnvironmentGetter& env) {
  auto value = non_empty(env, "DOCKER_API_VERSION");
  if (!value) return std::nullopt;
  try {
    return ApiVersion::parse(*value);
  } catch (const Error& e) {
    throw ConfigError("DOCKER_API_VERSION=" + *value + ": " + e.message());
  }
}

}  // namespace docker::config
