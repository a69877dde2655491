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

/// A path in a container as HEAD /containers/{id}/archive reports it.
struct PathStat {
  std::string name;          ///< base name of the path
  std::int64_t size = 0;     ///< bytes (a file's content; for a directory, as the daemon reports)
  std::uint32_t mode = 0;    ///< Go's os.FileMode bits: permissions, directory 1 << 31, symlink 1 << 27
  std::string mtime;         ///< modification time, RFC 3339 as the daemon sends it
  std::string link_target;   ///< a symlink's target; empty otherwise

  /// The path is a directory (os.ModeDir).
  bool is_directory() const { return (mode & (1u << 31)) != 0; }
  /// The path is a symbolic link (os.ModeSymlink).
  bool is_symlink() const { return (mode & (1u << 27)) != 0; }
};

/// How put() extracts a tar into the container.
struct PutArchiveOptions {
  /// Fail instead of replacing a directory with a non-directory (or back).
  bool no_overwrite_dir_non_dir = false;
  /// Give the files the container user's uid/gid (API 1.39+ bindings: the first spec that documents it).
  bool copy_uid_gid = false;
  CallOptions call{};  ///< deadline and cancellation of the upload
};

/// Files in and out of containers as tar streams (Docker::archive(); `docker
/// cp` on top of it is Container::copy_to / copy_from). A path the container
/// lacks is NotFound.
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
