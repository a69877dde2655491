// docker::JsonMessage: an item of a JSON-message stream the spec gives no
// schema for, kept as the daemon sent it.
#pragma once

#include <nlohmann/json.hpp>

namespace docker {

/// An item of a JSON-message stream the spec gives no schema for.
struct JsonMessage {
  /// The message as sent.
  nlohmann::json value;
};
inline void from_json(const nlohmann::json& j, JsonMessage& m) { m.value = j; }
inline void to_json(nlohmann::json& j, const JsonMessage& m) { j = m.value; }

}  // namespace docker
