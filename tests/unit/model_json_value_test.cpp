// docker::JsonValue, and the promise it exists for: a model or operation-area
// header compiles without the whole of nlohmann/json.hpp.
#include "docker/v1_55/container_api.hpp"
#include "docker/v1_55/models/CreateImageInfo.hpp"
#include "docker/v1_55/models/SystemVersion.hpp"
#include "docker/v1_55/system_api.hpp"
#ifdef INCLUDE_NLOHMANN_JSON_HPP_
#error "a generated model or area header includes <nlohmann/json.hpp>: its compile cost is every user's (issue 10)"
#endif

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/model/json_value.hpp"
#include "docker/streams/json_stream.hpp"

namespace docker {
namespace {

using nlohmann::json;

TEST(JsonValue, IsNullUntilSetAndCostsOnePointer) {
  JsonValue v;
  EXPECT_TRUE(v.is_null());
  EXPECT_TRUE(v->is_null());
  EXPECT_EQ(sizeof(JsonValue), sizeof(void*));
  EXPECT_EQ(v, json(nullptr));
}

TEST(JsonValue, CopiesDeeplyAndMovesOut) {
  JsonValue a = json{{"k", {1, 2}}};
  JsonValue b = a;
  (*b)["k"].push_back(3);
  EXPECT_EQ(a, json::parse(R"({"k":[1,2]})"));
  EXPECT_EQ(b, json::parse(R"({"k":[1,2,3]})"));
  EXPECT_FALSE(a == b);
  JsonValue c = std::move(b);
  EXPECT_EQ(c->at("k").size(), 3u);
  EXPECT_TRUE(b.is_null());  // NOLINT(bugprone-use-after-move): moved-from is null, as documented
  a = c;
  EXPECT_EQ(a, c);
  EXPECT_NE(&a.get(), &c.get());
}

TEST(JsonValue, FreeFormMembersDecodeAndEncodeAsSent) {
  const std::string text =
      R"({"Components":[{"Name":"Engine","Version":"20.10","Details":{"ApiVersion":"1.41","Nested":{"a":[1,null]}}}],)"
      R"("Version":"20.10","Later":{"x":true}})";
  auto version = decode<v1_55::SystemVersion>(text);
  const auto& engine = version.Components->at(0);
  EXPECT_EQ((*engine.Details)->at("ApiVersion"), "1.41");
  EXPECT_EQ(engine.Details->get()["Nested"]["a"][1], nullptr);
  EXPECT_TRUE(engine.unknown_fields.is_null());  // nothing unknown, nothing allocated
  EXPECT_EQ(version.unknown_fields, json::parse(R"({"Later":{"x":true}})"));
  EXPECT_EQ(json::parse(encode(version)), json::parse(text));
}

TEST(JsonValue, TypedStreamsDecodeFromTheTextAndStillRaiseErrorMessages) {
  // "error" as a value is not an error member: the message decodes as usual.
  JsonStream<v1_55::CreateImageInfo> stream(std::make_shared<StringReader>(
      R"({"status":"error-free pull","id":"a"})"
      "\n"
      R"({"errorDetail":{"code":7,"message":"no such image"},"error":"no such image"})"));
  auto first = stream.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first->status, "error-free pull");
  try {
    (void)stream.next();
    FAIL() << "an error message must raise";
  } catch (const JsonMessageError& e) {
    EXPECT_EQ(e.code(), 7);
    EXPECT_EQ(e.raw()["error"], "no such image");
  }
}

TEST(JsonValue, UntypedMessagesKeepTheWholeValue) {
  JsonStream<JsonMessage> stream(std::make_shared<StringReader>(R"({"stream":"Step 1/2"} [1,2])"));
  EXPECT_EQ(stream.next()->value->at("stream"), "Step 1/2");
  EXPECT_EQ(stream.next()->value, json::parse("[1,2]"));
  EXPECT_FALSE(stream.next().has_value());
}

}  // namespace
}  // namespace docker
