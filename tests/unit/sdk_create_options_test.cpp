// ContainerOptions without a daemon: port specs (parse and validate), every
// create option written into the body and decoded into the 1.55 model, the
// raw_json merge patch, and what is refused before sending.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "docker/sdk/internal/create_request.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/internal/tcp_probe.hpp"
#include "docker/sdk/ports.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"

namespace {

using docker::sdk::ContainerOptions;
using docker::sdk::PortMapping;
using namespace std::chrono_literals;

// The message of the InvalidInput `f` throws ("" when it throws none).
template <class F>
std::string invalid_argument_of(F&& f) {
  try {
    f();
  } catch (const docker::InvalidInput& e) {
    return e.message();
  }
  return "";
}

TEST(SdkPorts, ParsesTheCliSyntax) {
  auto m = PortMapping::parse("127.0.0.1:8080:80/tcp");
  EXPECT_EQ(m.host_ip, "127.0.0.1");
  EXPECT_EQ(m.host_port, "8080");
  EXPECT_EQ(m.container_port, "80/tcp");
  EXPECT_EQ(m.key(), "80/tcp");

  m = PortMapping::parse("80");
  EXPECT_EQ(m.container_port, "80");
  EXPECT_EQ(m.key(), "80/tcp");
  EXPECT_TRUE(m.host_port.empty());
  EXPECT_TRUE(m.host_ip.empty());

  m = PortMapping::parse("8080:53/udp");
  EXPECT_EQ(m.host_port, "8080");
  EXPECT_EQ(m.key(), "53/udp");

  m = PortMapping::parse("127.0.0.1::80");  // the daemon picks the host port
  EXPECT_EQ(m.host_ip, "127.0.0.1");
  EXPECT_TRUE(m.host_port.empty());

  m = PortMapping::parse("[::1]:9000:9/sctp");
  EXPECT_EQ(m.host_ip, "::1");
  EXPECT_EQ(m.host_port, "9000");
  EXPECT_EQ(m.key(), "9/sctp");
  EXPECT_EQ(m.str(), "[::1]:9000:9/sctp");
}

TEST(SdkPorts, BadSpecsAreInvalidInputNamingTheSpec) {
  for (const char* spec : {"80/xyz", "99999", "0", "abc", "", "8080:", "70000:80", "0:80", "-1", "80/", "1.2.3:80:80",
                           "::1:80:80", "[::1:80:80", "8000-8001:8000-8001", "80 ", "+80"}) {
    auto message = invalid_argument_of([&] { (void)PortMapping::parse(spec); });
    EXPECT_NE(message.find("\"" + std::string(spec) + "\""), std::string::npos)
        << "spec " << spec << ": " << (message.empty() ? "accepted" : message);
  }
  EXPECT_NE(invalid_argument_of([] { (void)PortMapping::parse("80/xyz"); }).find("tcp, udp or sctp"),
            std::string::npos);
}

TEST(SdkPorts, ValidateChecksEachPart) {
  EXPECT_NO_THROW(PortMapping({.container_port = "65535/udp", .host_port = "1", .host_ip = "::"}).validate());
  EXPECT_NE(invalid_argument_of([] {
              PortMapping{.container_port = "80", .host_port = "65536"}.validate();
            }).find("host port \"65536\""),
            std::string::npos);
  EXPECT_NE(invalid_argument_of([] {
              PortMapping{.container_port = "80", .host_ip = "localhost"}.validate();
            }).find("host IP \"localhost\""),
            std::string::npos);
  EXPECT_NE(invalid_argument_of([] { PortMapping{.container_port = "http"}.validate(); }).find("\"http\""),
            std::string::npos);
}

TEST(SdkPorts, BadPortInOptionsIsRefusedBeforeSending) {
  auto doer = std::make_shared<docker::testing::FakeDoer>();
  auto client = std::make_shared<docker::Client>(doer, docker::ApiVersion{1, 55},
                                                 docker::ClientOptions{.pinned_version = docker::ApiVersion{1, 41}});
  docker::v1_55::Docker docker(client);
  ContainerOptions o{.image = "busybox", .ports = {{.container_port = "80/xyz"}}};
  auto message = invalid_argument_of([&] { (void)docker.create(o); });
  EXPECT_NE(message.find("80/xyz"), std::string::npos) << message;
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkCreateOptions, EveryOptionReachesTheModel) {
  ContainerOptions o;
  o.image = "busybox";
  o.entrypoint = {"/bin/sh", "-c"};
  o.env = {"A=1"};
  o.user = "1000:1000";
  o.working_dir = "/tmp";
  o.hostname = "web";
  o.domain_name = "example.test";
  o.health_check = docker::sdk::HealthCheck::shell("test -f /tmp/ready");
  o.health_check->interval = 100ms;
  o.health_check->timeout = 2s;
  o.health_check->retries = 4;
  o.health_check->start_period = 1500ms;
  o.restart_policy = docker::sdk::ContainerRestartPolicy::on_failure(3);
  o.resources = {
      .memory_bytes = 64 << 20, .memory_swap_bytes = 128 << 20, .cpus = 0.5, .cpu_shares = 512, .pids_limit = 100};
  o.mounts = {{.type = "tmpfs", .target = "/scratch", .tmpfs_size_bytes = 1 << 20}};
  o.extra_hosts = {"db:10.0.0.2"};
  o.dns_servers = {"10.0.0.53"};
  o.dns_search = {"example.test"};
  o.dns_options = {"ndots:2"};
  o.cap_add = {"NET_ADMIN"};
  o.cap_drop = {"MKNOD"};
  o.read_only_rootfs = true;
  o.init = true;
  o.stop_signal = "SIGINT";
  o.stop_timeout = 7s;
  o.shm_size_bytes = 32 << 20;
  o.ulimits = {{.name = "nofile", .soft = 1024, .hard = 2048}};
  o.sysctls = {{"net.ipv4.ip_unprivileged_port_start", "0"}};
  o.group_add = {"audio"};
  o.devices = {{.host_path = "/dev/null", .container_path = "/dev/xnull"}};
  o.networks = {{.network = "backend", .aliases = {"api"}}};

  auto body = docker::decode_value<docker::v1_55::ContainerCreateRequest>(docker::sdk::internal::create_json(o));
  EXPECT_EQ(body.Hostname.value(), "web");
  EXPECT_EQ(body.Domainname.value(), "example.test");
  EXPECT_EQ(body.StopSignal.value(), "SIGINT");
  EXPECT_EQ(body.StopTimeout.value(), 7);
  const auto& health = body.Healthcheck.value();
  EXPECT_EQ(health.Test.value(), (std::vector<std::string>{"CMD-SHELL", "test -f /tmp/ready"}));
  EXPECT_EQ(health.Interval.value(), 100'000'000);
  EXPECT_EQ(health.Timeout.value(), 2'000'000'000);
  EXPECT_EQ(health.Retries.value(), 4);
  EXPECT_EQ(health.StartPeriod.value(), 1'500'000'000);
  const auto& host = body.HostConfig.value();
  EXPECT_EQ(host.RestartPolicy->Name->str(), "on-failure");
  EXPECT_EQ(host.RestartPolicy->MaximumRetryCount.value(), 3);
  EXPECT_EQ(host.Memory.value(), 64 << 20);
  EXPECT_EQ(host.MemorySwap.value(), 128 << 20);
  EXPECT_EQ(host.NanoCpus.value(), 500'000'000);
  EXPECT_EQ(host.CpuShares.value(), 512);
  EXPECT_EQ(host.PidsLimit.value(), 100);
  EXPECT_EQ(host.Mounts->at(0).TmpfsOptions->SizeBytes.value(), 1 << 20);
  EXPECT_EQ(host.ExtraHosts.value(), std::vector<std::string>{"db:10.0.0.2"});
  EXPECT_EQ(host.Dns.value(), std::vector<std::string>{"10.0.0.53"});
  EXPECT_EQ(host.DnsSearch.value(), std::vector<std::string>{"example.test"});
  EXPECT_EQ(host.DnsOptions.value(), std::vector<std::string>{"ndots:2"});
  EXPECT_EQ(host.CapAdd.value(), std::vector<std::string>{"NET_ADMIN"});
  EXPECT_EQ(host.CapDrop.value(), std::vector<std::string>{"MKNOD"});
  EXPECT_TRUE(host.ReadonlyRootfs.value());
  EXPECT_TRUE(host.Init.value());
  EXPECT_EQ(host.ShmSize.value(), 32 << 20);
  EXPECT_EQ(host.Ulimits->at(0).Name.value(), "nofile");
  EXPECT_EQ(host.Ulimits->at(0).Hard.value(), 2048);
  EXPECT_EQ(host.Sysctls->at("net.ipv4.ip_unprivileged_port_start"), "0");
  EXPECT_EQ(host.GroupAdd.value(), std::vector<std::string>{"audio"});
  EXPECT_EQ(host.Devices->at(0).PathInContainer.value(), "/dev/xnull");
  EXPECT_EQ(host.Devices->at(0).CgroupPermissions.value(), "rwm");
  EXPECT_EQ(host.NetworkMode.value(), "backend");  // the first network, as `docker run --network`
  EXPECT_EQ(body.NetworkingConfig->EndpointsConfig->at("backend").Aliases.value(), std::vector<std::string>{"api"});
  EXPECT_TRUE(body.unknown_fields->is_null() || body.unknown_fields->empty()) << body.unknown_fields->dump();
  EXPECT_TRUE(host.unknown_fields->is_null() || host.unknown_fields->empty()) << host.unknown_fields->dump();
}

TEST(SdkCreateOptions, RestartPolicyNames) {
  using docker::sdk::ContainerRestartPolicy;
  using docker::sdk::internal::create_json;
  auto name = [](ContainerRestartPolicy p) {
    return create_json({.image = "b", .restart_policy = p})["HostConfig"]["RestartPolicy"];
  };
  EXPECT_EQ(name(ContainerRestartPolicy::never())["Name"], "no");
  EXPECT_EQ(name(ContainerRestartPolicy::always())["Name"], "always");
  EXPECT_EQ(name(ContainerRestartPolicy::unless_stopped())["Name"], "unless-stopped");
  EXPECT_FALSE(name(ContainerRestartPolicy::always()).contains("MaximumRetryCount"));
  EXPECT_EQ(name(ContainerRestartPolicy::on_failure(2))["MaximumRetryCount"], 2);
}

TEST(SdkCreateOptions, RawJsonIsMergedAsAPatch) {
  ContainerOptions o{.image = "busybox", .cmd = {"true"}, .labels = {{"a", "1"}, {"b", "2"}}, .privileged = true};
  o.raw_json = R"({"HostConfig": {"OomScoreAdj": 500, "Privileged": null}, "Labels": {"b": null, "c": "3"},
                   "Cmd": ["sleep", "1"], "SomethingNew": {"x": 1}})";
  auto j = docker::sdk::internal::create_json(o);
  EXPECT_EQ(j["HostConfig"]["OomScoreAdj"], 500);
  EXPECT_FALSE(j["HostConfig"].contains("Privileged"));  // null removes
  EXPECT_EQ(j["Labels"], (nlohmann::json{{"a", "1"}, {"c", "3"}}));
  EXPECT_EQ(j["Cmd"], (nlohmann::json{"sleep", "1"}));  // arrays are replaced
  // A member the model lacks is still sent (kept as an unknown field).
  auto body = docker::decode_value<docker::v1_55::ContainerCreateRequest>(j);
  EXPECT_EQ((*body.unknown_fields)["SomethingNew"]["x"], 1);
  EXPECT_EQ(body.HostConfig->OomScoreAdj.value(), 500);
}

TEST(SdkCreateOptions, BadRawJsonIsRefusedBeforeSending) {
  auto doer = std::make_shared<docker::testing::FakeDoer>();
  auto client = std::make_shared<docker::Client>(doer, docker::ApiVersion{1, 55},
                                                 docker::ClientOptions{.pinned_version = docker::ApiVersion{1, 41}});
  docker::v1_55::Docker docker(client);
  for (const char* raw : {"{not json", "[1, 2]", "42", R"({"HostConfig": {"Memory": "lots"}})"}) {
    ContainerOptions o{.image = "busybox"};
    o.raw_json = raw;
    auto message = invalid_argument_of([&] { (void)docker.create(o); });
    EXPECT_NE(message.find("raw_json"), std::string::npos) << raw << ": " << message;
  }
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkCreateOptions, OtherBadOptionsAreRefused) {
  using docker::sdk::internal::create_json;
  EXPECT_NE(
      invalid_argument_of([] { (void)create_json({.image = "b", .resources = {.cpus = -1}}); }).find("Resources::cpus"),
      std::string::npos);
  EXPECT_NE(invalid_argument_of([] {
              (void)create_json({.image = "b", .health_check = docker::sdk::HealthCheck{}});
            }).find("HealthCheck::test"),
            std::string::npos);
  EXPECT_NE(invalid_argument_of([] {
              (void)create_json(
                  {.image = "b", .mounts = {{.type = "bind", .source = "/x", .target = "/y", .tmpfs_size_bytes = 1}}});
            }).find("tmpfs_size_bytes"),
            std::string::npos);
}

TEST(SdkCreateOptions, OptionsANegotiatedVersionLacksAreVersionErrors) {
  // init is in the bindings from 1.37, platform from 1.41: a daemon pinned
  // lower must refuse them rather than have the encoder leave them out.
  auto doer = std::make_shared<docker::testing::FakeDoer>();
  auto client = std::make_shared<docker::Client>(doer, docker::ApiVersion{1, 55},
                                                 docker::ClientOptions{.pinned_version = docker::ApiVersion{1, 30}});
  docker::v1_55::Docker docker(client);
  EXPECT_THROW((void)docker.create({.image = "b", .init = true}), docker::VersionError);
  EXPECT_THROW((void)docker.create({.image = "b", .platform = "linux/amd64"}), docker::VersionError);
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkTcpProbe, WildcardBindingsAreReachedThroughLoopback) {
  EXPECT_EQ(docker::sdk::internal::probe_address("0.0.0.0"), "127.0.0.1");
  EXPECT_EQ(docker::sdk::internal::probe_address("::"), "::1");
  EXPECT_EQ(docker::sdk::internal::probe_address("127.0.0.2"), "127.0.0.2");
}

}  // namespace
