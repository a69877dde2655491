// docker::KeySet: the set-like maps of the API (ExposedPorts, Volumes), whose
// values are always `{}`: `{"80/tcp": {}}` <-> {"80/tcp"}.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace docker {

class KeySet : public std::set<std::string> {
 public:
  using std::set<std::string>::set;
};

inline void to_json(nlohmann::json& j, const KeySet& keys) {
  j = nlohmann::json::object();
  for (const auto& key : keys) j[key] = nlohmann::json::object();
}

inline void from_json(const nlohmann::json& j, KeySet& keys) {
  keys.clear();
  for (const auto& [key, value] : j.get_ref<const nlohmann::json::object_t&>()) {
    (void)value;
    keys.insert(key);
  }
}

}  // namespace docker
