#include "docker/model/open_enum.hpp"

#include <nlohmann/json.hpp>

namespace docker {

void open_enum_to_json(nlohmann::json& j, const OpenEnum& value) { j = value.str(); }

void open_enum_from_json(const nlohmann::json& j, OpenEnum& value) {
  value = OpenEnum(j.get_ref<const std::string&>());
}

}  // namespace docker
