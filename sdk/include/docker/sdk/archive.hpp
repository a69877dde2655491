// Files in and out of a container: stat (HEAD, decoded from the
// X-Docker-Container-Path-Stat header), get a tar, put a tar. The operation
// names changed between API versions; these work over every version.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/http.hpp"

namespace docker::sdk {

struct PathStat {
  std::string name;
  std::int64_t size = 0;
  std::uint32_t mode = 0;   // Go's os.FileMode bits (directory: 1 << 31)
  std::string mtime;
  std::string link_target;

  bool is_directory() const { return (mode & (1u << 31)) != 0; }
  bool is_symlink() const { return (mode & (1u << 27)) != 0; }
};

struct PutArchiveOptions {
  /// Fail instead of replacing a directory with a non-directory (or back).
  bool no_overwrite_dir_non_dir = false;
  /// Give the files the container user's uid/gid (API 1.39+ bindings: the first spec that documents it).
  bool copy_uid_gid = false;
  CallOptions call{};
};

namespace detail {
/// Sets a boolean query flag whichever type the bindings chose for it.
template <class Field>
void set_flag(Field& field) {
  if constexpr (std::is_assignable_v<Field&, std::string>) field = std::string("true");
  else field = true;
}
}  // namespace detail

template <class Api>
class Archive {
 public:
  /// Over a client the caller keeps alive.
  explicit Archive(Client& client) : client_(&client) {}
  /// Sharing the client's ownership (what Docker hands out).
  explicit Archive(std::shared_ptr<Client> client) : client_(client.get()), owner_(std::move(client)) {}

  /// HEAD /containers/{id}/archive?path=…
  PathStat stat(const std::string& container, const std::string& path, const CallOptions& call = {}) {
    nlohmann::json j;
    if constexpr (requires { typename Api::ContainerArchiveInfoParams; }) {
      j = api().container_archive_info(typename Api::ContainerArchiveInfoParams{.id = container, .path = path}, call);
    } else {
      j = api().container_archive_head(typename Api::ContainerArchiveHeadParams{.id = container, .path = path}, call);
    }
    PathStat out;
    out.name = j.value("name", std::string{});
    out.size = j.value("size", std::int64_t{0});
    out.mode = j.value("mode", std::uint32_t{0});
    out.mtime = j.value("mtime", std::string{});
    out.link_target = j.value("linkTarget", std::string{});
    return out;
  }

  /// GET /containers/{id}/archive?path=…: a tar of `path`, pulled as it is read.
  std::unique_ptr<ByteReader> get(const std::string& container, const std::string& path, const CallOptions& call = {}) {
    if constexpr (requires { typename Api::ContainerArchiveParams; }) {
      return api().container_archive(typename Api::ContainerArchiveParams{.id = container, .path = path}, call);
    } else {
      return api().container_get_archive(typename Api::ContainerGetArchiveParams{.id = container, .path = path}, call);
    }
  }

  /// PUT /containers/{id}/archive?path=…: extracts `tar` into the directory `path`.
  void put(const std::string& container, const std::string& path, StreamBody tar, const PutArchiveOptions& options = {}) {
    if constexpr (requires { typename Api::PutContainerArchiveParams; }) {
      typename Api::PutContainerArchiveParams params;
      fill(params, container, path, std::move(tar), options);
      api().put_container_archive(params, options.call);
    } else {
      typename Api::ContainerPutArchiveParams params;
      fill(params, container, path, std::move(tar), options);
      api().container_put_archive(params, options.call);
    }
  }

 private:
  template <class Params>
  static void fill(Params& params, const std::string& container, const std::string& path, StreamBody tar,
                   const PutArchiveOptions& options) {
    params.id = container;
    params.path = path;
    params.input_stream = std::move(tar);
    if (options.no_overwrite_dir_non_dir) detail::set_flag(params.no_overwrite_dir_non_dir);
    if (options.copy_uid_gid) {
      if constexpr (requires { params.copy_uidgid; }) detail::set_flag(params.copy_uidgid);
      else throw VersionError("copyUIDGID needs API 1.39 bindings", "PUT", "/containers/" + container + "/archive");
    }
  }

  typename Api::ContainerApi api() { return typename Api::ContainerApi(*client_); }

  Client* client_;
  std::shared_ptr<Client> owner_;  // empty when built over a Client&
};

}  // namespace docker::sdk
