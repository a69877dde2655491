// docker::KeySet: the set-like maps of the API (ExposedPorts, Volumes), whose
// values are always `{}`: `{"80/tcp": {}}` <-> {"80/tcp"}.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

namespace docker {

class KeySet : public std::set<std::string> {
 public:
  using std::set<std::string>::set;
};

/// `{"80/tcp": {}}` (nlohmann::json's hook).
void to_json(nlohmann::json& j, const KeySet& keys);
/// The object's keys; a non-object is a decode error (nlohmann::json's hook).
void from_json(const nlohmann::json& j, KeySet& keys);

}  // namespace docker
