#include "docker/client.hpp"

#include <mutex>
#include <nlohmann/json.hpp>

#include "docker/model/codec.hpp"
#include "status_error.hpp"
#include "text.hpp"

namespace docker {
namespace {
using docker::internal::path_of;

// What the Go client assumes of a daemon whose /_ping names no version.
constexpr ApiVersion kFallbackVersion{1, 24};

bool is_success(int status) { return status >= 200 && status < 300; }

// An error body is only read for its message: a hostile peer's 45 MiB answer
// must not cost 45 MiB (or more once parsed).
constexpr std::size_t kMaxErrorBody = 1 << 20;

/// The first `limit` bytes of the body; the rest is left unread (the
/// connection is then closed, not reused).
std::string read_at_most(Response& resp, std::size_t limit) {
  std::string out;
  if (!resp.body) return out;
  char buf[16384];
  while (out.size() < limit) {
    std::size_t n = resp.body->read_some({buf, std::min(sizeof buf, limit - out.size())});
    if (n == 0) break;
    out.append(buf, n);
  }
  return out;
}

/// Throws the typed error for an error status.
[[noreturn]] void throw_response_error(Response& resp, std::string method, std::string path) {
  internal::throw_response_status(resp.status, read_at_most(resp, kMaxErrorBody), resp.reason, resp.headers,
                                  std::move(method), std::move(path));
}

/// Sends a prepared request; an error status becomes its typed error.
Response send_checked(Doer& doer, Request req) {
  std::string method = req.method;
  std::string path(path_of(req.target));
  auto resp = doer.do_request(std::move(req));
  if (resp.status >= 300) throw_response_error(resp, std::move(method), std::move(path));
  return resp;
}

}  // namespace

struct Client::Negotiated {
  std::mutex mutex;
  std::optional<ApiVersion> version;
};

Client::Client(std::shared_ptr<Doer> doer, ApiVersion bindings_version, ClientOptions options)
    : doer_(std::move(doer)),
      bindings_version_(bindings_version),
      options_(std::move(options)),
      negotiated_(std::make_unique<Negotiated>()) {
  if (!doer_) throw ConfigError("docker::Client needs a transport (Doer), got null");
  if (options_.pinned_version)
    negotiated_->version = options_.pinned_version;
  else if (!options_.negotiate)
    negotiated_->version = bindings_version_;
}

Client::~Client() = default;

ApiVersion Client::api_version(const CallOptions& opts) {
  {
    std::lock_guard lock(negotiated_->mutex);
    if (negotiated_->version) return *negotiated_->version;
  }
  // Negotiated outside the lock: a daemon that hangs on /_ping must not hold
  // other callers past their own deadline or cancellation. Callers that race
  // here each ping (idempotent); the first answer is kept.
  ApiVersion negotiated = negotiate(opts);
  std::lock_guard lock(negotiated_->mutex);
  if (!negotiated_->version) negotiated_->version = negotiated;
  return *negotiated_->version;
}

void Client::require_version(ApiVersion needed, std::string_view what, const CallOptions& opts) {
  auto have = api_version(opts);
  if (have < needed)
    throw VersionError(std::string(what) + " needs API >= " + needed.str() + "; the daemon speaks " + have.str());
}

BufferedResponse Client::ping(const CallOptions& opts) {
  Request req;
  req.method = "GET";
  req.target = "/_ping";
  req.options = opts;
  if (!options_.user_agent.empty()) req.headers.set("User-Agent", options_.user_agent);
  auto resp = doer_->do_request(std::move(req));
  if (!is_success(resp.status)) throw_response_error(resp, "GET", "/_ping");
  return {resp.status, std::move(resp.headers), resp.read_body(1 << 20)};
}

ApiVersion Client::negotiate(const CallOptions& opts) {
  auto pong = ping(opts);
  ApiVersion daemon = kFallbackVersion;
  if (auto v = pong.headers.get("Api-Version"); v && !v->empty()) daemon = ApiVersion::parse(*v);
  if (daemon >= bindings_version_) {
    // A newer daemon may have dropped old versions (Docker 29 refuses < 1.44):
    // ask for its minimum so the failure is a clear VersionError, once.
    if (daemon > bindings_version_) {
      Request req;
      req.target = "/version";
      req.options = opts;
      auto resp = doer_->do_request(std::move(req));
      auto body = resp.read_body(1 << 20);
      if (is_success(resp.status)) {
        nlohmann::json j;
        try {
          j = docker::internal::parse_json(body);
        } catch (const DecodeError&) {
          // Not JSON: no minimum to compare with.
        }
        if (j.is_object() && j.contains("MinAPIVersion") && j["MinAPIVersion"].is_string()) {
          auto min = ApiVersion::parse(j["MinAPIVersion"].get<std::string>());
          if (min > bindings_version_)
            throw VersionError("these bindings speak API " + bindings_version_.str() +
                               " but the daemon requires at least " + min.str() +
                               "; regenerate the bindings for a newer API version");
        }
      }
    }
    return bindings_version_;
  }
  return daemon;
}

void Client::prepare(Request& req) {
  // Everything below (negotiation included) and the transport see one deadline.
  req.options = req.options.started_now();
  if (req.target.empty() || req.target.front() != '/')
    throw ConfigError("request target must start with '/': \"" + req.target + "\"");
  req.target.insert(0, "/v" + api_version(req.options).str());
  if (!options_.user_agent.empty() && !req.headers.contains("User-Agent"))
    req.headers.set("User-Agent", options_.user_agent);
}

BufferedResponse Client::call(Request req) {
  prepare(req);
  req.streaming = false;
  auto resp = send_checked(*doer_, std::move(req));
  return {resp.status, std::move(resp.headers), resp.read_body()};
}

Response Client::stream(Request req) {
  prepare(req);
  req.streaming = true;
  return send_checked(*doer_, std::move(req));
}

HijackResponse Client::hijack(Request req) {
  prepare(req);
  req.streaming = true;
  if (!req.headers.contains("Connection")) req.headers.set("Connection", "Upgrade");
  if (!req.headers.contains("Upgrade")) req.headers.set("Upgrade", "tcp");
  std::string method = req.method;
  std::string target = req.target;
  auto out = doer_->do_raw(std::move(req));
  if (!out.stream) {
    int status = out.response.status;
    if (status < 300)
      throw ProtocolError("daemon answered " + std::to_string(status) + " without switching protocols", method,
                          std::string(path_of(target)));
    throw_response_error(out.response, std::move(method), std::string(path_of(target)));
  }
  return out;
}

}  // namespace docker
