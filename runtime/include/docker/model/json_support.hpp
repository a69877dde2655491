// Helpers the generated to_json/from_json functions are written with.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "docker/model/field.hpp"

namespace docker::model {

/// The object's members; a non-object is a decode error naming `type`.
const nlohmann::json::object_t& object_of(const nlohmann::json& j, std::string_view type);

/// Starts an encoded object from the unknown fields a decode kept.
inline void start_object(nlohmann::json& j, const nlohmann::json& unknown_fields) {
  if (unknown_fields.is_object()) {
    j = unknown_fields;
  } else {
    j = nlohmann::json::object();
  }
}

/// Writes a member unless it is absent.
template <class T>
void write_field(nlohmann::json& j, const char* key, const Field<T>& field) {
  if (field.has_value()) {
    j[key] = *field;
  } else if (field.is_null()) {
    j[key] = nullptr;
  }
}

template <class T>
void read_field(const nlohmann::json& j, Field<T>& field) {
  from_json(j, field);
}

inline void keep_unknown(nlohmann::json& unknown_fields, const std::string& key, const nlohmann::json& value) {
  if (!unknown_fields.is_object()) unknown_fields = nlohmann::json::object();
  unknown_fields.get_ref<nlohmann::json::object_t&>().insert_or_assign(key, value);
}

}  // namespace docker::model
