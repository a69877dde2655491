// Published ports: what ContainerOptions::ports asks for (PortMapping, with
// the CLI's -p syntax) and where a published port ended up on the host
// (HostPort, from Container::port()/ports()).
//
// The checks are small and need only the standard library, so they are
// inline here: a user's parse() needs no bindings library.
#pragma once

#include <arpa/inet.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "docker/errors.hpp"

namespace docker::sdk {

/// Publishes a container port: "80/tcp" (or "80": tcp; "53/udp", "9/sctp")
/// on host_port of host_ip. An empty host_port lets the daemon pick a free
/// one (read it back with Container::port()); an empty host_ip binds every
/// address.
struct PortMapping {
  std::string container_port{};  ///< "80/tcp", "53/udp", or "80" (tcp)
  std::string host_port{};       ///< "8080"; empty: the daemon picks a free port
  std::string host_ip{};         ///< "127.0.0.1", "::1"; empty: every address

  /// `docker run -p` syntax: "80", "80/udp", "8080:80", "127.0.0.1:8080:80/tcp",
  /// "127.0.0.1::80" (host port chosen by the daemon), "[::1]:8080:80".
  /// Port ranges ("8000-8001:8000-8001") are not supported. Throws
  /// InvalidInput naming the spec when it does not parse or validate().
  [[nodiscard]] static PortMapping parse(std::string_view spec);

  /// Throws InvalidInput naming this mapping when the container port is
  /// not 1-65535 with protocol tcp, udp or sctp, the host port is neither
  /// empty nor 1-65535, or the host IP is not an IPv4/IPv6 address.
  void validate() const;

  /// The daemon's key for the container port: "80" → "80/tcp".
  [[nodiscard]] std::string key() const;

  /// "127.0.0.1:8080:80/tcp", as in messages.
  [[nodiscard]] std::string str() const;
};

/// Where a published container port is reachable on the host.
struct HostPort {
  /// As the daemon reports it: "0.0.0.0" or "::" (every address), "127.0.0.1"…
  std::string host_ip{};
  std::uint16_t host_port = 0;  ///< the port on the host
};

namespace internal {

// Names no call: parse() makes none; a container create names its own.
[[noreturn]] inline void bad_port(std::string_view spec, std::string_view why) {
  throw InvalidInput("port mapping \"" + std::string(spec) + "\": " + std::string(why));
}

/// 1-65535, digits only; nullopt otherwise.
inline std::optional<std::uint16_t> parse_port_number(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

inline bool is_ip_address(const std::string& text) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 || ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

/// "80" → "80/tcp"; checks number and protocol, naming `spec` (the whole
/// mapping, or the argument of port()) when they are wrong.
inline std::string container_port_key(std::string_view port, std::string_view spec) {
  auto slash = port.find('/');
  auto number = port.substr(0, slash);
  std::string_view protocol = slash == std::string_view::npos ? "tcp" : port.substr(slash + 1);
  if (!parse_port_number(number))
    bad_port(spec, "container port \"" + std::string(number) + "\" is not a number from 1 to 65535");
  if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
    bad_port(spec, "protocol \"" + std::string(protocol) + "\" is not tcp, udp or sctp");
  return std::string(number) + "/" + std::string(protocol);
}

}  // namespace internal

inline std::string PortMapping::key() const { return internal::container_port_key(container_port, str()); }

inline std::string PortMapping::str() const {
  std::string ip = host_ip.find(':') != std::string::npos ? "[" + host_ip + "]" : host_ip;
  if (ip.empty() && host_port.empty()) return container_port;
  return ip.empty() ? host_port + ":" + container_port : ip + ":" + host_port + ":" + container_port;
}

namespace internal {

inline void validate_mapping(const PortMapping& m, std::string_view spec) {
  (void)container_port_key(m.container_port, spec);
  if (!m.host_port.empty() && !parse_port_number(m.host_port))
    bad_port(spec, "host port \"" + m.host_port +
                       "\" is not a number from 1 to 65535 (leave it empty "
                       "to let the daemon choose)");
  if (!m.host_ip.empty() && !is_ip_address(m.host_ip))
    bad_port(spec, "host IP \"" + m.host_ip + "\" is not an IPv4 or IPv6 address");
}

}  // namespace internal

inline void PortMapping::validate() const { internal::validate_mapping(*this, str()); }

inline PortMapping PortMapping::parse(std::string_view spec) {
  PortMapping m;
  std::string_view rest = spec;
  // The container port is after the last colon; an IPv6 host IP is bracketed.
  auto last = rest.rfind(':');
  if (last == std::string_view::npos) {
    m.container_port = std::string(rest);
  } else {
    m.container_port = std::string(rest.substr(last + 1));
    rest = rest.substr(0, last);
    if (!rest.empty() && rest.front() == '[') {
      auto close = rest.find(']');
      if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
        internal::bad_port(spec, "expected [IPv6]:HOST_PORT:CONTAINER_PORT");
      m.host_ip = std::string(rest.substr(1, close - 1));
      m.host_port = std::string(rest.substr(close + 2));
    } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
      m.host_ip = std::string(rest.substr(0, colon));
      m.host_port = std::string(rest.substr(colon + 1));
      if (m.host_ip.find(':') != std::string::npos)
        internal::bad_port(spec, "an IPv6 host IP must be in brackets: [::1]:8080:80");
    } else {
      m.host_port = std::string(rest);
    }
  }
  if (m.container_port.find('-') != std::string::npos || m.host_port.find('-') != std::string::npos)
    internal::bad_port(spec, "port ranges are not supported; give one mapping per port");
  internal::validate_mapping(m, spec);
  return m;
}

}  // namespace docker::sdk
