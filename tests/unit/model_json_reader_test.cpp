// Generated models decoded straight from the text (docker::decode, through
// docker::internal::JsonReader) against the same models decoded from a DOM
// (decode_value, nlohmann's from_json): same values, same errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "docker/model/codec.hpp"
#include "docker/v1_55.hpp"

namespace {

namespace api = docker::v1_55;
using nlohmann::json;

const char* const kContainers = R"([
  {"Id": "8dfafdbc3a40", "Names": ["/a", "/b"], "Image": "busybox", "Created": 1367854155,
   "Ports": [{"PrivatePort": 2222, "PublicPort": 3333, "Type": "tcp"}],
   "Labels": {"com.example": "x", "org.docker-cpp.test": "1"}, "State": "running",
   "HostConfig": {"NetworkMode": "default"}, "Mounts": null, "SizeRw": 0,
   "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2", "Aliases": null}}},
   "FutureMember": {"nested": [1, "two", {"3": null}]}, "Other": -1.5},
  {"Id": "esc\"aped\\\u00e9\ud83d\ude00", "State": "a-state-not-in-the-spec", "Labels": {}, "Names": []}
])";

TEST(JsonReader, DecodesAsTheDomPathDoes) {
  auto from_text = docker::decode<std::vector<api::ContainerSummary>>(kContainers);
  auto from_dom = docker::decode_value<std::vector<api::ContainerSummary>>(json::parse(kContainers));
  ASSERT_EQ(from_text.size(), 2u);
  EXPECT_EQ(json(from_text), json(from_dom));
  EXPECT_EQ(json(from_text), json::parse(kContainers));  // nothing lost, nothing added

  const auto& c = from_text[0];
  EXPECT_EQ(*c.Id, "8dfafdbc3a40");
  EXPECT_EQ(*c.Names, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(*c.Created, 1367854155);
  EXPECT_EQ(*(*c.Ports)[0].PublicPort, 3333);
  EXPECT_EQ(c.Labels->at("org.docker-cpp.test"), "1");
  EXPECT_TRUE(c.Mounts.is_null());
  EXPECT_TRUE(c.Status.is_absent());
  EXPECT_TRUE(c.NetworkSettings->Networks->at("bridge").Aliases.is_null());
  EXPECT_EQ(c.unknown_fields, json::parse(R"({"FutureMember": {"nested": [1, "two", {"3": null}]}, "Other": -1.5})"));
  EXPECT_EQ(*from_text[1].Id, "esc\"aped\\\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(from_text[1].State->str(), "a-state-not-in-the-spec");
  EXPECT_FALSE(from_text[1].State->is_known());
}

TEST(JsonReader, LastOfDuplicateKeysWins) {
  auto c = docker::decode<api::ContainerSummary>(
      R"({"Names": ["/a", "/b"], "Names": ["/c"], "Labels": {"k": "1", "k": "2"}, "Id": "x", "Id": null,
          "NetworkSettings": {"Networks": {"n": {"Aliases": ["a"]}, "n": {"IPAddress": "1.2.3.4"}}},
          "Extra": 1, "Extra": [2]})");
  EXPECT_EQ(*c.Names, std::vector<std::string>{"/c"});
  EXPECT_EQ(c.Labels->at("k"), "2");
  EXPECT_TRUE(c.Id.is_null());
  const auto& n = c.NetworkSettings->Networks->at("n");
  EXPECT_TRUE(n.Aliases.is_absent());
  EXPECT_EQ(*n.IPAddress, "1.2.3.4");
  EXPECT_EQ(c.unknown_fields, json::parse(R"({"Extra": [2]})"));
}

// Member names are compared as views of the text when they have no escape;
// a name with one is unescaped first, so it matches, is kept and is named
// in errors as the DOM path reads it.
TEST(JsonReader, EscapedAndNonAsciiMemberNamesReadAsUnescaped) {
  auto c = docker::decode<api::ContainerSummary>(
      R"({"\u0049d": "x", "Nam\u0065s": ["/a"], "Labels": {"k\u00e9": "1", "\"q\"": "2"},)"
      R"( "caf\u00e9": 1, "na\u00efve\n": 2, "été": 3, "HostConfig": {"NetworkMod\u0065": "host"}})");
  EXPECT_EQ(*c.Id, "x");
  EXPECT_EQ(*c.Names, std::vector<std::string>{"/a"});
  EXPECT_EQ(c.Labels->at("k\xc3\xa9"), "1");
  EXPECT_EQ(c.Labels->at("\"q\""), "2");
  EXPECT_EQ(*c.HostConfig->NetworkMode, "host");
  EXPECT_EQ(c.unknown_fields, json::parse("{\"caf\xc3\xa9\": 1, \"na\xc3\xafve\\n\": 2, \"\xc3\xa9t\xc3\xa9\": 3}"));
  try {
    (void)docker::decode<api::ContainerSummary>(
        R"({"NetworkSettings": {"Networks": {"\u006e": {"IPAddr\u0065ss": 5}}}})");
    FAIL() << "a number for a string must fail";
  } catch (const docker::FieldDecodeError& e) {
    EXPECT_EQ(e.field_path(), "NetworkSettings.Networks.n.IPAddress");
  }
  EXPECT_THROW((void)docker::decode<api::ContainerSummary>(R"({"I\x": 1})"), docker::DecodeError);
  EXPECT_THROW((void)docker::decode<api::ContainerSummary>("{\"I\xff\": 1}"), docker::DecodeError);
  EXPECT_THROW((void)docker::decode<api::ContainerSummary>(R"({"Id)"), docker::DecodeError);
}

TEST(JsonReader, TypeErrorsNameTheMemberPath) {
  for (const char* text : {R"({"NetworkSettings": {"Networks": {"n": {"IPAddress": 5}}}})",
                           R"({"NetworkSettings": {"Networks": {"n": {"IPAddress": [], "Links": 5}}}})"}) {
    SCOPED_TRACE(text);
    try {
      docker::decode<api::ContainerSummary>(text);
      FAIL() << "decoded";
    } catch (const docker::FieldDecodeError& e) {
      EXPECT_EQ(e.field_path(), "NetworkSettings.Networks.n.IPAddress");  // map keys and
      // The same error from a DOM.
      try {
        docker::decode_value<api::ContainerSummary>(json::parse(text));
        FAIL() << "decoded from a DOM";
      } catch (const docker::FieldDecodeError& dom) {
        EXPECT_EQ(dom.field_path(), e.field_path());
        EXPECT_EQ(dom.reason(), e.reason());
      }
    }
  }
  try {
    docker::decode<std::vector<api::ContainerSummary>>(R"([{"Ports": [{"PrivatePort": "22"}]}])");
    FAIL() << "decoded";
  } catch (const docker::FieldDecodeError& e) {
    EXPECT_EQ(e.field_path(), "[0].Ports[0].PrivatePort");  // array indices are in the path
  }
  EXPECT_THROW(docker::decode<api::ContainerSummary>("[]"), docker::DecodeError);
  EXPECT_THROW(docker::decode<std::vector<api::ContainerSummary>>("{}"), docker::DecodeError);
  EXPECT_THROW(docker::decode<api::ContainerSummary>(R"({"Names": "/a"})"), docker::DecodeError);
  EXPECT_THROW(docker::decode<api::ContainerSummary>(R"({"Labels": ["a"]})"), docker::DecodeError);
}

TEST(JsonReader, RejectsBrokenText) {
  for (const char* text : {"",
                           "   ",
                           "{",
                           R"({"Id": "x")",
                           R"({"Id": "x",})",
                           R"({,"Id": "x"})",
                           R"({"Id": "x" "Image": "y"})",
                           R"({"Id" "x"})",
                           R"({"Names": ["/a",]})",
                           R"({"Names": [,"/a"]})",
                           R"({"Names": ["/a" "/b"]})",
                           R"({"Id": "x"} trailing)",
                           R"({"Id": "x"}})",
                           R"({"Unknown": [1,]})",
                           R"({"Unknown": tru})",
                           R"({"Created": 01})",
                           R"({"Id": "\ud800"})",
                           "{\"Id\": \"\xff\"}",
                           R"({"Labels": {"a": "b",}})",
                           R"({"Labels": {"a" "b"}})"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW(docker::decode<api::ContainerSummary>(text), docker::DecodeError);
  }
  EXPECT_THROW(docker::decode<std::vector<api::ContainerSummary>>("[{}, ]"), docker::DecodeError);
  EXPECT_THROW(docker::decode<std::vector<api::ContainerSummary>>("[{} {}]"), docker::DecodeError);
}

// The reader takes compact text (dockerd's: no whitespace, plain member names)
// without its general path; every other text, and every error, goes the
// general way. Both must read alike.
TEST(JsonReader, CompactTextReadsAsSpacedText) {
  std::string compact = json::parse(kContainers).dump();
  ASSERT_EQ(compact.find(' '), std::string::npos);
  auto from_compact = docker::decode<std::vector<api::ContainerSummary>>(compact);
  auto from_spaced = docker::decode<std::vector<api::ContainerSummary>>(kContainers);
  EXPECT_EQ(json(from_compact), json(from_spaced));
  EXPECT_EQ(*from_compact[1].Id, "esc\"aped\\\xc3\xa9\xf0\x9f\x98\x80");
  // A member name with an escape, or a value after a space, mid-way through compact text.
  auto mixed = docker::decode<api::ContainerSummary>(R"({"Id":"a","N\u0061mes":["/x"],"Image": "b","State":"c"})");
  EXPECT_EQ(*mixed.Names, std::vector<std::string>{"/x"});
  EXPECT_EQ(*mixed.Image, "b");
  EXPECT_EQ(mixed.State->str(), "c");
}

TEST(JsonReader, CompactBrokenTextFailsWhereItBreaks) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"Id":"x",})", "invalid JSON at byte 10: expected a member name"},
      {R"({,"Id":"x"})", "invalid JSON at byte 1: expected a member name"},
      {R"({"Id":"x""Image":"y"})", "invalid JSON at byte 9: expected ',' or '}' in an object"},
      {R"({"Id""x"})", "invalid JSON at byte 5: expected ':' after a member name"},
      {R"({"Id":)", "invalid JSON at byte 6: unexpected end of input"},
      {R"({"Id")", "invalid JSON at byte 5: expected ':' after a member name"},
      {R"({"Id)", "invalid JSON at byte 4: unterminated string"},
      {R"({"Names":["/a",]})", "invalid JSON at byte 15: invalid value"},
      {R"({"Names":[,"/a"]})", "invalid JSON at byte 10: invalid value"},
      {R"({"Names":["/a""/b"]})", "invalid JSON at byte 14: expected ',' or ']' in an array"},
      {R"({"Names":["/a",)", "invalid JSON at byte 15: unexpected end of input"},
      {R"({"Labels":{"a":"b",}})", "invalid JSON at byte 19: expected a member name"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    try {
      (void)docker::decode<api::ContainerSummary>(text);
      ADD_FAILURE() << "decoded";
    } catch (const docker::DecodeError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

TEST(JsonReader, NestedEmptyContainersAndWhitespace) {
  auto list = docker::decode<std::vector<api::ContainerSummary>>(
      " \n[ {\"Names\" : [ ] , \"Labels\" : { } , \"Ports\":[],\"X\":[[],{}]} ,{ } ] \t");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].Names->empty());
  EXPECT_TRUE(list[0].Labels->empty());
  EXPECT_EQ(list[0].unknown_fields, json::parse(R"({"X": [[], {}]})"));
  EXPECT_TRUE(list[1].Names.is_absent());
}

TEST(JsonReader, DeepUnknownValuesAreBounded) {
  std::string deep = R"({"Unknown": )" + std::string(100000, '[');
  EXPECT_THROW(docker::decode<api::ContainerSummary>(deep), docker::DecodeError);
}

// A top-level list reserves room from its first item's size: the same items
// whatever the guess, and the capacity stays bounded by the text (a small
// first item before large ones, items of other sizes, a nested list).
TEST(JsonReader, TopLevelListReservesFromItsFirstItem) {
  std::string same = "[";
  for (int i = 0; i < 100; ++i)
    same += std::string(i ? "," : "") + R"({"Id":"c)" + std::to_string(1000 + i) + R"(","Image":")" +
            std::string(1000, 'i') + R"("})";
  same += "]";
  auto list = docker::decode<std::vector<api::ContainerSummary>>(same);
  ASSERT_EQ(list.size(), 100u);
  EXPECT_EQ(*list[99].Id, "c1099");
  EXPECT_LE(list.capacity(), 100u + 100u / 8 + 2);  // no doubling past the estimate

  std::string small_first = "[{}";
  for (int i = 0; i < 50; ++i) small_first += R"(,{"Id":"x","Names":["/a"],"Labels":{"k":"v"},"Image":"busybox"})";
  small_first += "]";
  auto mixed = docker::decode<std::vector<api::ContainerSummary>>(small_first);
  ASSERT_EQ(mixed.size(), 51u);
  EXPECT_TRUE(mixed[0].Id.is_absent());
  EXPECT_EQ(*mixed[50].Image, "busybox");
  // The guess after "{}" is capped (4 bytes of vector per byte of text); doubling goes on from there.
  EXPECT_LE(mixed.capacity(), 2 * (mixed.size() + 4 * small_first.size() / sizeof(api::ContainerSummary) + 1));

  // Only the top level guesses: a nested list's first item says nothing of the rest of the text.
  std::string nested = R"([{"Names":["/a","/b"],"Labels":{"k":")" + std::string(10000, 'v') + R"("}}])";
  auto one = docker::decode<std::vector<api::ContainerSummary>>(nested);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_LE(one[0].Names->capacity(), 2u);
}

}  // namespace

namespace docker_integers {

// Integers take a fast path (JsonReader::read_plain_integer) unless they
// have a fraction, an exponent, 20 digits or fall below int64: every kind,
// on both sides of each type's bounds, with the value or the error the DOM
// path gives.
template <class T>
std::string decoded(const std::string& text) {
  try {
    return std::to_string(docker::decode<T>(text));
  } catch (const docker::DecodeError& e) {
    return std::string("error: ") + e.message();
  }
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

TEST(JsonReader, IntegersOnEitherSideOfEachBound) {
  EXPECT_EQ(decoded<std::int64_t>("0"), "0");
  EXPECT_EQ(decoded<std::int64_t>("-0"), "0");
  EXPECT_EQ(decoded<std::int64_t>(" 42 "), "42");
  EXPECT_EQ(decoded<std::int64_t>("-7"), "-7");
  EXPECT_EQ(decoded<std::int64_t>("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(decoded<std::int64_t>("-9223372036854775808"), "-9223372036854775808");
  EXPECT_TRUE(starts_with(decoded<std::int64_t>("9223372036854775808"),
                          "error: number 9223372036854775808 is not an integer in [-9223372036854775808, "))
      << decoded<std::int64_t>("9223372036854775808");
  EXPECT_TRUE(starts_with(decoded<std::int64_t>("-9223372036854775809"), "error: number -9.223372036854776e+18"))
      << decoded<std::int64_t>("-9223372036854775809");
  EXPECT_EQ(decoded<std::int32_t>("2147483647"), "2147483647");
  EXPECT_EQ(decoded<std::int32_t>("-2147483648"), "-2147483648");
  EXPECT_EQ(decoded<std::int32_t>("2147483648"),
            "error: number 2147483648 is not an integer in [-2147483648, 2147483647]");
  EXPECT_EQ(decoded<std::int32_t>("-2147483649"),
            "error: number -2147483649 is not an integer in [-2147483648, 2147483647]");
  EXPECT_EQ(decoded<std::uint64_t>("18446744073709551615"), "18446744073709551615");  // 20 digits: the DOM path
  EXPECT_EQ(decoded<std::uint64_t>("9999999999999999999"), "9999999999999999999");    // 19 digits: the fast one
  EXPECT_EQ(decoded<std::uint64_t>("-0"), "0");
  EXPECT_EQ(decoded<std::uint64_t>("-1"), "error: number -1 is not an integer in [0, 18446744073709551615]");
  EXPECT_EQ(decoded<std::uint32_t>("4294967296"), "error: number 4294967296 is not an integer in [0, 4294967295]");
  // Not plain integers: the DOM path's answers.
  EXPECT_EQ(decoded<std::int64_t>("5.0"), "5");
  EXPECT_EQ(decoded<std::int64_t>("1e2"), "100");
  EXPECT_EQ(decoded<std::int64_t>("-1E1"), "-10");
  EXPECT_TRUE(starts_with(decoded<std::int64_t>("1.5"), "error: number 1.5 is not an integer"))
      << decoded<std::int64_t>("1.5");
  for (const char* broken : {"01", "-01", "-", "--1", "1-", "0x10", "1.", "1e"})
    EXPECT_TRUE(starts_with(decoded<std::int64_t>(broken), "error: "))
        << broken << ": " << decoded<std::int64_t>(broken);
}

}  // namespace docker_integers
