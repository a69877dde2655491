// What a prune removed, shared by Networks, Volumes and System.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace docker::sdk {

/// The objects a prune removed and the bytes it freed. `removed` holds
/// container ids, image ids, network names, volume names or build cache ids,
/// as the daemon reported them; the daemon reports no space for networks (0).
struct PruneResult {
  std::vector<std::string> removed;  ///< what was removed (see above); empty: nothing
  std::int64_t space_reclaimed = 0;  ///< bytes freed (0 for networks)
  /// Images only: the references untagged on the way ("app:1").
  std::vector<std::string> untagged{};
};

}  // namespace docker::sdk
