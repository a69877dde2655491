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
  std::string name;         ///< base name of the path
  std::int64_t size = 0;    ///< bytes (a file's content; for a directory, as the daemon reports)
  std::uint32_t mode = 0;   ///< Go's os.FileMode bits: permissions, directory 1 << 31, symlink 1 << 27
  std::string mtime;        ///< modification time, RFC 3339 as the daemon sends it
  std::string link_target;  ///< a symlink's target; empty otherwise

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
};

/// Files in and out of containers as tar streams (Docker::archive(); `docker
/// cp` on top of it is Container::copy_to / copy_from). A path the container
/// lacks is NotFound.
template <class Api>
class Archive {
 public:
  /// Sharing the client's ownership, with the call options of every call
  /// (what Docker hands out: `docker.with(options).archive()`).
  explicit Archive(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same over other call options (deadline, cancellation, hooks).
  Archive with(CallOptions options) const { return Archive(client_, std::move(options)); }

  /// HEAD /containers/{id}/archive?path=…
  PathStat stat(const std::string& container, const std::string& path);

  /// GET /containers/{id}/archive?path=…: a tar of `path`, pulled as it is read.
  std::unique_ptr<ByteReader> get(const std::string& container, const std::string& path);

  /// PUT /containers/{id}/archive?path=…: extracts `tar` into the directory `path`.
  void put(const std::string& container, const std::string& path, StreamBody tar,
           const PutArchiveOptions& options = {});

 private:
  template <class Params>
  static void fill(Params& params, const std::string& container, const std::string& path, StreamBody tar,
                   const PutArchiveOptions& options);

  typename Api::ContainerApi api();

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
