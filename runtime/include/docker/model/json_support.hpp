// Helpers the generated to_json/from_json functions are written with.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <optional>

#include <nlohmann/json.hpp>

#include "docker/api_version.hpp"
#include "docker/errors.hpp"
#include "docker/model/field.hpp"
#include "docker/model/key_set.hpp"

namespace docker::model {

/// A member that did not decode; `field_path()` is "HostConfig.Memory".
class FieldDecodeError : public DecodeError {
 public:
  FieldDecodeError(std::string field_path, std::string reason);
  const std::string& field_path() const noexcept { return field_path_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string field_path_;
  std::string reason_;
};

/// Called in a catch block while decoding member `key`: rethrows the current
/// exception as a FieldDecodeError whose path starts with `key`.
[[noreturn]] void rethrow_in_field(const std::string& key);

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

// The common member types are decoded and encoded out of line, in the runtime:
// generated translation units then instantiate little of nlohmann::json and
// compile fast. The templates above cover every other type.
using StringMap = std::map<std::string, std::string>;
// The one list of those types; X(T) is applied to each.
#define DOCKER_CPP_OUT_OF_LINE_FIELD_TYPES(X) \
  X(std::string)                              \
  X(bool)                                     \
  X(int)                                      \
  X(std::int64_t)                             \
  X(std::uint64_t)                            \
  X(std::uint32_t)                            \
  X(std::uint16_t)                            \
  X(std::uint8_t)                             \
  X(double)                                   \
  X(nlohmann::json)                           \
  X(std::vector<std::string>)                 \
  X(StringMap)                                \
  X(KeySet)
#define DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD(T)                                   \
  void write_field(nlohmann::json& j, const char* key, const Field<T>& field); \
  void read_field(const nlohmann::json& j, Field<T>& field);
DOCKER_CPP_OUT_OF_LINE_FIELD_TYPES(DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD)
#undef DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD

inline void keep_unknown(nlohmann::json& unknown_fields, const std::string& key, const nlohmann::json& value) {
  if (!unknown_fields.is_object()) unknown_fields = nlohmann::json::object();
  unknown_fields.get_ref<nlohmann::json::object_t&>().insert_or_assign(key, value);
}

// --- encoding for an older API version ---------------------------------------
// A request body is encoded for the negotiated version: members newer than it
// are left out. The version travels in a thread-local rather than through
// every to_json, so nlohmann's ADL serialisation (nested models, vectors,
// maps) keeps working; decoding never reads it.

namespace detail {
inline thread_local std::optional<ApiVersion> encoding_version;
}

/// While alive, to_json on this thread leaves out members newer than `version`.
class EncodingForVersion {
 public:
  explicit EncodingForVersion(ApiVersion version) : saved_(detail::encoding_version) {
    detail::encoding_version = version;
  }
  ~EncodingForVersion() { detail::encoding_version = saved_; }
  EncodingForVersion(const EncodingForVersion&) = delete;
  EncodingForVersion& operator=(const EncodingForVersion&) = delete;

 private:
  std::optional<ApiVersion> saved_;
};

/// Writes a member that exists since API `since`, unless absent or encoding
/// for an older version.
template <class T>
void write_field_since(nlohmann::json& j, const char* key, const Field<T>& field, ApiVersion since) {
  if (detail::encoding_version && *detail::encoding_version < since) return;
  write_field(j, key, field);
}

}  // namespace docker::model
