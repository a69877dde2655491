#include "docker/connect.hpp"

#include "docker/errors.hpp"
#include "docker/transport/ssh.hpp"

namespace docker {
namespace {

// TlsOptions takes files; the config layer may also hand PEM text.
std::string file_of(const config::PemSource& pem, std::string_view what) {
  if (!pem.pem.empty() && pem.file.empty())
    throw ConfigError(std::string(what) + " given as PEM text; the TLS transport loads files");
  return pem.file.string();
}

transport::TlsOptions tls_options(const config::TlsMaterial& m) {
  transport::TlsOptions tls;
  tls.ca_file = file_of(m.ca, "CA certificate");
  tls.cert_file = file_of(m.cert, "client certificate");
  tls.key_file = file_of(m.key, "client key");
  tls.verify_peer = m.verify;
  return tls;
}

}  // namespace

config::Endpoint resolve_endpoint(const ConnectOptions& options) {
  config::ResolveOptions r;
  r.host = options.host;
  r.context = options.context;
  r.env = options.env;
  if (auto ssh_options = config::non_empty(options.env, transport::kSshOptionsVariable))
    r.ssh_args = transport::split_ssh_options(*ssh_options);
  return config::resolve_endpoint(r);
}

std::shared_ptr<Doer> make_doer(const config::Endpoint& endpoint, const transport::TransportOptions& options) {
  if (auto* unix_addr = std::get_if<config::UnixAddress>(&endpoint.address))
    return transport::make_unix_doer(unix_addr->path, options);
  if (auto* tcp = std::get_if<config::TcpAddress>(&endpoint.address)) {
    if (!tcp->base_path.empty())
      throw ConfigError("endpoint " + endpoint.original + " (" + endpoint.source +
                        "): a path after host:port is not supported");
    if (endpoint.tls) return transport::make_tls_doer(tcp->host, tcp->port, tls_options(*endpoint.tls), options);
    return transport::make_tcp_doer(tcp->host, tcp->port, options);
  }
  transport::SshOptions ssh;  // ssh's own connect bound follows the transport's
  ssh.connect_timeout = std::chrono::ceil<std::chrono::seconds>(options.connect_timeout);
  return transport::make_ssh_doer(std::get<config::SshAddress>(endpoint.address), std::move(ssh), options);
}

std::unique_ptr<Client> connect(ApiVersion bindings_version, const ConnectOptions& options) {
  auto endpoint = resolve_endpoint(options);
  ClientOptions client = options.client;
  if (!client.pinned_version) client.pinned_version = config::resolve_api_version(options.env);
  auto doer =
      options.make_doer ? options.make_doer(endpoint, options.transport) : make_doer(endpoint, options.transport);
  if (!doer) throw ConfigError("ConnectOptions::make_doer returned no Doer for " + endpoint.original);
  if (!options.hooks.empty()) doer = with_hooks(std::move(doer), options.hooks, options.hook_options);
  return std::make_unique<Client>(std::move(doer), bindings_version, std::move(client));
}

}  // namespace docker
