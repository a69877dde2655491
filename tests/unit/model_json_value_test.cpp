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
#include <thread>
#include <utility>
#include <vector>

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

// A free-form member is kept as text when decoded and parsed when first read:
// what a reader sees, copies and changes must not tell the difference.
const std::string kVersionText =
    R"({"Components":[{"Name":"Engine","Details":{"ApiVersion":"1.41","Os":"linux","Deep":[{"x":"\u00e9"},-1.5e3]}}]})";

TEST(JsonValue, DecodedTextReadsCopiesAndChangesAsADom) {
  auto version = decode<v1_55::SystemVersion>(kVersionText);
  JsonValue& details = *version.Components->at(0).Details;
  const JsonValue unread_copy = details;  // copied before anything parsed it
  EXPECT_FALSE(details.is_null());
  EXPECT_EQ(details, json::parse(R"({"ApiVersion":"1.41","Os":"linux","Deep":[{"x":"\u00e9"},-1.5e3]})"));
  EXPECT_EQ(std::as_const(details)->at("Deep")[0]["x"], "\u00e9");
  EXPECT_EQ(&std::as_const(details).get(), &std::as_const(details).get());  // parsed once, then kept

  (*details)["Os"] = "windows";  // changing it in place leaves the copy as decoded
  EXPECT_EQ(std::as_const(details)->at("Os"), "windows");
  EXPECT_EQ(unread_copy->at("Os"), "linux");
  EXPECT_EQ(json::parse(encode(version))["Components"][0]["Details"]["Os"], "windows");
  const JsonValue changed_copy = details;  // a copy after a change has the change
  EXPECT_EQ(changed_copy->at("Os"), "windows");
  *details = nullptr;
  EXPECT_TRUE(details.is_null());
  EXPECT_TRUE(JsonValue(details).is_null());
  *details = {{"Os", "windows"}};

  JsonValue moved = std::move(details);
  EXPECT_TRUE(details.is_null());  // NOLINT(bugprone-use-after-move): moved-from is null, as documented
  EXPECT_EQ(moved->at("Os"), "windows");

  auto items = decode<std::vector<JsonValue>>(R"([null, 0, "null"])");
  EXPECT_TRUE(items[0].is_null());
  EXPECT_FALSE(items[1].is_null());
  EXPECT_FALSE(items[2].is_null());
  EXPECT_EQ(items[2], json("null"));
}

TEST(JsonValue, FreeFormTextIsCheckedWhenDecodedNotWhenRead) {
  for (const char* bad : {R"({"Components":[{"Details":{"a":truE}}]})", R"({"Components":[{"Details":{"a":"\x"}}]})",
                          R"({"Components":[{"Details":[1,]}]})", R"({"Components":[{"Details":{"a":1e999}}]})",
                          "{\"Components\":[{\"Details\":\"\xff\"}]}"}) {
    EXPECT_THROW((void)decode<v1_55::SystemVersion>(bad), DecodeError) << bad;
  }
  std::string deep = R"({"Components":[{"Details":)" + std::string(600, '[') + std::string(600, ']') + "}]}";
  EXPECT_THROW((void)decode<v1_55::SystemVersion>(deep), DecodeError);
}

// Through a const value or not: reading never changes what other readers see.
TEST(JsonValue, ReadsFromManyThreadsParseOnce) {
  auto version = decode<v1_55::SystemVersion>(kVersionText);
  JsonValue& details = *version.Components->at(0).Details;
  std::vector<const json*> seen(8);
  std::vector<std::thread> readers;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    readers.emplace_back([&, i] { seen[i] = i % 2 == 0 ? &std::as_const(details).get() : &details.get(); });
  }
  for (auto& reader : readers) reader.join();
  for (const json* dom : seen) EXPECT_EQ(dom, seen[0]);
  EXPECT_EQ(seen[0]->at("ApiVersion"), "1.41");
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
