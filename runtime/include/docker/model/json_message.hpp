// docker::JsonMessage: an item of a JSON-message stream the spec gives no
// schema for, kept as the daemon sent it.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "docker/model/json_value.hpp"

namespace docker {
namespace internal {
class JsonReader;
}

/// An item of a JSON-message stream the spec gives no schema for.
struct JsonMessage {
  /// The message as sent (`message.value->value("status", "")`).
  JsonValue value;
};
/// nlohmann::json's hooks.
void from_json(const nlohmann::json& j, JsonMessage& m);
void to_json(nlohmann::json& j, const JsonMessage& m);
/// Decodes from JSON text, as generated models do.
void read_model(internal::JsonReader& r, JsonMessage& m);

}  // namespace docker
