// Out-of-line instances of the field codecs for the member types most models
// use (see json_support.hpp): compiled once here instead of in every model.
#include "docker/internal/json_support.hpp"

#include <cmath>

namespace docker::internal {

#define DOCKER_CPP_OUT_OF_LINE_FIELD(T)                                         \
  void write_field(nlohmann::json& j, const char* key, const Field<T>& field) { \
    if (field.has_value()) {                                                    \
      j[key] = *field;                                                          \
    } else if (field.is_null()) {                                               \
      j[key] = nullptr;                                                         \
    }                                                                           \
  }                                                                             \
  void read_field(JsonReader& r, Field<T>& field) {                             \
    if (r.read_null()) {                                                        \
      field.set_null();                                                         \
    } else {                                                                    \
      read_value(r, field.emplace());                                           \
    }                                                                           \
  }
DOCKER_CPP_OUT_OF_LINE_FIELD_TYPES(DOCKER_CPP_OUT_OF_LINE_FIELD)
#undef DOCKER_CPP_OUT_OF_LINE_FIELD

std::string text_of(const nlohmann::json& j) { return j.dump(); }

namespace {
/// A float that is a whole number and exactly representable (|v| < 2^53):
/// "5.0" is accepted as 5; "1.9" and 1e300 are not.
bool is_exact_integer(double v) { return std::trunc(v) == v && std::fabs(v) < 9007199254740992.0; }

template <class Bound>
[[noreturn]] void throw_out_of_range(const nlohmann::json& value, Bound min, Bound max) {
  throw DecodeError("number " + value.dump() + " is not an integer in [" + std::to_string(min) + ", " +
                    std::to_string(max) + "]");
}
}  // namespace

std::int64_t read_signed(JsonReader& r, std::int64_t min, std::int64_t max) {
  if (r.peek() != '-' && (r.peek() < '0' || r.peek() > '9')) throw_wrong_type(r, "number");
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (r.read_plain_integer(negative, magnitude)) {  // nearly every integer: no DOM value
    if (negative) {
      const std::int64_t value = magnitude == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                                                       : -static_cast<std::int64_t>(magnitude);
      if (value < min) throw_out_of_range(nlohmann::json(value), min, max);
      return value;
    }
    if (magnitude > static_cast<std::uint64_t>(max)) throw_out_of_range(nlohmann::json(magnitude), min, max);
    return static_cast<std::int64_t>(magnitude);
  }
  const nlohmann::json value = r.read_json();
  if (value.is_number_unsigned()) {
    auto v = value.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(max)) throw_out_of_range(value, min, max);
    return static_cast<std::int64_t>(v);
  }
  if (value.is_number_integer()) {
    auto v = value.get<std::int64_t>();
    if (v < min || v > max) throw_out_of_range(value, min, max);
    return v;
  }
  auto v = value.get<double>();
  if (!is_exact_integer(v) || v < static_cast<double>(min) || v > static_cast<double>(max))
    throw_out_of_range(value, min, max);
  return static_cast<std::int64_t>(v);
}

std::uint64_t read_unsigned(JsonReader& r, std::uint64_t max) {
  if (r.peek() != '-' && (r.peek() < '0' || r.peek() > '9')) throw_wrong_type(r, "number");
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (r.read_plain_integer(negative, magnitude)) {
    if (negative && magnitude != 0)
      throw_out_of_range(nlohmann::json(-static_cast<std::int64_t>(magnitude - 1) - 1), std::uint64_t{0}, max);
    if (magnitude > max) throw_out_of_range(nlohmann::json(magnitude), std::uint64_t{0}, max);
    return magnitude;
  }
  const nlohmann::json value = r.read_json();
  if (value.is_number_unsigned()) {
    auto v = value.get<std::uint64_t>();
    if (v > max) throw_out_of_range(value, std::uint64_t{0}, max);
    return v;
  }
  if (value.is_number_integer()) {  // signed: negative, or -0
    auto v = value.get<std::int64_t>();
    if (v < 0) throw_out_of_range(value, std::uint64_t{0}, max);
    return static_cast<std::uint64_t>(v);
  }
  auto v = value.get<double>();
  if (!is_exact_integer(v) || v < 0 || v > static_cast<double>(max)) throw_out_of_range(value, std::uint64_t{0}, max);
  return static_cast<std::uint64_t>(v);
}

void throw_wrong_type(JsonReader& r, const char* expected) {
  auto value = r.read_json();
  throw DecodeError(std::string("[json.exception.type_error.302] type must be ") + expected + ", but is " +
                    value.type_name());
}

}  // namespace docker::internal
