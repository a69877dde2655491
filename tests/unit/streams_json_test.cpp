#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "docker/errors.hpp"
#include "docker/streams/json_scanner.hpp"
#include "docker/streams/json_stream.hpp"
#include "support/chunked_reader.hpp"

namespace docker {
namespace {

using nlohmann::json;
using testing::ChunkedReader;

std::vector<json> read_all(std::shared_ptr<ByteReader> source, std::size_t limit = 16 << 20) {
  JsonMessageReader reader(std::move(source), limit);
  std::vector<json> out;
  while (auto m = reader.next()) out.push_back(std::move(*m));
  return out;
}

const std::string kProgress = R"({"status":"Pulling from library/busybox","id":"latest"})"
                              "\n"
                              R"({"status":"Downloading","progressDetail":{"current":1,"total":2},"id":"a{b}[c]\"d\\"})"
                              "\r\n"
                              R"(  {"status":"Done"} )"
                              "\n";

TEST(JsonMessageReader, OneMessagePerLine) {
  auto messages = read_all(std::make_shared<StringReader>(kProgress));
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["id"], "latest");
  EXPECT_EQ(messages[1]["progressDetail"]["total"], 2);
  EXPECT_EQ(messages[1]["id"], "a{b}[c]\"d\\");
  EXPECT_EQ(messages[2]["status"], "Done");
}

TEST(JsonMessageReader, MessagesSplitAtEveryByte) {
  for (std::size_t split = 0; split <= kProgress.size(); ++split) {
    auto messages = read_all(std::make_shared<ChunkedReader>(testing::split_reader(kProgress, split)));
    ASSERT_EQ(messages.size(), 3u) << "split at " << split;
    EXPECT_EQ(messages[1]["id"], "a{b}[c]\"d\\") << "split at " << split;
  }
  EXPECT_EQ(read_all(std::make_shared<ChunkedReader>(kProgress, 1)).size(), 3u);
}

TEST(JsonMessageReader, ConcatenatedWithoutSeparators) {
  std::string data = R"({"a":1}{"b":[1,{"c":"}"}]}[1,2]"text"{"d":null})";
  for (std::size_t split = 0; split <= data.size(); ++split) {
    auto messages = read_all(std::make_shared<ChunkedReader>(testing::split_reader(data, split)));
    ASSERT_EQ(messages.size(), 5u) << split;
    EXPECT_EQ(messages[1]["b"][1]["c"], "}");
    EXPECT_EQ(messages[2], json::array({1, 2}));
    EXPECT_EQ(messages[3], "text");
  }
}

TEST(JsonMessageReader, TopLevelScalars) {
  auto messages = read_all(std::make_shared<ChunkedReader>("1 true\nnull 42", 1));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0], 1);
  EXPECT_EQ(messages[3], 42);  // ends with the stream
}

TEST(JsonMessageReader, EmptyAndWhitespaceOnlyStreamsEnd) {
  EXPECT_TRUE(read_all(std::make_shared<StringReader>("")).empty());
  EXPECT_TRUE(read_all(std::make_shared<ChunkedReader>(" \n\r\n\t ", 2)).empty());
}

TEST(JsonMessageReader, ErrorDetailRaisesStreamErrorWithCode) {
  std::string data =
      R"({"status":"Pushing"})"
      "\n"
      R"({"errorDetail":{"code":401,"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"})"
      "\n";
  for (std::size_t split = 0; split <= data.size(); ++split) {
    JsonMessageReader reader(std::make_shared<ChunkedReader>(testing::split_reader(data, split)));
    ASSERT_TRUE(reader.next());
    try {
      reader.next();
      FAIL() << "no error";
    } catch (const JsonMessageError& e) {
      EXPECT_EQ(e.message(), "unauthorized: authentication required");
      EXPECT_EQ(e.code(), 401);
      EXPECT_TRUE(e.raw().contains("errorDetail"));
    }
  }
}

TEST(JsonMessageReader, ErrorStringAloneRaisesStreamError) {
  JsonMessageReader reader(std::make_shared<StringReader>(R"({"error":"manifest unknown"})"));
  try {
    reader.next();
    FAIL() << "no error";
  } catch (const StreamError& e) {
    EXPECT_EQ(e.message(), "manifest unknown");
    const auto* typed = dynamic_cast<const JsonMessageError*>(&e);
    ASSERT_NE(typed, nullptr);
    EXPECT_FALSE(typed->code());
  }
}

TEST(JsonMessageReader, EmptyErrorFieldsAreNotErrors) {
  auto messages = read_all(std::make_shared<StringReader>(R"({"error":"","errorDetail":{}})"));
  EXPECT_EQ(messages.size(), 1u);
}

TEST(JsonMessageReader, TruncatedMessageIsAProtocolError) {
  std::string data = R"({"status":"ok"})"
                     "\n"
                     R"({"status":"Downlo)";
  for (std::size_t split = 0; split <= data.size(); ++split) {
    JsonMessageReader reader(std::make_shared<ChunkedReader>(testing::split_reader(data, split)));
    ASSERT_TRUE(reader.next());
    try {
      reader.next();
      FAIL() << "no error";
    } catch (const ProtocolError& e) {
      EXPECT_NE(e.message().find("stream ended inside a JSON message"), std::string::npos) << e.message();
    }
  }
}

TEST(JsonMessageReader, MalformedJsonIsADecodeError) {
  for (std::string bad : {R"({"a":})", R"({"a" 1})", "nope", "}", R"([1,2})", "{\"a\":1,}"}) {
    JsonMessageReader reader(std::make_shared<StringReader>(bad));
    EXPECT_THROW(reader.next(), DecodeError) << bad;
  }
}

TEST(JsonMessageReader, MessageOverTheLimitIsAProtocolError) {
  std::string big = R"({"status":")" + std::string(5000, 'x') + R"("})";
  EXPECT_THROW(read_all(std::make_shared<StringReader>(big), 1000), ProtocolError);
  // Also when the value never ends: the reader stops at the limit, not at EOF.
  auto endless = std::make_shared<ChunkedReader>("[" + std::string(1 << 20, '['), 4096);
  EXPECT_THROW(read_all(endless, 10000), ProtocolError);
  EXPECT_LT(endless->position(), std::size_t{200000});
  // A message right at the limit is fine.
  std::string exact = R"({"s":")" + std::string(994, 'y') + R"("})";
  ASSERT_EQ(exact.size(), 1002u);
  EXPECT_EQ(read_all(std::make_shared<StringReader>(exact + "\n" + exact), 1002).size(), 2u);
}

TEST(JsonMessageReader, ManyMessagesAcrossManyReads) {
  std::string data;
  for (int i = 0; i < 10000; ++i)
    data += R"({"id":)" + std::to_string(i) +
            R"(,"status":"x"})"
            "\n";
  auto messages = read_all(std::make_shared<ChunkedReader>(data, 777));
  ASSERT_EQ(messages.size(), 10000u);
  EXPECT_EQ(messages[9999]["id"], 9999);
}

struct Progress {
  std::string status;
};
void from_json(const json& j, Progress& p) { p.status = j.at("status").get<std::string>(); }

TEST(JsonStream, DecodesTypedMessagesAndReportsMismatchesAsDecodeError) {
  JsonStream<Progress> stream(std::make_shared<StringReader>(R"({"status":"a"}{"status":"b"}{"other":1})"));
  EXPECT_EQ(stream.next()->status, "a");
  EXPECT_EQ(stream.next()->status, "b");
  EXPECT_THROW(stream.next(), DecodeError);
}

TEST(JsonValueScanner, FindsTheEndOfEachKindOfValue) {
  auto end_of = [](std::string_view s) {
    JsonValueScanner scanner;
    return scanner.feed(s);
  };
  EXPECT_EQ(end_of(R"({"a":"}"} tail)"), 9u);
  EXPECT_EQ(end_of(R"(  [1,[2]],)"), 9u);
  EXPECT_EQ(end_of(R"("a\"b" x)"), 6u);
  EXPECT_EQ(end_of("123 "), 3u);
  EXPECT_EQ(end_of("123{"), 3u);
  EXPECT_FALSE(end_of("123"));
  EXPECT_FALSE(end_of(R"({"a":"\")"));
  JsonValueScanner scanner;
  EXPECT_FALSE(scanner.feed(R"({"a":"\)"));
  EXPECT_EQ(scanner.feed(R"(""})"), 3u);  // the escape carried across pieces
}

}  // namespace
}  // namespace docker
