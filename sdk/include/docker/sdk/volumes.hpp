// Volumes over the generated bindings of any API version: create, inspect,
// list, remove, prune.
//
//   auto volumes = docker.volumes();
//   volumes.create({.name = "data", .labels = {{"app", "demo"}}});
//   docker.run({.image = "busybox", .cmd = {"sh", "-c", "echo hi > /data/f"},
//               .mounts = {{.type = "volume", .source = "data", .target = "/data"}}});
//   auto pruned = volumes.prune({.filters = {{"label", {"app=demo"}}}, .all = true});
//
// Declarations only (bodies: docker/sdk/impl/volumes.hpp).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/sdk/prune.hpp"

namespace docker::sdk {

/// POST /volumes/create. Empty members are left to the daemon (an empty name: a generated one).
struct VolumeOptions {
  std::string name{};                                   ///< empty: a generated name
  std::string driver{};                                 ///< daemon default: "local"
  std::map<std::string, std::string> driver_options{};  ///< local driver: "type", "device", "o"
  std::map<std::string, std::string> labels{};          ///< volume labels, filterable in list() and prune
};

/// POST /volumes/prune.
///
/// Which volumes a prune may remove changed with API 1.42 (Docker 23): before
/// it, every unused volume matching the filters; from it, only anonymous ones
/// unless the filter `all=true` is given. The layer gives `all` one meaning
/// whatever the daemon:
///   - all = true: named volumes too. Sent as the filter all=true from 1.42;
///     below 1.42 that is what the daemon does anyway (and it rejects the filter).
///   - all = false: anonymous volumes only. A daemon below 1.42 cannot do that
///     (it would remove named volumes too): VersionError, nothing sent.
struct VolumePruneOptions {
  Filters filters{};  ///< label, label!; from API 1.42 also name … as `docker volume prune --filter`
  bool all = false;   ///< named volumes too (see above); false: anonymous only
};

/// Volumes (Docker::volumes()). A missing volume is NotFound.
template <class Api>
class Volumes {
 public:
  /// What Docker::volumes() hands out: the Docker's client and call options.
  explicit Volumes(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same service, its calls made with `options` (deadline, cancellation).
  Volumes with(CallOptions options) const { return Volumes(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// Creates a volume (an existing name with the same driver: that volume,
  /// as dockerd answers); the version's Volume model.
  typename Api::VolumeCreateResult create(const VolumeOptions& options = {});

  /// GET /volumes/{name}: the version's Volume model (include its model header).
  [[nodiscard]] typename Api::VolumeInspectResult inspect(const std::string& name);

  /// GET /volumes; `filters` as in `docker volume ls --filter` (label, name, driver, dangling).
  /// The version's VolumeListResponse: `.Volumes` and `.Warnings`.
  [[nodiscard]] typename Api::VolumeListResult list(const Filters& filters = {});

  /// DELETE /volumes/{name}. A volume a container uses is a Conflict, even
  /// with `force` (which only forces the driver's removal of a volume).
  void remove(const std::string& name, bool force = false);

  /// POST /volumes/prune (see VolumePruneOptions for `all`): the names
  /// removed and the bytes freed.
  PruneResult prune(const VolumePruneOptions& options = {});

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
