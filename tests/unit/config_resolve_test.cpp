#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "docker/config/config_file.hpp"
#include "docker/config/context_store.hpp"
#include "docker/config/endpoint.hpp"
#include "docker/errors.hpp"
#include "support/temp_dir.hpp"

namespace docker::config {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;
using Env = std::map<std::string, std::string, std::less<>>;

class ResolveEndpoint : public ::testing::Test {
 protected:
  TempDir home;

  std::filesystem::path config() const { return home / ".docker"; }

  ResolveOptions options(Env env) const {
    env.emplace("HOME", home.path().string());
    ResolveOptions o;
    o.env = fixed_environment(std::move(env));
    return o;
  }

  void add_context(const std::string& name, const std::string& host, bool skip_verify = false,
                   bool with_tls_files = false) const {
    auto id = context_directory_name(name);
    home.write(".docker/contexts/meta/" + id + "/meta.json",
               R"({"Name":")" + name + R"(","Metadata":{"Description":"test"},"Endpoints":{"docker":{"Host":")" + host +
                   R"(","SkipTLSVerify":)" + (skip_verify ? "true" : "false") + "}}}");
    if (with_tls_files)
      for (auto file : {"ca.pem", "cert.pem", "key.pem"})
        home.write(".docker/contexts/tls/" + id + "/docker/" + file, "PEM");
  }

  void set_current_context(const std::string& name) const {
    home.write(".docker/config.json", R"({"auths":{},"currentContext":")" + name + R"("})");
  }

  std::string error_of(const ResolveOptions& o) const {
    try {
      resolve_endpoint(o);
    } catch (const ConfigError& e) {
      return e.message();
    }
    return "no error";
  }
};

TEST_F(ResolveEndpoint, DefaultIsTheUnixSocket) {
  auto e = resolve_endpoint(options({}));
  EXPECT_EQ(e.url(), "unix:///var/run/docker.sock");
  EXPECT_EQ(e.source, "default");
  EXPECT_EQ(e.context, "default");
  EXPECT_FALSE(e.tls);
}

TEST_F(ResolveEndpoint, EachSourceInOrder) {
  add_context("ctx-option", "tcp://from-context-option:1");
  add_context("ctx-env", "tcp://from-docker-context:2");
  add_context("ctx-file", "tcp://from-config-file:3");
  set_current_context("ctx-file");

  EXPECT_EQ(resolve_endpoint(options({})).url(), "tcp://from-config-file:3");
  EXPECT_EQ(resolve_endpoint(options({})).source, "context \"ctx-file\"");

  Env env{{"DOCKER_CONTEXT", "ctx-env"}};
  EXPECT_EQ(resolve_endpoint(options(env)).url(), "tcp://from-docker-context:2");

  auto o = options(env);
  o.context = "ctx-option";
  EXPECT_EQ(resolve_endpoint(o).url(), "tcp://from-context-option:1");

  env["DOCKER_HOST"] = "tcp://from-docker-host:4";
  auto with_host = resolve_endpoint(options(env));
  EXPECT_EQ(with_host.url(), "tcp://from-docker-host:4");
  EXPECT_EQ(with_host.source, "DOCKER_HOST");
  EXPECT_EQ(with_host.context, "default");

  o = options(env);  // an explicit context option beats DOCKER_HOST, as in the CLI
  o.context = "ctx-option";
  EXPECT_EQ(resolve_endpoint(o).url(), "tcp://from-context-option:1");
  o.context = "default";  // …and "default" means the environment
  EXPECT_EQ(resolve_endpoint(o).url(), "tcp://from-docker-host:4");

  o = options(env);
  o.host = "tcp://from-option:5";
  EXPECT_EQ(resolve_endpoint(o).url(), "tcp://from-option:5");
  EXPECT_EQ(resolve_endpoint(o).source, "host option");
}

TEST_F(ResolveEndpoint, EmptyVariablesCountAsUnset) {
  EXPECT_EQ(resolve_endpoint(options({{"DOCKER_HOST", ""}, {"DOCKER_CONTEXT", ""}})).url(),
            "unix:///var/run/docker.sock");
}

TEST_F(ResolveEndpoint, DefaultContextNameMeansTheEnvironment) {
  set_current_context("ctx-missing-but-unused");
  EXPECT_EQ(resolve_endpoint(options({{"DOCKER_CONTEXT", "default"}})).url(), "unix:///var/run/docker.sock");
}

TEST_F(ResolveEndpoint, HostAndContextOptionsConflict) {
  auto o = options({});
  o.host = "tcp://a:1";
  o.context = "b";
  EXPECT_THAT(error_of(o), HasSubstr("conflicting options"));
}

TEST_F(ResolveEndpoint, MissingContextIsAClearError) {
  EXPECT_THAT(error_of(options({{"DOCKER_CONTEXT", "nope"}})),
              HasSubstr("context \"nope\" (from DOCKER_CONTEXT) not found"));
  set_current_context("gone");
  auto message = error_of(options({}));
  EXPECT_THAT(message, HasSubstr("context \"gone\" (from "));
  EXPECT_THAT(message, HasSubstr("config.json) not found"));
}

TEST_F(ResolveEndpoint, MalformedContextHostNamesTheContext) {
  add_context("bad", "tcp://:abc");
  EXPECT_EQ(error_of(options({{"DOCKER_CONTEXT", "bad"}})),
            "Host of context \"bad\" \"tcp://:abc\": invalid port \"abc\"");
}

TEST_F(ResolveEndpoint, MalformedConfigFileNamesIt) {
  home.write(".docker/config.json", "{not json");
  auto message = error_of(options({}));
  EXPECT_THAT(message, HasSubstr((config() / "config.json").string()));
  EXPECT_THAT(message, HasSubstr("not valid JSON"));
}

TEST_F(ResolveEndpoint, DockerConfigOverridesHome) {
  TempDir other;
  auto id = context_directory_name("elsewhere");
  other.write("contexts/meta/" + id + "/meta.json",
              R"({"Name":"elsewhere","Endpoints":{"docker":{"Host":"unix:///elsewhere.sock"}}})");
  other.write("config.json", R"({"currentContext":"elsewhere"})");
  EXPECT_EQ(resolve_endpoint(options({{"DOCKER_CONFIG", other.path().string()}})).url(), "unix:///elsewhere.sock");
}

TEST_F(ResolveEndpoint, ContextWithTlsMaterial) {
  add_context("secure", "tcp://secure.example.com", false, true);
  auto e = resolve_endpoint(options({{"DOCKER_CONTEXT", "secure"}}));
  EXPECT_EQ(e.url(), "tcp://secure.example.com:2376");
  EXPECT_EQ(e.context, "secure");
  ASSERT_TRUE(e.tls);
  EXPECT_TRUE(e.tls->verify);
  auto dir = config() / "contexts" / "tls" / context_directory_name("secure") / "docker";
  EXPECT_EQ(e.tls->ca.file, dir / "ca.pem");
  EXPECT_EQ(e.tls->cert.file, dir / "cert.pem");
  EXPECT_EQ(e.tls->key.file, dir / "key.pem");
}

TEST_F(ResolveEndpoint, ContextSkipTlsVerifyAloneStillMeansTls) {
  add_context("insecure", "tcp://h:1", true);
  auto e = resolve_endpoint(options({{"DOCKER_CONTEXT", "insecure"}}));
  ASSERT_TRUE(e.tls);
  EXPECT_FALSE(e.tls->verify);
  EXPECT_TRUE(e.tls->ca.empty());
}

TEST_F(ResolveEndpoint, PlainContextHasNoTls) {
  add_context("plain", "tcp://h:1");
  EXPECT_FALSE(resolve_endpoint(options({{"DOCKER_CONTEXT", "plain"}})).tls);
}

TEST_F(ResolveEndpoint, SshContextGetsTheExtraArguments) {
  add_context("remote", "ssh://me@box");
  auto o = options({{"DOCKER_CONTEXT", "remote"}});
  o.ssh_args = {"-i", "/key"};
  auto e = resolve_endpoint(o);
  ASSERT_EQ(e.scheme(), Scheme::ssh);
  EXPECT_THAT(std::get<SshAddress>(e.address).command_args(),
              ::testing::ElementsAre("-i", "/key", "-l", "me", "--", "box", "docker", "system", "dial-stdio"));
}

TEST_F(ResolveEndpoint, TlsVerifyFromTheEnvironment) {
  TempDir certs;
  for (auto file : {"ca.pem", "cert.pem", "key.pem"}) certs.write(file, "PEM");
  auto e = resolve_endpoint(
      options({{"DOCKER_HOST", "tcp://h"}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", certs.path().string()}}));
  EXPECT_EQ(e.url(), "tcp://h:2376");
  ASSERT_TRUE(e.tls);
  EXPECT_TRUE(e.tls->verify);
  EXPECT_EQ(e.tls->ca.file, certs / "ca.pem");
  EXPECT_EQ(e.tls->cert.file, certs / "cert.pem");
  EXPECT_EQ(e.tls->key.file, certs / "key.pem");
}

TEST_F(ResolveEndpoint, TlsVerifyWithoutHostUsesTheTlsDefault) {
  home.write(".docker/ca.pem", "PEM");  // DOCKER_CERT_PATH defaults to ~/.docker
  auto e = resolve_endpoint(options({{"DOCKER_TLS_VERIFY", "1"}}));
  EXPECT_EQ(e.url(), "tcp://localhost:2376");
  ASSERT_TRUE(e.tls);
  EXPECT_EQ(e.tls->ca.file, config() / "ca.pem");
  EXPECT_TRUE(e.tls->cert.empty());  // no client certificate: none used
}

TEST_F(ResolveEndpoint, TlsWithoutVerify) {
  auto e = resolve_endpoint(options({{"DOCKER_HOST", "tcp://h:9"}, {"DOCKER_TLS", "1"}}));
  ASSERT_TRUE(e.tls);
  EXPECT_FALSE(e.tls->verify);
  EXPECT_TRUE(e.tls->ca.empty());
}

TEST_F(ResolveEndpoint, TlsIsIgnoredForUnixAndSsh) {
  EXPECT_FALSE(resolve_endpoint(options({{"DOCKER_HOST", "unix:///x.sock"}, {"DOCKER_TLS", "1"}})).tls);
  EXPECT_FALSE(resolve_endpoint(options({{"DOCKER_HOST", "ssh://box"}, {"DOCKER_TLS", "1"}})).tls);
}

TEST_F(ResolveEndpoint, TlsMaterialProblemsAreClear) {
  EXPECT_THAT(error_of(options({{"DOCKER_HOST", "tcp://h"}, {"DOCKER_TLS_VERIFY", "1"}})), HasSubstr("has no ca.pem"));
  EXPECT_THAT(
      error_of(options({{"DOCKER_HOST", "tcp://h"}, {"DOCKER_TLS", "1"}, {"DOCKER_CERT_PATH", "/nonexistent"}})),
      HasSubstr("DOCKER_CERT_PATH=/nonexistent: not a directory"));
  TempDir half;
  half.write("cert.pem", "PEM");
  EXPECT_THAT(
      error_of(options({{"DOCKER_HOST", "tcp://h"}, {"DOCKER_TLS", "1"}, {"DOCKER_CERT_PATH", half.path().string()}})),
      HasSubstr("cert.pem without key.pem"));
}

TEST_F(ResolveEndpoint, MalformedDockerHost) {
  EXPECT_EQ(error_of(options({{"DOCKER_HOST", "tcp://:abc"}})), "DOCKER_HOST=tcp://:abc: invalid port \"abc\"");
}

TEST(LoadPem, ContentsOrFile) {
  TempDir dir;
  auto file = dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  EXPECT_EQ(load_pem(PemSource{file, {}}, "CA certificate"), "-----BEGIN CERTIFICATE-----\n");
  EXPECT_EQ(load_pem(PemSource{{}, "inline"}, "CA certificate"), "inline");
  EXPECT_EQ(load_pem(PemSource{}, "CA certificate"), "");
  try {
    load_pem(PemSource{dir / "missing.pem", {}}, "CA certificate");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.message(), HasSubstr("cannot read CA certificate " + (dir / "missing.pem").string()));
  }
}

TEST(ResolveApiVersion, FromTheEnvironment) {
  EXPECT_FALSE(resolve_api_version(fixed_environment({})));
  EXPECT_FALSE(resolve_api_version(fixed_environment({{"DOCKER_API_VERSION", ""}})));
  auto v = resolve_api_version(fixed_environment({{"DOCKER_API_VERSION", "1.41"}}));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, (ApiVersion{1, 41}));
  try {
    resolve_api_version(fixed_environment({{"DOCKER_API_VERSION", "latest"}}));
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.message(), HasSubstr("DOCKER_API_VERSION=latest: "));
  }
}

TEST(ContextStore, DirectoryNameIsTheSha256OfTheName) {
  EXPECT_EQ(context_directory_name("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ContextStore, ParsesMetadata) {
  auto c = parse_context_meta(
      R"({"Name":"prod","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://p:2376","SkipTLSVerify":true}}})", "m.json");
  EXPECT_EQ(c.name, "prod");
  EXPECT_EQ(c.host, "tcp://p:2376");
  EXPECT_TRUE(c.skip_tls_verify);
  EXPECT_THROW(parse_context_meta(R"({"Name":"x","Endpoints":{}})", "m.json"), ConfigError);
  EXPECT_THROW(parse_context_meta("[", "m.json"), ConfigError);
}

TEST(Environment, ConfigDir) {
  EXPECT_EQ(config_dir(fixed_environment({{"HOME", "/home/u"}})), std::filesystem::path("/home/u/.docker"));
  EXPECT_EQ(config_dir(fixed_environment({{"HOME", "/home/u"}, {"DOCKER_CONFIG", "/etc/dc"}})),
            std::filesystem::path("/etc/dc"));
  EXPECT_THROW(config_dir(fixed_environment({})), ConfigError);
}

}  // namespace
}  // namespace docker::config
