// Definitions of docker/sdk/images.hpp (see impl/container.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/impl/registry.hpp"
#include "docker/sdk/progress.hpp"
#include "docker/streams/json_stream.hpp"

namespace docker::sdk {

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

template <class Api>
typename Api::ImageListResult Images<Api>::list(const Filters& filters, bool all) {
  typename Api::ImageListParams params;
  params.all = all;
  if (!filters.empty()) params.filters = filters;
  return api().image_list(params, options_);
}

template <class Api>
typename Api::ImageInspectResult Images<Api>::inspect(const std::string& name) {
  typename Api::ImageInspectParams params;
  params.name = name;
  return api().image_inspect(params, options_);
}

template <class Api>
typename Api::ImageHistoryResult Images<Api>::history(const std::string& name) {
  typename Api::ImageHistoryParams params;
  params.name = name;
  return api().image_history(params, options_);
}

template <class Api>
void Images<Api>::tag(const std::string& source, std::string_view target) {
  auto ref = parse_image_reference(target);
  typename Api::ImageTagParams params;
  params.name = source;
  params.repo = ref.repository;
  params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
  api().image_tag(params, options_);
}

template <class Api>
RemovedImages Images<Api>::remove(const std::string& name, RemoveImageOptions options) {
  typename Api::ImageDeleteParams params;
  params.name = name;
  if (options.force) params.force = true;
  if (options.no_prune) params.noprune = true;
  RemovedImages out;
  add_removed_items(nlohmann::json(api().image_delete(params, options_)), out);
  return out;
}

template <class Api>
RemovedImages Images<Api>::prune(const Filters& filters) {
  typename Api::ImagePruneParams params;
  if (!filters.empty()) params.filters = filters;
  nlohmann::json answer = api().image_prune(params, options_);
  RemovedImages out;
  if (auto it = answer.find("ImagesDeleted"); it != answer.end()) add_removed_items(*it, out);
  if (auto it = answer.find("SpaceReclaimed"); it != answer.end() && it->is_number_integer())
    out.space_reclaimed = it->template get<std::int64_t>();
  return out;
}

template <class Api>
// NOLINTNEXTLINE(performance-unnecessary-value-param): it is moved; clang-tidy 14 misses a move into a dependent type
std::string Images<Api>::import_tar(StreamBody tar, std::string_view repository, const ImportOptions& options) {
  auto ref = parse_image_reference(repository);
  using Params = typename Api::ImageCreateParams;
  Params params;
  params.input_image = std::move(tar);
  params.from_src = "-";
  params.repo = ref.repository;
  if (!ref.tag.empty()) params.tag = ref.tag;
  if (!options.message.empty()) {
    if constexpr (requires { params.message = options.message; })
      params.message = options.message;
    else
      throw VersionError("import: these bindings (API " + Api::version.str() + ") have no `message` parameter",
                         Params::route.method, Params::route.path);
  }
  if (!options.changes.empty()) {
    if constexpr (requires { params.changes = options.changes; })
      params.changes = options.changes;
    else
      throw VersionError("import: these bindings (API " + Api::version.str() + ") have no `changes` parameter",
                         Params::route.method, Params::route.path);
  }
  auto last = ProgressReader(api().image_create(params, options_), /*from_registry=*/false).wait();
  // The daemon's only message is the new image id as the status.
  if (!last || last->status.empty())
    throw ProtocolError("import: the daemon sent no image id", Params::route.method, Params::route.path);
  return last->status;
}

template <class Api>
// NOLINTNEXTLINE(performance-unnecessary-value-param): it is moved; clang-tidy 14 misses a move into a dependent type
std::vector<std::string> Images<Api>::load(StreamBody tar) {
  typename Api::ImageLoadParams params;
  params.images_tarball = std::move(tar);
  params.quiet = true;
  std::vector<std::string> loaded;
  ProgressReader(api().image_load(params, options_), /*from_registry=*/false).wait([&](const ProgressMessage& m) {
    if (auto name = loaded_image_name(m.stream)) loaded.push_back(*name);
  });
  return loaded;
}

template <class Api>
std::unique_ptr<ByteReader> Images<Api>::save(const std::vector<std::string>& names) {
  typename Api::ImageGetAllParams params;
  params.names = names;
  return api().image_get_all(params, options_);
}

template <class Api>
std::string Images<Api>::commit(const std::string& container, const CommitOptions& options) {
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
  nlohmann::json answer = api().image_commit(params, options_);
  return answer.value("Id", std::string{});
}

template <class Api>
ProgressReader<typename Api::ImageCreateResult> Images<Api>::pull(std::string_view image,
                                                                  const RegistryOptions& options) {
  auto ref = parse_image_reference(image);
  typename Api::ImageCreateParams params;
  if (!ref.digest.empty()) {
    params.from_image = std::string(image);
  } else {
    params.from_image = ref.repository;
    params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
  }
  params.x_registry_auth = registry_auth_for(image, options.auth, options.use_config_file);
  return ProgressReader(with_registry_errors([&] { return api().image_create(params, options_); }));
}

template <class Api>
ProgressReader<typename Api::ImagePushResult> Images<Api>::push(std::string_view image,
                                                                const RegistryOptions& options) {
  auto ref = parse_image_reference(image);
  typename Api::ImagePushParams params;
  params.name = ref.repository;
  params.tag = ref.tag.empty() ? std::string("latest") : ref.tag;
  params.x_registry_auth = registry_auth_for(image, options.auth, options.use_config_file);
  return ProgressReader(with_registry_errors([&] { return api().image_push(params, options_); }));
}
template <class Api>
typename Api::ImageApi Images<Api>::api() {
  return typename Api::ImageApi(*client_);
}

}  // namespace docker::sdk
