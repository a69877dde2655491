#include "docker/model/codec.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

#include "docker/auth/base64.hpp"
#include "docker/internal/json_support.hpp"
#include "json_parser.hpp"

namespace docker::internal {

namespace {
std::string readable_type(std::string_view type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> readable(
      abi::__cxa_demangle(std::string(type).c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 ? readable.get() : std::string(type);
}
}  // namespace

void throw_decode_error(std::string_view type, const std::exception& cause) {
  throw DecodeError("cannot decode " + readable_type(type) + ": " + cause.what());
}

void throw_empty_body(std::string_view type, int status) {
  throw DecodeError("cannot decode " + readable_type(type) + ": the daemon answered " + std::to_string(status) +
                    " with an empty body");
}

nlohmann::json parse_json(std::string_view text) { return internal::parse_json_text(text); }

namespace {
/// Rethrows the current exception as a FieldDecodeError under `here`
/// ("HostConfig" or "[3]"): "HostConfig.Memory", "[3].Created", "Mounts[0]".
[[noreturn]] void rethrow_at(std::string_view here) {
  try {
    throw;
  } catch (const FieldDecodeError& e) {
    const std::string& inner = e.field_path();
    throw FieldDecodeError(std::string(here) + (inner.starts_with('[') ? "" : ".") + inner, e.reason());
  } catch (const DecodeError& e) {
    throw FieldDecodeError(std::string(here), e.message());
  } catch (const std::exception& e) {
    throw FieldDecodeError(std::string(here), e.what());
  }
}
}  // namespace

void rethrow_in_field(std::string_view key) { rethrow_at(key); }
void rethrow_in_item(std::size_t index) { rethrow_at("[" + std::to_string(index) + "]"); }

const nlohmann::json::object_t& object_of(const nlohmann::json& j, std::string_view type) {
  if (!j.is_object()) throw DecodeError("expected a JSON object for " + std::string(type) + ", got " + j.type_name());
  return j.get_ref<const nlohmann::json::object_t&>();
}

std::string base64_decode(std::string_view text) {
  // moby encodes the path stat with the standard alphabet; accept URL-safe too.
  auto decoded = auth::base64_decode(text, auth::Base64Alphabet::standard);
  if (!decoded) decoded = auth::base64_decode(text, auth::Base64Alphabet::url);
  if (!decoded) throw DecodeError("invalid base64 in a response header");
  return *decoded;
}

}  // namespace docker::internal
