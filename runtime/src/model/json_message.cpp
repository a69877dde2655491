#include "docker/model/json_message.hpp"

#include <nlohmann/json.hpp>

#include "docker/internal/json_reader.hpp"

namespace docker {

void from_json(const nlohmann::json& j, JsonMessage& m) { m.value = j; }
void to_json(nlohmann::json& j, const JsonMessage& m) { j = m.value.get(); }
void read_model(internal::JsonReader& r, JsonMessage& m) { m.value = r.read_json(); }

}  // namespace docker
