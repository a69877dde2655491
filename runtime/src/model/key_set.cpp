#include "docker/model/key_set.hpp"

#include <nlohmann/json.hpp>

namespace docker {

void to_json(nlohmann::json& j, const KeySet& keys) {
  j = nlohmann::json::object();
  for (const auto& key : keys) j[key] = nlohmann::json::object();
}

void from_json(const nlohmann::json& j, KeySet& keys) {
  keys.clear();
  for (const auto& [key, value] : j.get_ref<const nlohmann::json::object_t&>()) {
    (void)value;
    keys.insert(key);
  }
}

}  // namespace docker
