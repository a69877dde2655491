// Decoding one model from JSON text with no JSON DOM library in sight: what
// header-only code (JsonStream<T>) needs, so that including an operation
// area's header does not pull in nlohmann/json.hpp.
#pragma once

#include <exception>
#include <nlohmann/json_fwd.hpp>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "docker/errors.hpp"
#include "docker/internal/json_reader.hpp"

namespace docker::internal {

nlohmann::json parse_json(std::string_view text);  // throws DecodeError

/// nlohmann::json, named through T so that it need be complete only where a
/// type without read_model is decoded.
template <class T>
struct DependentJson {
  using type = nlohmann::json;
};

/// Rethrows a decode failure of type `type` as DecodeError (naming the type).
[[noreturn]] void throw_decode_error(std::string_view type, const std::exception& cause);

/// Runs `fill` on a new T; docker::Error passes through, any other exception
/// becomes a DecodeError naming T.
template <class T, class Fill>
T decode_into(Fill&& fill) {
  try {
    T value{};
    std::forward<Fill>(fill)(value);
    return value;
  } catch (const docker::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw_decode_error(typeid(T).name(), e);
  }
}

/// T from the whole of `text`: a model (read_model, found by ADL) straight
/// from the text; any other type through nlohmann's from_json, which then
/// needs nlohmann/json.hpp.
template <class T>
T decode_message(std::string_view text) {
  return decode_into<T>([&](T& value) {
    JsonReader reader(text);
    if constexpr (requires { read_model(reader, value); }) {
      read_model(reader, value);
      reader.finish();
    } else {
      using Json = typename DependentJson<T>::type;
      Json (*parse)(std::string_view) = &parse_json;  // called through a dependent type: checked only here
      Json json = parse(text);
      json.get_to(value);
    }
  });
}

}  // namespace docker::internal
