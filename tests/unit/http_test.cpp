#include "docker/http.hpp"

#include <gtest/gtest.h>

#include "docker/errors.hpp"
#include "support/temp_dir.hpp"

namespace docker {
namespace {

TEST(UrlEncode, KeepsUnreservedEscapesTheRest) {
  EXPECT_EQ(url_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(url_encode("a b/c?d#e&f=g%"), "a%20b%2Fc%3Fd%23e%26f%3Dg%25");
  EXPECT_EQ(url_encode("{\"label\":[\"x\"]}"), "%7B%22label%22%3A%5B%22x%22%5D%7D");
  EXPECT_EQ(url_encode("\xc3\xa9"), "%C3%A9");
}

TEST(Headers, CaseInsensitiveGetSetRemove) {
  Headers h;
  h.add("Content-Type", "a");
  h.add("X-Two", "1");
  h.add("x-two", "2");
  EXPECT_EQ(h.get("content-type"), "a");
  EXPECT_EQ(h.get("X-TWO"), "1");
  h.set("X-two", "3");
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.get("x-two"), "3");
  h.remove("CONTENT-TYPE");
  EXPECT_FALSE(h.contains("Content-Type"));
}

TEST(ByteReader, ReadAllAndLimit) {
  StringReader r(std::string(40000, 'x'));
  EXPECT_EQ(r.read_all().size(), 40000u);
  StringReader big(std::string(100, 'x'));
  EXPECT_THROW(big.read_all(99), ProtocolError);
}

TEST(StreamBody, FromStringCarriesItsLength) {
  auto body = StreamBody::from_string("hello");
  ASSERT_TRUE(body.length.has_value());
  EXPECT_EQ(*body.length, 5u);
  EXPECT_EQ(body.reader->read_all(), "hello");
}

TEST(StreamBody, FromFileStreamsTheFileWithItsLength) {
  testing::TempDir dir;
  std::string data(300000, 'x');
  data[123456] = 'y';
  auto path = dir.write("upload.bin", data).string();
  auto body = StreamBody::from_file(path);
  ASSERT_TRUE(body.length.has_value());
  EXPECT_EQ(*body.length, data.size());
  EXPECT_EQ(body.reader->read_all(), data);
}

TEST(StreamBody, FromFileNamesAMissingPathOrADirectory) {
  testing::TempDir dir;
  auto missing = (dir / "no-such-file").string();
  try {
    (void)StreamBody::from_file(missing);
    FAIL() << "no throw";
  } catch (const InvalidInput& e) {
    EXPECT_NE(e.message().find(missing), std::string::npos) << e.message();
  }
  EXPECT_THROW((void)StreamBody::from_file(dir.path().string()), InvalidInput);
}

}  // namespace
}  // namespace docker
