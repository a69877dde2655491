// nlohmann::json's hooks for the public value types
// of models: out of line, so that model headers need only nlohmann/json_fwd.hpp.
#include <nlohmann/json.hpp>

#include "docker/internal/json_reader.hpp"
#include "docker/model/json_message.hpp"
#include "docker/model/json_value.hpp"
#include "docker/model/key_set.hpp"
#include "docker/model/open_enum.hpp"

namespace docker {

// --- KeySet ---

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

// --- OpenEnum ---

void open_enum_to_json(nlohmann::json& j, const OpenEnum& value) { j = value.str(); }

void open_enum_from_json(const nlohmann::json& j, OpenEnum& value) {
  value = OpenEnum(j.get_ref<const std::string&>());
}

// --- JsonMessage ---

void from_json(const nlohmann::json& j, JsonMessage& m) { m.value = j; }
void to_json(nlohmann::json& j, const JsonMessage& m) { j = m.value.get(); }
void read_model(internal::JsonReader& r, JsonMessage& m) { m.value = r.read_json_value(); }

}  // namespace docker
