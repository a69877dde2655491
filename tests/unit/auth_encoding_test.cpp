#include <gtest/gtest.h>

#include "docker/auth/base64.hpp"
#include "docker/auth/registry_auth.hpp"
#include "docker/errors.hpp"

namespace docker::auth {
namespace {

TEST(Base64, MatchesGoForBothAlphabets) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_encode("\xfb\xff", Base64Alphabet::url), "-_8=");
}

TEST(Base64, DecodesWithOrWithoutPaddingAndRejectsGarbage) {
  EXPECT_EQ(base64_decode("YWxpY2U6czNjcjpldA=="), "alice:s3cr:et");
  EXPECT_EQ(base64_decode("YWxpY2U6czNjcjpldA"), "alice:s3cr:et");
  EXPECT_EQ(base64_decode("-_8=", Base64Alphabet::url), "\xfb\xff");
  EXPECT_FALSE(base64_decode("-_8="));  // URL letters in the standard alphabet
  EXPECT_FALSE(base64_decode("Zg=x"));
  EXPECT_FALSE(base64_decode("Z"));
  EXPECT_FALSE(base64_decode("Zh=="));  // non-zero trailing bits
  for (std::string s : std::vector<std::string>{"", "a", "ab", "abc", "hello world", std::string("\0\1\2\3", 4)})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
}

TEST(RegistryAuth, JsonOmitsEmptyFieldsInGoOrder) {
  AuthConfig config;
  config.password = "p";
  config.username = "u";
  config.registrytoken = "r";
  EXPECT_EQ(to_json(config).dump(), R"({"username":"u","password":"p","registrytoken":"r"})");
  EXPECT_EQ(to_json(AuthConfig{}).dump(), "{}");
}

TEST(RegistryAuth, HeaderIsUrlSafeBase64OfGoJson) {
  AuthConfig config;
  config.username = "u";
  config.password = "p>?~";  // Go escapes '>' and the base64 of it has a '_'
  config.serveraddress = "localhost:5000";
  EXPECT_EQ(encode_registry_auth(config),
            "eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InBcdTAwM2U_fiIsInNlcnZlcmFkZHJlc3MiOiJsb2NhbGhvc3Q6NTAwMCJ9");
  EXPECT_EQ(encode_registry_auth(AuthConfig{}), "e30=");
}

TEST(RegistryAuth, ConfigHeaderMapsRegistriesToConfigs) {
  AuthConfig local;
  local.username = "a";
  local.password = "b";
  AuthConfig hub;
  hub.identitytoken = "t";
  EXPECT_EQ(encode_registry_config({{"localhost:5000", local}, {std::string(kDockerHubServer), hub}}),
            "eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsiaWRlbnRpdHl0b2tlbiI6InQifSwibG9jYWxob3N0OjUwMDAiOnsidXNlcm5hbW"
            "UiOiJhIiwicGFzc3dvcmQiOiJiIn19");
  EXPECT_EQ(encode_registry_config({}), "e30=");
}

TEST(RegistryAuth, RoundTripsThroughTheHeader) {
  AuthConfig config;
  config.username = "ünïcode";
  config.password = "a&b<c";
  auto json = nlohmann::json::parse(*base64_decode(encode_registry_auth(config), Base64Alphabet::url));
  EXPECT_EQ(json["username"], "ünïcode");
  EXPECT_EQ(json["password"], "a&b<c");
}

TEST(RegistryKey, DockerHubImages) {
  for (auto image : {"busybox", "busybox:latest", "library/busybox", "docker.io/library/busybox:1.36",
                     "index.docker.io/foo/bar", "user/app@sha256:abcd", "my-org/sub/app"})
    EXPECT_EQ(registry_key_for_image(image), kDockerHubServer) << image;
}

TEST(RegistryKey, OtherRegistries) {
  EXPECT_EQ(registry_key_for_image("localhost:5000/app"), "localhost:5000");
  EXPECT_EQ(registry_key_for_image("localhost/app"), "localhost");
  EXPECT_EQ(registry_key_for_image("ghcr.io/owner/app:tag"), "ghcr.io");
  EXPECT_EQ(registry_key_for_image("127.0.0.1:5000/a/b@sha256:00"), "127.0.0.1:5000");
  EXPECT_EQ(registry_key_for_image("Registry/app"), "Registry");  // upper case: a host
  EXPECT_THROW(registry_key_for_image(""), ConfigError);
}

TEST(RegistryKey, ConvertToHostname) {
  EXPECT_EQ(convert_to_hostname("https://index.docker.io/v1/"), "index.docker.io");
  EXPECT_EQ(convert_to_hostname("http://localhost:5000"), "localhost:5000");
  EXPECT_EQ(convert_to_hostname("localhost:5000/v2/"), "localhost:5000");
  EXPECT_EQ(convert_to_hostname("registry.example.com"), "registry.example.com");
}

}  // namespace
}  // namespace docker::auth
