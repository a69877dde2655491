// The daemon as a whole, over the generated bindings of any API version:
// info, version, ping, disk usage and the prunes (`docker system …`).
//
//   auto system = docker.system();
//   auto pong = system.ping();                          // pong.api_version, pong.os_type
//   auto df = system.disk_usage();                      // df.volumes.items[i].name …
//   auto pruned = system.prune_containers({{"label", {"app=demo"}}});
//
// Declarations only (bodies: docker/sdk/impl/system.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/sdk/prune.hpp"
#include "docker/sdk/volumes.hpp"

namespace docker::sdk {

/// GET /_ping's answer: the daemon's headers.
struct PingResult {
  std::string api_version;      ///< the daemon's newest API version ("1.41")
  std::string os_type;          ///< "linux", "windows"
  bool experimental = false;    ///< the daemon runs with experimental features on
  std::string builder_version;  ///< "1" (classic), "2" (BuildKit); empty when not sent
};

/// One object of `docker system df -v`.
struct DiskUsageItem {
  /// Container id, image id, volume name or build cache id.
  std::string id;
  /// Container names (without the leading '/'), image tags; empty for volumes and build cache.
  std::vector<std::string> names{};
  /// Bytes: a container's writable layer, an image's size (shared layers
  /// included), a volume's data, a cache record; -1 when the daemon did not compute it.
  std::int64_t size = -1;
  /// A running container, an image a container uses, a volume a container
  /// references, a build cache record in use.
  bool in_use = false;
};

/// One kind of object in `docker system df`.
struct DiskUsageKind {
  std::int64_t total_count = 0;   ///< how many objects of this kind exist
  std::int64_t active_count = 0;  ///< how many are in use (see DiskUsageItem::in_use)
  std::int64_t total_size = 0;    ///< their bytes together
  /// What a prune could free. Daemons from API 1.52 compute it; for older
  /// ones the layer computes it as the docker CLI does (see sdk/README.md).
  std::int64_t reclaimable = 0;
  /// Every object of the kind (disk_usage() asks for the full list).
  std::vector<DiskUsageItem> items{};
};

/// GET /system/df, in one shape for every API version (the daemon's answer
/// changed shape in API 1.52: per-kind summaries instead of lists).
struct DiskUsage {
  DiskUsageKind images;       ///< images (shared layers counted once in total_size)
  DiskUsageKind containers;   ///< containers' writable layers
  DiskUsageKind volumes;      ///< local volumes' data
  DiskUsageKind build_cache;  ///< build cache records; empty when the daemon reports none
};

/// POST /build/prune (API 1.31+ bindings; its `all` and filters: API 1.39+).
struct BuildCachePruneOptions {
  Filters filters{};  ///< until, id, parent, type, description, inuse, shared, private
  bool all = false;   ///< also internal and frontend cache, not only dangling records
};

/// The daemon as a whole (Docker::system()): `docker info`, `version`, `system df`, prunes.
template <class Api>
class System {
 public:
  /// What Docker::system() hands out: the Docker's client and call options.
  explicit System(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same service, its calls made with `options` (deadline, cancellation).
  System with(CallOptions options) const { return System(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// GET /info: the version's SystemInfo (include its model header).
  [[nodiscard]] typename Api::SystemInfoResult info();
  /// GET /version: the version's SystemVersion.
  [[nodiscard]] typename Api::SystemVersionResult version();
  /// GET /_ping, unversioned: the daemon's API version and OS type.
  [[nodiscard]] PingResult ping();
  /// GET /system/df with every object listed.
  [[nodiscard]] DiskUsage disk_usage();

  /// POST /containers/prune: stopped containers matching `filters` (label, until).
  PruneResult prune_containers(const Filters& filters = {});
  /// POST /images/prune: dangling images, or every unused one with the filter
  /// dangling=false (label, until). `removed`: the image ids deleted; `untagged`: references.
  PruneResult prune_images(const Filters& filters = {});
  /// POST /networks/prune: unused networks (label, until); no space is reported.
  PruneResult prune_networks(const Filters& filters = {});
  /// POST /volumes/prune: see VolumePruneOptions (anonymous only unless `all`).
  PruneResult prune_volumes(const VolumePruneOptions& options = {});
  /// POST /build/prune: VersionError with bindings below API 1.31.
  PruneResult prune_build_cache(const BuildCachePruneOptions& options = {});

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
