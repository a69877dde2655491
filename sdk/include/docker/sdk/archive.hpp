// Files in and out of a container: stat (HEAD, decoded from the
// X-Docker-Container-Path-Stat header), get a tar, put a tar. The operation
// names changed between API versions; these work over every version.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "docker/call_options.hpp"
#include "docker/client.hpp"
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

template <class Api>
class Archive {
 public:
  /// Over a client the caller keeps alive.
  explicit Archive(Client& client) : client_(&client) {}
  /// Sharing the client's ownership (what Docker hands out).
  explicit Archive(std::shared_ptr<Client> client) : client_(client.get()), owner_(std::move(client)) {}

  /// HEAD /containers/{id}/archive?path=…
  PathStat stat(const std::string& container, const std::string& path, const CallOptions& call = {});

  /// GET /containers/{id}/archive?path=…: a tar of `path`, pulled as it is read.
  std::unique_ptr<ByteReader> get(const std::string& container, const std::string& path, const CallOptions& call = {});

  /// PUT /containers/{id}/archive?path=…: extracts `tar` into the directory `path`.
  void put(const std::string& container, const std::string& path, StreamBody tar, const PutArchiveOptions& options = {});

 private:
  template <class Params>
  static void fill(Params& params, const std::string& container, const std::string& path, StreamBody tar,
                   const PutArchiveOptions& options);

  typename Api::ContainerApi api();

  Client* client_;
  std::shared_ptr<Client> owner_;  // empty when built over a Client&
};

}  // namespace docker::sdk
