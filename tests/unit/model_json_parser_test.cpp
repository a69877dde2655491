// docker::internal::parse_json (our own parser) against nlohmann::json::parse:
// the same DOM, down to the number types, and the same inputs rejected.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "docker/model/codec.hpp"

namespace {

using nlohmann::json;

// operator== compares numbers across types (1u == 1); the decoders do not.
void expect_same_dom(const json& ours, const json& theirs, const std::string& where) {
  ASSERT_EQ(ours.type(), theirs.type()) << where;
  if (ours.is_object()) {
    ASSERT_EQ(ours.size(), theirs.size()) << where;
    for (auto it = theirs.begin(); it != theirs.end(); ++it) {
      ASSERT_TRUE(ours.contains(it.key())) << where << "." << it.key();
      expect_same_dom(ours.at(it.key()), it.value(), where + "." + it.key());
    }
  } else if (ours.is_array()) {
    ASSERT_EQ(ours.size(), theirs.size()) << where;
    for (std::size_t i = 0; i < ours.size(); ++i)
      expect_same_dom(ours[i], theirs[i], where + "[" + std::to_string(i) + "]");
  } else if (ours.is_number_float()) {
    // Bit-identical, signed zero included.
    EXPECT_EQ(ours.dump(), theirs.dump()) << where;
    EXPECT_EQ(std::signbit(ours.get<double>()), std::signbit(theirs.get<double>())) << where;
  } else {
    EXPECT_EQ(ours, theirs) << where;
  }
}

void expect_like_nlohmann(const std::string& text) {
  SCOPED_TRACE(text);
  json theirs = json::parse(text);
  json ours = docker::internal::parse_json(text);
  expect_same_dom(ours, theirs, "$");
}

TEST(JsonParser, BuildsTheDomNlohmannBuilds) {
  const std::vector<std::string> texts = {
      "null",
      "true",
      "false",
      "0",
      "-0",
      "7",
      "-7",
      "1.5",
      "-1.5e-3",
      "1E+2",
      "1e2",
      "0.0",
      "-0.0",
      "2.5E-1",
      "18446744073709551615",  // largest unsigned
      "18446744073709551616",  // one more: a double
      "-9223372036854775808",  // smallest signed
      "-9223372036854775809",  // one less: a double
      "123456789012345678901234567890",
      "1e-400",
      "-1e-400",
      "4.9e-324",
      "1.7976931348623157e308",
      "0.1",
      "3.141592653589793",
      R"("")",
      R"("plain")",
      R"("tab\tnew\nline\r\"q\" back\\ slash\/ \b\f")",
      R"("\u0000nul")",
      R"("\u00e9\u20AC\ud83d\ude00")",
      "\"raw \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"",
      "\xEF\xBB\xBF{\"bom\": 1}",
      R"({})",
      R"([])",
      R"([[],{},[{}]])",
      " \t\r\n [ 1 , 2 ] \n ",
      R"({"a": 1, "b": [true, null, "x"], "c": {"d": -2, "e": 2.5}})",
      R"({"dup": 1, "dup": "last wins"})",
      R"({"dup": {"x": 1}, "dup": [2]})",
      R"({"Id":"8dfafdbc3a40","Names":["/boring_feynman"],"Ports":[{"PrivatePort":2222,"PublicPort":3333,"Type":"tcp"}],"Labels":{"com.example.vendor":"Acme"},"SizeRw":12288,"Created":1367854155,"HostConfig":{"NetworkMode":"default"},"Mounts":null})",
  };
  for (const auto& text : texts) expect_like_nlohmann(text);
}

// Strings are scanned eight bytes at a time: a quote, escape, control byte
// or UTF-8 sequence at every offset within and across those words, and at
// the end of the text, must come out as nlohmann reads it, or be refused
// as it refuses it.
TEST(JsonParser, StringsWithSpecialBytesAtEveryOffset) {
  const std::vector<std::string> specials = {"",     "\\n",  "\\\"", "\\u00e9", "\xc3\xa9", "\xf0\x9f\x98\x80",
                                             "\x01", "\xc3", "\xff", "\x7f"};
  for (std::size_t before = 0; before <= 17; ++before) {
    for (const auto& special : specials) {
      for (std::size_t after = 0; after <= 9; ++after) {
        const std::string text = "\"" + std::string(before, 'a') + special + std::string(after, 'b') + "\"";
        for (const std::string& doc : {text, "[" + text + "," + text + "]", "{" + text + ":" + text + "}"}) {
          SCOPED_TRACE(doc);
          bool theirs_ok = json::accept(doc);
          try {
            json ours = docker::internal::parse_json(doc);
            ASSERT_TRUE(theirs_ok) << "accepted what nlohmann refuses";
            expect_same_dom(ours, json::parse(doc), "$");
          } catch (const docker::DecodeError&) {
            ASSERT_FALSE(theirs_ok) << "refused what nlohmann accepts";
          }
        }
      }
    }
  }
}

TEST(JsonParser, DeepNestingWithinTheLimit) {
  std::string text = std::string(200, '[') + std::string(200, ']');
  expect_like_nlohmann(text);
}

TEST(JsonParser, RejectsWhatNlohmannRejects) {
  const std::vector<std::string> texts = {
      "",
      " ",
      "{",
      "}",
      "[",
      "[1,]",
      "[,1]",
      R"({"a":1,})",
      R"({"a" 1})",
      R"({1:2})",
      R"({"a":})",
      "[1 2]",
      "1 2",
      "01",
      "-01",
      "1.",
      ".5",
      "1e",
      "1e+",
      "+1",
      "-",
      "--1",
      "0x10",
      "1e400",
      "-1e400",
      "NaN",
      "Infinity",
      "tru",
      "nul",
      "fals",
      "truex",
      "True",
      R"("abc)",
      R"("\x")",
      R"("\u12")",
      R"("\u12g4")",
      R"("\ud800")",
      R"("\udc00")",
      R"("\ud800\u0041")",
      R"("\ud800x")",
      "\"a\x01\"",
      "\"a\nb\"",
      "\"\xff\"",
      "\"\x80\"",
      "\"\xc0\xaf\"",          // overlong
      "\"\xe0\x80\xaf\"",      // overlong
      "\"\xed\xa0\x80\"",      // a surrogate in UTF-8
      "\"\xf4\x90\x80\x80\"",  // above U+10FFFF
      "\"\xe2\x82\"",          // truncated
      "\"\xf0\x9f\x98\"",      // truncated
      "\xEF\xBB{}",            // half a byte-order mark
      "// comment\n1",
  };
  for (const auto& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_THROW(json::parse(text).is_null(), json::exception);
    EXPECT_THROW((void)docker::internal::parse_json(text), docker::DecodeError);
  }
}

TEST(JsonParser, ErrorsSayWhere) {
  try {
    (void)docker::internal::parse_json(R"({"a": [1, 2,]})");
    FAIL() << "accepted a trailing comma";
  } catch (const docker::DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("invalid JSON at byte 12: invalid value"), std::string::npos) << e.what();
  }
}

TEST(JsonParser, TooDeepIsADecodeErrorNotACrash) {
  std::string arrays(100000, '[');
  EXPECT_THROW((void)docker::internal::parse_json(arrays), docker::DecodeError);
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += R"({"a":)";
  EXPECT_THROW((void)docker::internal::parse_json(objects), docker::DecodeError);
}

}  // namespace
