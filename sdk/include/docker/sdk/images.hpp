// Images over the generated bindings of any API version: list, inspect,
// history, tag, remove, prune, import, load, save, commit, pull and push.
//
//   docker::sdk::Images<docker::v1_55::Api> images(client);
//   images.pull("127.0.0.1:5000/app:1", {.auth = credentials}).wait();
//   auto removed = images.remove("127.0.0.1:5000/app:1");
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "docker/auth/auth_config.hpp"
#include "docker/client.hpp"
#include "docker/http.hpp"
#include "docker/model/api_support.hpp"
#include "docker/sdk/progress.hpp"
#include "docker/sdk/registry.hpp"

namespace docker::sdk {

/// "host:5000/app:1" → {"host:5000/app", "1", ""}; "app@sha256:…" → {"app", "", "sha256:…"}.
struct ImageReference {
  std::string repository;
  std::string tag;
  std::string digest;
};

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
  std::vector<std::string> untagged;
  std::vector<std::string> deleted;
  std::int64_t space_reclaimed = 0;  // prune only
};

/// Collects `Untagged`/`Deleted` from a JSON array of delete response items.
inline void add_removed_items(const nlohmann::json& items, RemovedImages& out) {
  if (!items.is_array()) return;
  for (const auto& item : items) {
    if (!item.is_object()) continue;
    for (auto [key, list] : {std::pair{"Untagged", &out.untagged}, std::pair{"Deleted", &out.deleted}}) {
      auto it = item.find(key);
      if (it != item.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
        list->push_back(it->get<std::string>());
    }
  }
}

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

struct RemoveImageOptions {
  bool force = false;
  bool no_prune = false;
};

struct RegistryOptions {
  /// Credentials; when unset they come from config.json (if use_config_file).
  std::optional<auth::AuthConfig> auth{};
  bool use_config_file = true;
  CallOptions call{};
};

struct ImportOptions {
  std::string message{};
  std::vector<std::string> changes{};  // Dockerfile instructions: "CMD [\"/bin/sh\"]", "ENV A=1"
  CallOptions call{};
};

struct CommitOptions {
  std::string repository{};  // "name" or "name:tag"; empty: an untagged image
  std::string comment{};
  std::string author{};
  std::optional<bool> pause{};  // daemon default: pause while committing
  std::string changes{};        // Dockerfile instructions, one per line
  CallOptions call{};
};

template <class Api>
class Images {
 public:
  /// Over a client the caller keeps alive.
  explicit Images(Client& client) : client_(&client) {}
  /// Sharing the client's ownership (what Docker hands out).
  explicit Images(std::shared_ptr<Client> client) : client_(client.get()), owner_(std::move(client)) {}

  /// GET /images/json.
  auto list(const Filters& filters = {}, bool all = false, const CallOptions& call = {}) {
    typename Api::ImageListParams params;
    params.all = all;
    if (!filters.empty()) params.filters = filters;
    return api().image_list(params, call);
  }

  /// GET /images/{name}/json: the generated ImageInspect of this version.
  auto inspect(const std::string& name, const CallOptions& call = {}) {
    typename Api::ImageInspectParams params;
    params.name = name;
    return api().image_inspect(params, call);
  }

  /// GET /images/{name}/history.
  auto history(const std::string& name, const CallOptions& call = {}) {
    typename Api::ImageHistoryParams params;
    params.name = name;
    return api().image_history(params, call);
  }

  /// POST /images/{source}/tag: `target` is "repository[:tag]" (tag defaults to latest).
  void tag(const std::string& source, std::string_view target, const CallOptions& call = {}) {
    auto ref = parse_image_reference(target);
    typename Api::ImageTagParams params;
    params.name = source;
    params.repo = ref.repository;
    params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
    api().image_tag(params, call);
  }

  /// DELETE /images/{name}.
  RemovedImages remove(const std::string& name, RemoveImageOptions options = {}, const CallOptions& call = {}) {
    typename Api::ImageDeleteParams params;
    params.name = name;
    if (options.force) params.force = true;
    if (options.no_prune) params.noprune = true;
    RemovedImages out;
    add_removed_items(nlohmann::json(api().image_delete(params, call)), out);
    return out;
  }

  /// POST /images/prune: unused images matching `filters` (e.g. label=…;
  /// `dangling=false` for tagged ones too).
  RemovedImages prune(const Filters& filters = {}, const CallOptions& call = {}) {
    typename Api::ImagePruneParams params;
    if (!filters.empty()) params.filters = filters;
    nlohmann::json answer = api().image_prune(params, call);
    RemovedImages out;
    if (auto it = answer.find("ImagesDeleted"); it != answer.end()) add_removed_items(*it, out);
    if (auto it = answer.find("SpaceReclaimed"); it != answer.end() && it->is_number_integer())
      out.space_reclaimed = it->template get<std::int64_t>();
    return out;
  }

  /// POST /images/create?fromSrc=-: a root filesystem tar becomes an image
  /// named `repository[:tag]`. Returns the new image id.
  std::string import_tar(StreamBody tar, std::string_view repository, const ImportOptions& options = {}) {
    auto ref = parse_image_reference(repository);
    typename Api::ImageCreateParams params;
    params.input_image = std::move(tar);
    params.from_src = "-";
    params.repo = ref.repository;
    if (!ref.tag.empty()) params.tag = ref.tag;
    if (!options.message.empty()) {
      if constexpr (requires { params.message = options.message; }) params.message = options.message;
      else throw VersionError("import: these bindings have no `message` parameter", "POST", "/images/create");
    }
    if (!options.changes.empty()) {
      if constexpr (requires { params.changes = options.changes; }) params.changes = options.changes;
      else throw VersionError("import: these bindings have no `changes` parameter", "POST", "/images/create");
    }
    auto last = ProgressReader(api().image_create(params, options.call), /*from_registry=*/false).wait();
    // The daemon's only message is the new image id as the status.
    if (!last || last->status.empty()) throw ProtocolError("import: the daemon sent no image id", "POST", "/images/create");
    return last->status;
  }

  /// POST /images/load: loads a `docker save` archive; returns the names
  /// (or ids, for untagged images) the daemon reports loaded.
  std::vector<std::string> load(StreamBody tar, const CallOptions& call = {}) {
    typename Api::ImageLoadParams params;
    params.images_tarball = std::move(tar);
    params.quiet = true;
    std::vector<std::string> loaded;
    ProgressReader(api().image_load(params, call), /*from_registry=*/false).wait([&](const ProgressMessage& m) {
      if (auto name = loaded_image_name(m.stream)) loaded.push_back(*name);
    });
    return loaded;
  }

  /// GET /images/get?names=…: the `docker save` tar, pulled as it is read.
  std::unique_ptr<ByteReader> save(const std::vector<std::string>& names, const CallOptions& call = {}) {
    typename Api::ImageGetAllParams params;
    params.names = names;
    return api().image_get_all(params, call);
  }

  /// POST /commit: a container's file system as a new image; returns its id.
  std::string commit(const std::string& container, const CommitOptions& options = {}) {
    typename Api::ImageCommitParams params;
    params.container = container;
    if (!options.repository.empty()) {
      auto ref = parse_image_reference(options.repository);
      params.repo = ref.repository;
      params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
    }
    if (!options.comment.empty()) params.comment = options.comment;
    if (!options.author.empty()) params.author = options.author;
    if (options.pause) params.pause = *options.pause;
    if (!options.changes.empty()) params.changes = options.changes;
    nlohmann::json answer = api().image_commit(params, options.call);
    return answer.value("Id", std::string{});
  }

  /// POST /images/create?fromImage=…: a pull-style progress reader (call
  /// wait() to drain it). Without a tag or digest, `latest` is pulled (not
  /// every tag). Registry failures are typed (see registry.hpp).
  auto pull(std::string_view image, const RegistryOptions& options = {}) {
    auto ref = parse_image_reference(image);
    typename Api::ImageCreateParams params;
    if (!ref.digest.empty()) {
      params.from_image = std::string(image);
    } else {
      params.from_image = ref.repository;
      params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
    }
    params.x_registry_auth = registry_auth_for(image, options.auth, options.use_config_file);
    return ProgressReader(with_registry_errors([&] { return api().image_create(params, options.call); }));
  }

  /// POST /images/{name}/push: `image` is "repository[:tag]" (latest when no
  /// tag). A pull-style progress reader; the last message's `aux` holds the digest.
  auto push(std::string_view image, const RegistryOptions& options = {}) {
    auto ref = parse_image_reference(image);
    typename Api::ImagePushParams params;
    params.name = ref.repository;
    params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
    params.x_registry_auth = registry_auth_for(image, options.auth, options.use_config_file);
    return ProgressReader(with_registry_errors([&] { return api().image_push(params, options.call); }));
  }

 private:
  typename Api::ImageApi api() { return typename Api::ImageApi(*client_); }

  Client* client_;
  std::shared_ptr<Client> owner_;  // empty when built over a Client&
};

}  // namespace docker::sdk
