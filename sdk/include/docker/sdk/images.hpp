// Images over the generated bindings of any API version: list, inspect,
// history, tag, remove, prune, import, load, save, commit, pull and push.
//
//   auto images = docker.with(docker::CallOptions::per_call(std::chrono::minutes(5))).images();
//   images.pull("127.0.0.1:5000/app:1", {.auth = credentials}).wait();   // docker/sdk/progress.hpp
//   auto removed = images.remove("127.0.0.1:5000/app:1");
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/auth/auth_config.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/http.hpp"
#include "docker/sdk/registry.hpp"

namespace docker::sdk {

/// Reads pull/push/import/load progress (docker/sdk/progress.hpp).
template <class Stream>
class ProgressReader;

/// "host:5000/app:1" → {"host:5000/app", "1", ""}; "app@sha256:…" → {"app", "", "sha256:…"}.
struct ImageReference {
  std::string repository;  ///< registry host (with port) and path; no tag, no digest
  std::string tag;         ///< empty when the reference has none (not defaulted to latest)
  std::string digest;      ///< "sha256:…" after '@'; empty when none
};

/// Splits `reference` into repository, tag and digest, without checking
/// them or filling in defaults (see ImageReference).
inline ImageReference parse_image_reference(std::string_view reference) {
  ImageReference out;
  if (auto at = reference.find('@'); at != std::string_view::npos) {
    out.digest = std::string(reference.substr(at + 1));
    reference = reference.substr(0, at);
  }
  // A colon after the last slash separates the tag; one before it is a port.
  auto slash = reference.rfind('/');
  auto colon = reference.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    out.tag = std::string(reference.substr(colon + 1));
    reference = reference.substr(0, colon);
  }
  out.repository = std::string(reference);
  return out;
}

/// What DELETE /images/{name} or prune removed. Entries the daemon sends
/// empty (an item with neither field) are left out.
struct RemovedImages {
  std::vector<std::string> untagged;  ///< references removed ("app:1", "app@sha256:…")
  std::vector<std::string> deleted;   ///< image and layer ids deleted ("sha256:…")
  std::int64_t space_reclaimed = 0;   ///< bytes freed; prune only (0 for remove)
};

/// The image names an /images/load stream reports ("Loaded image: x:y",
/// "Loaded image ID: sha256:…").
inline std::optional<std::string> loaded_image_name(std::string_view line) {
  for (std::string_view prefix : {"Loaded image ID: ", "Loaded image: "}) {
    if (line.starts_with(prefix)) {
      line.remove_prefix(prefix.size());
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      return std::string(line);
    }
  }
  return std::nullopt;
}

/// How remove() removes an image (`docker rmi`).
struct RemoveImageOptions {
  bool force = false;     ///< also when containers use it or it has several tags
  bool no_prune = false;  ///< keep its untagged parent images
};

/// Credentials of pull() and push().
struct RegistryOptions {
  /// Credentials; when unset they come from config.json (if use_config_file).
  std::optional<auth::AuthConfig> auth{};
  /// Read config.json (credential helpers included) when `auth` is unset;
  /// off: an empty X-Registry-Auth (anonymous).
  bool use_config_file = true;
};

/// What import_tar() records with the new image (`docker import -m -c`).
struct ImportOptions {
  std::string message{};               ///< the commit message in the image's history
  std::vector<std::string> changes{};  ///< Dockerfile instructions: "CMD [\"/bin/sh\"]", "ENV A=1"
};

/// How commit() makes an image from a container (`docker commit`).
struct CommitOptions {
  std::string repository{};     ///< "name" or "name:tag"; empty: an untagged image
  std::string comment{};        ///< commit message (`-m`)
  std::string author{};         ///< author (`-a`); empty: none
  std::optional<bool> pause{};  ///< unset: the daemon's default, pause while committing
  std::string changes{};        ///< Dockerfile instructions, one per line (`-c`)
};

/// Images (Docker::images()): every call takes the CallOptions the object
/// was made with (`docker.with(CallOptions::timeout(5s)).images()`, or
/// with()). A missing image is NotFound; one in use, without force, is Conflict.
template <class Api>
class Images {
 public:
  /// Sharing the client's ownership, with the call options of every call
  /// (what Docker hands out: `docker.with(options).images()`).
  explicit Images(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same over other call options (deadline, cancellation, hooks).
  Images with(CallOptions options) const { return Images(client_, std::move(options)); }

  /// GET /images/json.
  typename Api::ImageListResult list(const Filters& filters = {}, bool all = false);

  /// GET /images/{name}/json: the generated ImageInspect of this version.
  typename Api::ImageInspectResult inspect(const std::string& name);

  /// GET /images/{name}/history.
  typename Api::ImageHistoryResult history(const std::string& name);

  /// POST /images/{source}/tag: `target` is "repository[:tag]" (tag defaults to latest).
  void tag(const std::string& source, std::string_view target);

  /// DELETE /images/{name}.
  RemovedImages remove(const std::string& name, RemoveImageOptions options = {});

  /// POST /images/prune: unused images matching `filters` (e.g. label=…;
  /// `dangling=false` for tagged ones too).
  RemovedImages prune(const Filters& filters = {});

  /// POST /images/create?fromSrc=-: a root filesystem tar becomes an image
  /// named `repository[:tag]`. Returns the new image id.
  std::string import_tar(StreamBody tar, std::string_view repository, const ImportOptions& options = {});

  /// POST /images/load: loads a `docker save` archive; returns the names
  /// (or ids, for untagged images) the daemon reports loaded.
  std::vector<std::string> load(StreamBody tar);

  /// GET /images/get?names=…: the `docker save` tar, pulled as it is read.
  std::unique_ptr<ByteReader> save(const std::vector<std::string>& names);

  /// POST /commit: a container's file system as a new image; returns its id.
  std::string commit(const std::string& container, const CommitOptions& options = {});

  /// POST /images/create?fromImage=…: a pull-style progress reader (call
  /// wait() to drain it; include docker/sdk/progress.hpp and the bindings'
  /// image_api.hpp). Without a tag or digest, `latest` is pulled (not every
  /// tag). Registry failures are typed (see registry.hpp).
  ProgressReader<typename Api::ImageCreateResult> pull(std::string_view image, const RegistryOptions& options = {});

  /// POST /images/{name}/push: `image` is "repository[:tag]" (latest when no
  /// tag). A pull-style progress reader; the last message's `aux` holds the digest.
  ProgressReader<typename Api::ImagePushResult> push(std::string_view image, const RegistryOptions& options = {});

 private:
  typename Api::ImageApi api();

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
