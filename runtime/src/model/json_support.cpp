// Out-of-line instances of the field codecs for the member types most models
// use (see json_support.hpp): compiled once here instead of in every model.
#include "docker/model/json_support.hpp"

namespace docker::model {

#define DOCKER_CPP_OUT_OF_LINE_FIELD(T)                                              \
  void write_field(nlohmann::json& j, const char* key, const Field<T>& field) {      \
    if (field.has_value()) {                                                         \
      j[key] = *field;                                                               \
    } else if (field.is_null()) {                                                    \
      j[key] = nullptr;                                                              \
    }                                                                                \
  }                                                                                  \
  void read_field(JsonReader& r, Field<T>& field) {                                  \
    if (r.read_null()) {                                                             \
      field.set_null();                                                              \
    } else {                                                                         \
      read_value(r, field.emplace());                                                \
    }                                                                                \
  }
DOCKER_CPP_OUT_OF_LINE_FIELD_TYPES(DOCKER_CPP_OUT_OF_LINE_FIELD)
#undef DOCKER_CPP_OUT_OF_LINE_FIELD

std::string text_of(const nlohmann::json& j) { return j.dump(); }

void throw_wrong_type(JsonReader& r, const char* expected) {
  auto value = r.read_json();
  throw DecodeError(std::string("[json.exception.type_error.302] type must be ") + expected + ", but is " +
                    value.type_name());
}

}  // namespace docker::model
