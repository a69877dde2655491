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
  void read_field(const nlohmann::json& j, Field<T>& field) { docker::from_json(j, field); }
DOCKER_CPP_OUT_OF_LINE_FIELD(std::string)
DOCKER_CPP_OUT_OF_LINE_FIELD(bool)
DOCKER_CPP_OUT_OF_LINE_FIELD(int)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::int64_t)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::uint64_t)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::uint32_t)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::uint16_t)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::uint8_t)
DOCKER_CPP_OUT_OF_LINE_FIELD(double)
DOCKER_CPP_OUT_OF_LINE_FIELD(nlohmann::json)
DOCKER_CPP_OUT_OF_LINE_FIELD(std::vector<std::string>)
DOCKER_CPP_OUT_OF_LINE_FIELD(StringMap)
DOCKER_CPP_OUT_OF_LINE_FIELD(KeySet)
#undef DOCKER_CPP_OUT_OF_LINE_FIELD

}  // namespace docker::model
