// Declarations of the types generated code names, for headers that only name
// them (docker/v1_NN/api.hpp, the sdk layer's declarations): no JSON parser,
// no transport.
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace docker {

class Client;
class ByteReader;
struct HijackResponse;
class OutputStream;
struct JsonMessage;
class KeySet;
template <class T>
class Field;
template <class T>
class JsonStream;

}  // namespace docker
