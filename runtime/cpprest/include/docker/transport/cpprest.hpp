// An optional Doer over cpprestsdk's http_client (target DockerCpp::cpprest,
// built only when find_package(cpprestsdk CONFIG) succeeds; it defines
// DOCKER_CPP_HAVE_CPPREST). For code that already runs cpprestsdk and wants
// one HTTP stack: tcp:// and TLS endpoints only (cpprestsdk has no unix
// sockets), and no hijack (attach, exec start): do_raw throws Unsupported.
//
// What differs from the built-in transports (runtime/src/transport/README.md
// has the full matrix):
//  - response bodies stream (cpprestsdk fills a buffer as bytes arrive);
//  - a StreamBody request body is read whole into memory before sending
//    (chunked when it has no length), so very large uploads cost memory;
//  - deadline and cancellation are enforced here, around cpprestsdk's tasks;
//    a cancelled or timed-out request is cancelled in cpprestsdk too;
//  - cpprestsdk pools connections itself (TransportOptions' pool settings do
//    not apply; connect_timeout bounds each socket operation).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "docker/config/endpoint.hpp"
#include "docker/doer.hpp"
#include "docker/transport/transports.hpp"

namespace docker::transport {

/// http://host:port, or https://host:port when `tls` is given (its CA file,
/// client certificate and key are loaded into cpprestsdk's SSL context).
/// Throws ConfigError when a TLS file cannot be loaded.
std::shared_ptr<Doer> make_cpprest_doer(std::string host, std::uint16_t port,
                                        std::optional<TlsOptions> tls = std::nullopt, TransportOptions options = {});

/// For a resolved endpoint (DOCKER_HOST, DOCKER_TLS_VERIFY/DOCKER_CERT_PATH,
/// contexts), and as docker::ConnectOptions::make_doer:
///   options.make_doer = [](auto& e, auto& o) { return docker::transport::make_cpprest_doer(e, o); };
/// Throws ConfigError for unix and ssh endpoints (cpprestsdk dials TCP only).
std::shared_ptr<Doer> make_cpprest_doer(const config::Endpoint& endpoint, const TransportOptions& options = {});

}  // namespace docker::transport
