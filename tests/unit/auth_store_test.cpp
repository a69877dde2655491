#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "docker/auth/registry_auth.hpp"
#include "docker/config/config_file.hpp"
#include "docker/errors.hpp"
#include "support/temp_dir.hpp"

namespace docker::auth {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// A credential helper in the real protocol: reads the server URL on stdin.
constexpr std::string_view kFakeHelper = R"(#!/bin/sh
read -r server
case "$1" in
  get)
    case "$server" in
      https://index.docker.io/v1/) printf '%s' '{"ServerURL":"https://index.docker.io/v1/","Username":"hubuser","Secret":"hubpass"}' ;;
      token.example.com) printf '%s' '{"ServerURL":"token.example.com","Username":"<token>","Secret":"refresh-token"}' ;;
      broken.example.com) printf 'not json' ;;
      failing.example.com) echo "keychain locked" ; exit 3 ;;
      *) echo "credentials not found in native keychain" ; exit 1 ;;
    esac ;;
  list) printf '%s' '{"https://index.docker.io/v1/":"hubuser","token.example.com":"<token>"}' ;;
  *) exit 2 ;;
esac
)";

class CredentialStoreTest : public ::testing::Test {
 protected:
  TempDir config_dir;
  TempDir bin_dir;

  void SetUp() override {
    auto helper = bin_dir.write("docker-credential-fake", kFakeHelper);
    ::chmod(helper.c_str(), 0755);
  }

  config::EnvironmentGetter env() const {
    return config::fixed_environment(
        {{"DOCKER_CONFIG", config_dir.path().string()}, {"PATH", bin_dir.path().string() + ":/usr/bin:/bin"}});
  }

  CredentialStore store(std::string_view config_json) const {
    config_dir.write("config.json", config_json);
    return CredentialStore::load(env());
  }

  static std::string error_of(const std::function<void()>& fn) {
    try {
      fn();
    } catch (const ConfigError& e) {
      return e.message();
    }
    return "no error";
  }
};

TEST_F(CredentialStoreTest, StoredAuthIsDecoded) {
  auto s = store(R"({"auths":{"localhost:5000":{"auth":"YWxpY2U6czNjcjpldA==","email":"a@example.com"}}})");
  auto config = s.get("localhost:5000");
  EXPECT_EQ(config.username, "alice");
  EXPECT_EQ(config.password, "s3cr:et");  // split at the first colon only
  EXPECT_EQ(config.email, "a@example.com");
  EXPECT_EQ(config.serveraddress, "localhost:5000");
  EXPECT_TRUE(config.auth.empty());
  EXPECT_EQ(s.for_image("localhost:5000/app:1").username, "alice");
}

TEST_F(CredentialStoreTest, IdentityTokenInTheFile) {
  auto s = store(R"({"auths":{"https://index.docker.io/v1/":{"auth":"dTpw","identitytoken":"tok"}}})");
  auto config = s.for_image("busybox");
  EXPECT_EQ(config.identitytoken, "tok");
  EXPECT_EQ(config.serveraddress, "https://index.docker.io/v1/");
}

TEST_F(CredentialStoreTest, LegacyUrlKeysMatchByHost) {
  auto s = store(R"({"auths":{"https://registry.example.com/v1/":{"auth":"dTpw"}}})");
  EXPECT_EQ(s.get("registry.example.com").username, "u");
}

TEST_F(CredentialStoreTest, UnknownRegistryGivesEmptyCredentials) {
  auto s = store(R"({"auths":{}})");
  auto config = s.get("nowhere:5000");
  EXPECT_TRUE(config.empty());
  EXPECT_EQ(config.serveraddress, "nowhere:5000");
}

TEST_F(CredentialStoreTest, MissingConfigFileIsEmpty) {
  auto s = CredentialStore::load(env());
  EXPECT_TRUE(s.get("localhost:5000").empty());
}

TEST_F(CredentialStoreTest, MalformedAuthValueNamesTheFileAndRegistry) {
  auto message = error_of([&] { store(R"({"auths":{"r.example.com":{"auth":"bm9jb2xvbg=="}}})"); });
  EXPECT_THAT(message, HasSubstr("config.json"));
  EXPECT_THAT(message, HasSubstr("\"r.example.com\""));
  EXPECT_THAT(error_of([&] { store(R"({"auths":{"r":{"auth":"***"}}})"); }), HasSubstr("invalid \"auth\""));
}

TEST_F(CredentialStoreTest, CredsStoreHelper) {
  auto s = store(R"({"auths":{"https://index.docker.io/v1/":{"email":"hub@example.com"}},"credsStore":"fake"})");
  auto hub = s.for_image("docker.io/library/busybox");
  EXPECT_EQ(hub.username, "hubuser");
  EXPECT_EQ(hub.password, "hubpass");
  EXPECT_EQ(hub.email, "hub@example.com");  // kept from config.json
  EXPECT_EQ(hub.serveraddress, "https://index.docker.io/v1/");
}

TEST_F(CredentialStoreTest, TokenUsernameMeansIdentityToken) {
  auto s = store(R"({"credsStore":"fake"})");
  auto config = s.get("token.example.com");
  EXPECT_EQ(config.identitytoken, "refresh-token");
  EXPECT_EQ(config.username, "");
  EXPECT_EQ(config.password, "");
}

TEST_F(CredentialStoreTest, HelperWithoutAnEntryGivesEmptyCredentials) {
  auto s = store(R"({"credsStore":"fake"})");
  EXPECT_TRUE(s.get("unknown.example.com").empty());
}

TEST_F(CredentialStoreTest, PerRegistryHelperWinsOverTheStore) {
  auto s = store(R"({"auths":{"localhost:5000":{"auth":"dTpw"}},"credHelpers":{"token.example.com":"fake"}})");
  EXPECT_EQ(s.get("token.example.com").identitytoken, "refresh-token");
  EXPECT_EQ(s.get("localhost:5000").username, "u");  // no helper for it: the file
}

TEST_F(CredentialStoreTest, MissingHelperIsAClearError) {
  auto s = store(R"({"credsStore":"absent"})");
  auto message = error_of([&] { s.get("localhost:5000"); });
  EXPECT_THAT(message, HasSubstr("docker-credential-absent"));
  EXPECT_THAT(message, HasSubstr("credsStore in "));
  EXPECT_THAT(message, HasSubstr("not found on PATH"));
  auto per_registry = store(R"({"credHelpers":{"r.example.com":"gone"}})");
  EXPECT_THAT(error_of([&] { per_registry.get("r.example.com"); }), HasSubstr("credHelpers[\"r.example.com\"]"));
}

TEST_F(CredentialStoreTest, FailingHelperReportsItsOutput) {
  auto s = store(R"({"credsStore":"fake"})");
  auto message = error_of([&] { s.get("failing.example.com"); });
  EXPECT_THAT(message, HasSubstr("exit status 3"));
  EXPECT_THAT(message, HasSubstr("keychain locked"));
  EXPECT_THAT(error_of([&] { s.get("broken.example.com"); }), HasSubstr("not a JSON object"));
}

TEST_F(CredentialStoreTest, AllCollectsFileStoreAndHelpers) {
  auto s = store(R"({"auths":{"localhost:5000":{"auth":"dTpw"}},"credHelpers":{"token.example.com":"fake"}})");
  auto all = s.all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all["localhost:5000"].username, "u");
  EXPECT_EQ(all["token.example.com"].identitytoken, "refresh-token");

  auto with_store = store(R"({"credsStore":"fake"})").all();
  ASSERT_EQ(with_store.size(), 2u);
  EXPECT_EQ(with_store[std::string(kDockerHubServer)].username, "hubuser");
}

TEST_F(CredentialStoreTest, InjectedRunnerSeesTheProtocol) {
  config_dir.write("config.json", R"({"credsStore":"fake"})");
  std::vector<std::string> seen;
  HelperRunner runner = [&](const std::filesystem::path& program, const std::vector<std::string>& args,
                            std::string_view input) {
    seen.push_back(program.filename().string() + " " + args.at(0) + " " + std::string(input));
    return HelperOutput{0, R"({"Username":"x","Secret":"y"})", ""};
  };
  CredentialStore s(config::load_config_file(config_dir.path()), env(), runner);
  EXPECT_EQ(s.get("localhost:5000").password, "y");
  EXPECT_THAT(seen, ::testing::ElementsAre("docker-credential-fake get localhost:5000"));
}

TEST(CredentialHelperProtocol, ParsesAnswers) {
  auto c = parse_helper_credentials(R"({"ServerURL":"s","Username":"u","Secret":"p"})", "s", "h");
  EXPECT_EQ(c.username, "u");
  EXPECT_EQ(c.password, "p");
  EXPECT_EQ(parse_helper_credentials(R"({"Username":"<token>","Secret":"t"})", "s", "h").identitytoken, "t");
  EXPECT_THROW(parse_helper_credentials("[]", "s", "h"), ConfigError);
  EXPECT_TRUE(is_credentials_not_found("Credentials not found in native keychain\n"));
  EXPECT_FALSE(is_credentials_not_found("credentials not found"));
}

TEST(ProcessRunner, TimesOutAndKillsTheChild) {
  auto run = process_runner(std::chrono::milliseconds(200));
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(run("/bin/sleep", {"10"}, ""), ConfigError);
  // Also while it ignores an input larger than the pipe buffer.
  EXPECT_THROW(run("/bin/sleep", {"10"}, std::string(1 << 20, 'x')), ConfigError);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ProcessRunner, HelperThatIgnoresItsInputDoesNotKillUs) {
  auto out = process_runner()("/bin/true", {}, std::string(1 << 20, 'x'));
  EXPECT_EQ(out.exit_code, 0);
}

TEST(ProcessRunner, FeedsInputAndCollectsBothOutputs) {
  auto out = process_runner()("/bin/sh", {"-c", "cat; echo oops >&2; exit 4"}, std::string(200000, 'y'));
  EXPECT_EQ(out.exit_code, 4);
  EXPECT_EQ(out.out, std::string(200000, 'y'));
  EXPECT_EQ(out.err, "oops\n");
}

}  // namespace
}  // namespace docker::auth
