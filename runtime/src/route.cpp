#include "docker/route.hpp"

#include "docker/errors.hpp"
#include "docker/internal/query.hpp"

namespace docker {

std::string Route::fill(std::initializer_list<std::string_view> values) const {
  const std::string_view tmpl(path);
  std::size_t parameters = 0;
  for (char c : tmpl) parameters += c == '{' ? 1 : 0;
  if (values.size() != parameters)
    throw InvalidInput(std::string(tmpl) + ": " + std::to_string(values.size()) + " value(s) for " +
                           std::to_string(parameters) + " path parameter(s)",
                       method, path);
  std::string out;
  out.reserve(tmpl.size());
  std::size_t index = 0;
  std::size_t at = 0;
  for (auto value : values) {
    const auto open = tmpl.find('{', at);
    const auto close = tmpl.find('}', open);
    out.append(tmpl.substr(at, open - at));
    const bool keeps_slash = index < 32 && ((slashed >> index) & 1U) != 0;
    out += keeps_slash ? docker::internal::escape_path_name(value) : docker::internal::escape_path_segment(value);
    ++index;
    at = close == std::string_view::npos ? tmpl.size() : close + 1;
  }
  out.append(tmpl.substr(at));
  return out;
}

std::string Route::target(std::initializer_list<std::string_view> values,
                          const docker::internal::QueryString& query) const {
  return fill(values) + query.str();
}

}  // namespace docker
