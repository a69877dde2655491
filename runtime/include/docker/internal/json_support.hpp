// Helpers the generated to_json/from_json functions are written with.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "docker/api_version.hpp"
#include "docker/errors.hpp"
#include "docker/internal/json_reader.hpp"
#include "docker/model/field.hpp"
#include "docker/model/json_value.hpp"
#include "docker/model/key_set.hpp"
#include "docker/model/open_enum.hpp"

namespace docker {

// nlohmann::json's hooks for a Field that is a map value or an array item
// (where "absent" cannot happen): null or a value.
template <class T>
void to_json(nlohmann::json& j, const Field<T>& field) {
  if (field.has_value()) {
    j = *field;
  } else {
    j = nullptr;
  }
}

template <class T>
void from_json(const nlohmann::json& j, Field<T>& field) {
  if (j.is_null()) {
    field.set_null();
  } else {
    j.get_to(field.emplace());
  }
}

}  // namespace docker

namespace docker::internal {

/// Called in a catch block while decoding member `key`: rethrows the current
/// exception as a FieldDecodeError whose path starts with `key`.
[[noreturn]] void rethrow_in_field(std::string_view key);
/// The same for item `index` of an array: the path starts with "[index]".
[[noreturn]] void rethrow_in_item(std::size_t index);

/// An integer that fits [min, max]; a fraction, a number out of that range
/// or a non-number is a DecodeError (never a wrapped or truncated value).
std::int64_t read_signed(JsonReader& r, std::int64_t min, std::int64_t max);
std::uint64_t read_unsigned(JsonReader& r, std::uint64_t max);

/// The object's members; a non-object is a decode error naming `type`.
const nlohmann::json::object_t& object_of(const nlohmann::json& j, std::string_view type);

/// Starts an encoded object from the unknown fields a decode kept.
inline void start_object(nlohmann::json& j, const JsonValue& unknown_fields) {
  if (unknown_fields->is_object()) {
    j = *unknown_fields;
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

// --- decoding: straight from the text ------------------------------------------
// Generated models define read_model(JsonReader&, Model&) (found by ADL);
// read_value dispatches every member type to the reader. Types it does not
// know go through a DOM of just that value and nlohmann's from_json, so their
// conversions and error messages stay nlohmann's.

template <class T>
void read_value(JsonReader& r, T& out);

/// The error nlohmann's from_json gives for a value of the wrong type
/// ("type must be array, but is string"), without instantiating it here.
[[noreturn]] void throw_wrong_type(JsonReader& r, const char* expected);

/// Whether a member name is `name` (a literal): what generated decoders
/// compare with, a fixed-size memcmp instead of strlen + compare.
template <std::size_t N>
inline bool is_key(const MemberName& key, const char (&name)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

template <class T>
void read_field(JsonReader& r, Field<T>& field) {
  if (r.read_null()) {
    field.set_null();
  } else {
    read_value(r, field.emplace());
  }
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
  X(JsonValue)                                \
  X(std::vector<std::string>)                 \
  X(StringMap)                                \
  X(KeySet)
#define DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD(T)                                \
  void write_field(nlohmann::json& j, const char* key, const Field<T>& field); \
  void read_field(JsonReader& r, Field<T>& field);
DOCKER_CPP_OUT_OF_LINE_FIELD_TYPES(DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD)
#undef DOCKER_CPP_DECLARE_OUT_OF_LINE_FIELD

template <class T>
inline constexpr bool is_vector = false;
template <class T>
inline constexpr bool is_vector<std::vector<T>> = true;
template <class T>
inline constexpr bool is_string_map = false;
template <class T>
inline constexpr bool is_string_map<std::map<std::string, T>> = true;
template <class T>
inline constexpr bool is_field = false;
template <class T>
inline constexpr bool is_field<Field<T>> = true;

/// After the first item of a top-level array (the whole response, as a list
/// of containers is): room for as many items as the rest of the text holds if
/// they are the size of that one, +1/8. A list of large models then neither
/// moves its items on every doubling nor ends in a buffer up to twice its
/// size. Capped at 4 bytes of vector per byte of text left, whatever the
/// items are like; a wrong guess only costs capacity (doubling goes on).
template <class T>
void reserve_from_first_item(const JsonReader& r, std::vector<T>& out, std::size_t first_item_bytes) {
  if (r.depth() != 1 || first_item_bytes == 0) return;
  std::size_t left = r.remaining();
  std::size_t estimate = 1 + left / first_item_bytes;
  estimate += estimate / 8;
  estimate = std::min(estimate, 1 + 4 * left / sizeof(T));
  if (estimate > out.capacity()) out.reserve(estimate);
}

template <class T>
void read_value(JsonReader& r, T& out) {
  if constexpr (requires { read_model(r, out); }) {
    read_model(r, out);
  } else if constexpr (is_field<T>) {
    read_field(r, out);  // an array item or map value: null or a value
  } else if constexpr (std::is_same_v<T, JsonValue>) {
    out = r.read_json_value();
  } else if constexpr (std::is_same_v<T, nlohmann::json>) {
    out = r.read_json();
  } else if constexpr (std::is_same_v<T, std::string> || std::is_base_of_v<OpenEnum, T>) {
    if (r.peek() != '"') {
      r.read_json().get_to(out);  // nlohmann's type error
    } else if constexpr (std::is_same_v<T, std::string>) {
      r.read_string(out);
    } else {
      std::string text;
      r.read_string(text);
      out = T(std::move(text));
    }
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if constexpr (std::is_signed_v<T>) {
      out = static_cast<T>(read_signed(r, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    } else {
      out = static_cast<T>(read_unsigned(r, std::numeric_limits<T>::max()));
    }
  } else if constexpr (is_vector<T>) {
    if (r.peek() != '[') throw_wrong_type(r, "array");
    out.clear();
    r.begin_array();
    std::size_t start = r.offset();
    while (r.next_item()) {
      try {
        read_value(r, out.emplace_back());
      } catch (...) {
        rethrow_in_item(out.size() - 1);
      }
      if (out.size() == 1) reserve_from_first_item(r, out, r.offset() - start);
    }
  } else if constexpr (is_string_map<T>) {
    if (r.peek() != '{') throw_wrong_type(r, "object");
    out.clear();
    r.begin_object("a map");
    MemberName key;
    while (r.next_member(key)) {
      auto [slot, inserted] = out.try_emplace(std::string(key.view()));
      if (!inserted) {  // the last of duplicate keys wins
        out.erase(slot);
        slot = out.try_emplace(std::string(key.view())).first;
      }
      try {
        read_value(r, slot->second);
      } catch (...) {
        rethrow_in_field(key.view());
      }
    }
  } else {
    r.read_json().get_to(out);
  }
}

/// j.dump(), compiled once in the runtime rather than in every model file.
std::string text_of(const nlohmann::json& j);

/// Reads the whole text as T (a model, a vector of models, ...). Throws.
template <class T>
void read_document(std::string_view text, T& out) {
  JsonReader reader(text);
  read_value(reader, out);
  reader.finish();
}

/// A model from a DOM a caller holds (nlohmann's from_json, decode_value):
/// through its text, so that generated models need one decoder only.
template <class T>
void read_model_from_dom(const nlohmann::json& j, T& out) {
  out = T{};
  read_document(text_of(j), out);
}

inline void keep_unknown(JsonValue& unknown_fields, std::string_view key, nlohmann::json&& value) {
  nlohmann::json& members = *unknown_fields;
  if (!members.is_object()) members = nlohmann::json::object();
  members.get_ref<nlohmann::json::object_t&>().insert_or_assign(std::string(key), std::move(value));
}
inline void keep_unknown(JsonValue& unknown_fields, const MemberName& key, nlohmann::json&& value) {
  keep_unknown(unknown_fields, key.view(), std::move(value));
}

// --- encoding for an older API version ---------------------------------------
// A request body is encoded for the negotiated version: members newer than it
// are left out. The version travels in a thread-local rather than through
// every to_json, so nlohmann's ADL serialisation (nested models, vectors,
// maps) keeps working; decoding never reads it.

inline thread_local std::optional<ApiVersion> encoding_version;

/// While alive, to_json on this thread leaves out members newer than `version`.
class EncodingForVersion {
 public:
  /// Encodes for `version` until destroyed (then restores the previous one).
  explicit EncodingForVersion(ApiVersion version) : saved_(encoding_version) { encoding_version = version; }
  ~EncodingForVersion() { encoding_version = saved_; }
  EncodingForVersion(const EncodingForVersion&) = delete;
  EncodingForVersion& operator=(const EncodingForVersion&) = delete;

 private:
  std::optional<ApiVersion> saved_;
};

/// Writes a member that exists since API `since`, unless absent or encoding
/// for an older version.
template <class T>
void write_field_since(nlohmann::json& j, const char* key, const Field<T>& field, ApiVersion since) {
  if (encoding_version && *encoding_version < since) return;
  write_field(j, key, field);
}

// --- legacy shapes (codegen/legacy.py) ------------------------------------------
// A member for a shape older daemons send and this version's spec no longer has:
// decoding it never fails (a value of another shape stays in unknown_fields), and
// a request encoded for a version that no longer has the shape leaves it out.

/// Writes a member whose shape API `changed_in` no longer has, unless absent or
/// encoding for `changed_in` or newer.
template <class T>
void write_field_until(nlohmann::json& j, const char* key, const Field<T>& field, ApiVersion changed_in) {
  if (encoding_version && !(*encoding_version < changed_in)) return;
  write_field(j, key, field);
}

/// Reads the value at `start` into `field` when it has T's shape (null
/// included); false, the reader back at `start` and `field` untouched, when not.
template <class T>
[[nodiscard]] bool read_shape(JsonReader& r, JsonReader::Mark start, Field<T>& field) {
  Field<T> decoded;
  try {
    read_field(r, decoded);
  } catch (const DecodeError&) {
    r.rewind(start);
    return false;
  } catch (const nlohmann::json::exception&) {
    r.rewind(start);
    return false;
  }
  field = std::move(decoded);
  return true;
}

/// A member of several shapes (the current one, then older ones): read
/// straight from the text into the first field whose shape the value has;
/// when none has, the value stays in `unknown_fields` (only text that is not
/// JSON is an error). One pass over the text when the first shape fits.
template <class... T>
void read_shapes(JsonReader& r, std::string_view key, JsonValue& unknown_fields, Field<T>&... fields) {
  const JsonReader::Mark start = r.mark();
  if ((read_shape(r, start, fields) || ...)) return;
  keep_unknown(unknown_fields, key, r.read_json());
}

}  // namespace docker::internal
