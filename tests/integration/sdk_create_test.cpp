// Every ContainerOptions field reaching the daemon: one container created
// with all of them, each checked in inspect (Config / HostConfig /
// NetworkSettings); the raw_json escape hatch; the platform query; network
// aliases resolving between containers; the daemon's errors for options it
// refuses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sdk_test_fixture.hpp"
#include "server_differences.hpp"

using docker::sdk::ContainerRestartPolicy;
using docker::sdk::HealthCheck;
using namespace std::chrono_literals;

namespace {

class SdkCreate : public sdk_test::SdkFixture {
 protected:
  void TearDown() override {
    sdk_test::SdkFixture::TearDown();
    for (auto& id : networks_) {
      try {
        docker::v1_55::NetworkApi(docker().client()).network_delete({.id = id});
      } catch (const docker::Error&) {
      }
    }
    std::error_code ignored;
    if (!bind_dir_.empty()) std::filesystem::remove_all(bind_dir_, ignored);
  }

  /// A labelled user network (aliases need one: the default bridge has none).
  std::string create_network() {
    auto name = docker::testing::unique_name("net");
    docker::v1_55::NetworkCreateRequest request;
    request.Name = name;
    request.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "sdk"}};
    docker::v1_55::NetworkApi(docker().client()).network_create({.network_config = request});
    networks_.push_back(name);
    return name;
  }

  /// A host folder for a bind mount (the daemon runs on this host).
  std::string bind_dir() {
    bind_dir_ = (std::filesystem::temp_directory_path() / docker::testing::unique_name("bind")).string();
    std::filesystem::create_directories(bind_dir_);
    return bind_dir_;
  }

  std::vector<std::string> networks_;
  std::string bind_dir_;
};

TEST_F(SdkCreate, EveryOptionShowsInInspect) {
  SKIP_ON_PODMAN("500 \"container-init binary not found on the host: stat /usr/libexec/podman/catatonit\" for init");
  auto network = create_network();
  auto source = bind_dir();
  auto o = busybox({"sleep 60"});
  o.network_mode.reset();
  o.entrypoint = {"/bin/sh", "-c"};
  o.env = {"GREETING=hi"};
  o.user = "1000:1000";
  o.working_dir = "/work";
  o.labels["org.docker-cpp.extra"] = "yes";
  o.hostname = "web";
  o.domain_name = "example.test";
  o.health_check = HealthCheck::shell("test -f /tmp/ready");
  o.health_check->interval = 250ms;
  o.health_check->timeout = 2s;
  o.health_check->retries = 4;
  o.health_check->start_period = 1500ms;
  o.restart_policy = ContainerRestartPolicy::on_failure(3);
  o.resources = {
      .memory_bytes = 64 << 20, .memory_swap_bytes = 128 << 20, .cpus = 0.5, .cpu_shares = 512, .pids_limit = 100};
  o.mounts = {{.type = "bind", .source = source, .target = "/host", .read_only = true},
              {.type = "volume", .target = "/data"},
              {.type = "tmpfs", .target = "/scratch", .tmpfs_size_bytes = 1 << 20}};
  o.extra_hosts = {"db.example.test:10.0.0.2"};
  o.dns_servers = {"10.0.0.53"};
  o.dns_search = {"example.test"};
  o.dns_options = {"ndots:2"};
  o.cap_add = {"NET_ADMIN"};
  o.cap_drop = {"MKNOD"};
  o.privileged = true;
  o.read_only_rootfs = true;
  o.init = true;
  o.stop_signal = "SIGINT";
  o.stop_timeout = 7s;
  o.platform = "linux";
  o.networks = {{.network = network, .aliases = {"api", "api-v2"}}};
  o.shm_size_bytes = 32 << 20;
  o.ulimits = {{.name = "nofile", .soft = 1024, .hard = 2048}};
  o.sysctls = {{"net.ipv4.ip_unprivileged_port_start", "0"}};
  o.group_add = {"audio"};
  o.devices = {{.host_path = "/dev/null", .container_path = "/dev/xnull", .cgroup_permissions = "rw"}};
  o.raw_json = R"({"HostConfig": {"OomScoreAdj": 321}})";
  auto c = create(o);
  nlohmann::json info = c.inspect();
  const auto& config = info["Config"];
  const auto& host = info["HostConfig"];

  EXPECT_EQ(config["Entrypoint"], (nlohmann::json{"/bin/sh", "-c"}));
  EXPECT_EQ(config["Cmd"], (nlohmann::json{"sleep 60"}));
  EXPECT_EQ(config["Env"][0], "GREETING=hi") << config["Env"].dump();
  EXPECT_EQ(config["User"], "1000:1000");
  EXPECT_EQ(config["WorkingDir"], "/work");
  EXPECT_EQ(config["Labels"]["org.docker-cpp.extra"], "yes");
  EXPECT_EQ(config["Hostname"], "web");
  EXPECT_EQ(config["Domainname"], "example.test");
  EXPECT_EQ(config["Healthcheck"], (nlohmann::json{{"Test", {"CMD-SHELL", "test -f /tmp/ready"}},
                                                   {"Interval", 250'000'000},
                                                   {"Timeout", 2'000'000'000},
                                                   {"Retries", 4},
                                                   {"StartPeriod", 1'500'000'000}}));
  EXPECT_EQ(config["StopSignal"], "SIGINT");
  EXPECT_EQ(config["StopTimeout"], 7);

  EXPECT_EQ(host["RestartPolicy"], (nlohmann::json{{"Name", "on-failure"}, {"MaximumRetryCount", 3}}));
  EXPECT_EQ(host["Memory"], 64 << 20);
  EXPECT_EQ(host["MemorySwap"], 128 << 20);
  EXPECT_EQ(host["NanoCpus"], 500'000'000);
  EXPECT_EQ(host["CpuShares"], 512);
  EXPECT_EQ(host["PidsLimit"], 100);
  ASSERT_EQ(host["Mounts"].size(), 3u) << host["Mounts"].dump();
  EXPECT_EQ(host["Mounts"][0]["Type"], "bind");
  EXPECT_EQ(host["Mounts"][0]["Source"], source);
  EXPECT_EQ(host["Mounts"][0]["ReadOnly"], true);
  EXPECT_EQ(host["Mounts"][1]["Type"], "volume");
  EXPECT_EQ(host["Mounts"][1]["Target"], "/data");
  EXPECT_EQ(host["Mounts"][2]["Type"], "tmpfs");
  EXPECT_EQ(host["Mounts"][2]["TmpfsOptions"]["SizeBytes"], 1 << 20);
  EXPECT_EQ(host["ExtraHosts"], (nlohmann::json{"db.example.test:10.0.0.2"}));
  EXPECT_EQ(host["Dns"], (nlohmann::json{"10.0.0.53"}));
  EXPECT_EQ(host["DnsSearch"], (nlohmann::json{"example.test"}));
  EXPECT_EQ(host["DnsOptions"], (nlohmann::json{"ndots:2"}));
  EXPECT_EQ(host["CapAdd"], (nlohmann::json{"NET_ADMIN"}));
  EXPECT_EQ(host["CapDrop"], (nlohmann::json{"MKNOD"}));
  EXPECT_EQ(host["Privileged"], true);
  EXPECT_EQ(host["ReadonlyRootfs"], true);
  EXPECT_EQ(host["Init"], true);
  EXPECT_EQ(host["NetworkMode"], network);
  EXPECT_EQ(host["ShmSize"], 32 << 20);
  EXPECT_EQ(host["Ulimits"], (nlohmann::json{{{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 2048}}}));
  EXPECT_EQ(host["Sysctls"], (nlohmann::json{{"net.ipv4.ip_unprivileged_port_start", "0"}}));
  EXPECT_EQ(host["GroupAdd"], (nlohmann::json{"audio"}));
  EXPECT_EQ(
      host["Devices"],
      (nlohmann::json{{{"PathOnHost", "/dev/null"}, {"PathInContainer", "/dev/xnull"}, {"CgroupPermissions", "rw"}}}));
  EXPECT_EQ(host["OomScoreAdj"], 321);  // raw_json
  EXPECT_EQ(info["Platform"], "linux");
  const auto& endpoint = info["NetworkSettings"]["Networks"][network];
  ASSERT_TRUE(endpoint.is_object()) << info["NetworkSettings"].dump();
  auto aliases = endpoint["Aliases"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "api"), aliases.end()) << endpoint.dump();
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "api-v2"), aliases.end()) << endpoint.dump();

  // The anonymous volume goes with the container.
  c.remove({.force = true, .volumes = true});
}

TEST_F(SdkCreate, AutoRemoveAndRestartPoliciesReachTheDaemon) {
  auto o = busybox({"true"});
  o.auto_remove = true;
  nlohmann::json info = create(o).inspect();
  EXPECT_EQ(info["HostConfig"]["AutoRemove"], true);
  for (auto [policy, name] : {std::pair{ContainerRestartPolicy::always(), "always"},
                              std::pair{ContainerRestartPolicy::unless_stopped(), "unless-stopped"},
                              std::pair{ContainerRestartPolicy::never(), "no"}}) {
    auto r = busybox({"true"});
    r.restart_policy = policy;
    nlohmann::json restarted = create(r).inspect();
    EXPECT_EQ(restarted["HostConfig"]["RestartPolicy"]["Name"], name);
  }
}

TEST_F(SdkCreate, NetworkAliasesResolveFromAnotherContainer) {
  auto network = create_network();
  auto server = busybox({"sh", "-c",
                         "mkdir -p /www && echo served-by-alias > /www/index.html && "
                         "exec httpd -f -p 80 -h /www"});
  server.network_mode.reset();
  server.networks = {{.network = network, .aliases = {"web-alias"}}};
  auto s = create(server);
  s.start();
  auto client = busybox({"sh", "-c",
                         "for i in $(seq 50); do wget -q -O - http://web-alias/ && exit 0; sleep 0.1; "
                         "done; exit 1"});
  client.network_mode = network;
  auto c = create(client);
  auto attached = c.attach();
  c.start();
  auto out = attached.read_all();
  EXPECT_EQ(c.wait().exit_code, 0) << out.err;
  EXPECT_EQ(out.out, "served-by-alias\n") << out.err;
}

TEST_F(SdkCreate, PlatformIsSentAsAQueryParameter) {
  SKIP_ON_PODMAN("creates the container whatever the platform asked for");
  // The test image is linux/amd64-or-host only: asking for another platform
  // makes the daemon look for an image it does not have.
  auto o = busybox({"true"});
  o.platform = "linux/s390x";
  EXPECT_THROW((void)create(o), docker::NotFound);
}

TEST_F(SdkCreate, OptionsTheDaemonRefuses) {
  SKIP_ON_PODMAN(
      "500 for auto-remove with a restart policy; accepts a 100 us health interval, 1 MiB of memory and "
      "two networks; 500 \"unable to find network\" at create");
  // dockerd 20.10's answers, as the README lists them.
  auto conflicting = busybox({"true"});
  conflicting.auto_remove = true;
  conflicting.restart_policy = ContainerRestartPolicy::always();
  EXPECT_THROW((void)create(conflicting), docker::InvalidArgument);

  auto short_interval = busybox({"true"});
  short_interval.health_check = HealthCheck::shell("true");
  short_interval.health_check->interval = 100us;
  EXPECT_THROW((void)create(short_interval), docker::InvalidArgument);

  auto tiny_memory = busybox({"true"});
  tiny_memory.resources.memory_bytes = 1 << 20;
  EXPECT_THROW((void)create(tiny_memory), docker::InvalidArgument);

  // Before API 1.44 a container joins one network at create.
  auto two_networks = busybox({"true"});
  two_networks.network_mode.reset();
  two_networks.networks = {{.network = create_network()}, {.network = create_network()}};
  EXPECT_THROW((void)create(two_networks), docker::InvalidArgument);

  // A network that does not exist is found missing at start, not at create.
  auto missing_network = busybox({"true"});
  missing_network.network_mode.reset();
  missing_network.networks = {{.network = docker::testing::unique_name("no-such-net")}};
  auto c = create(missing_network);
  EXPECT_THROW(c.start(), docker::NotFound);
}

TEST_F(SdkCreate, BadLocalOptionsSendNothing) {
  auto bad_raw = busybox({"true"});
  bad_raw.raw_json = "{\"HostConfig\": ";
  EXPECT_THROW((void)create(bad_raw), docker::InvalidInput);
  auto bad_port = busybox({"true"});
  bad_port.ports = {{.container_port = "99999"}};
  EXPECT_THROW((void)create(bad_port), docker::InvalidInput);
  // Neither reached the daemon: no container with those names.
  EXPECT_TRUE(docker().list(true, {{"name", {"^/" + *bad_raw.name + "$"}}}).empty());
  EXPECT_TRUE(docker().list(true, {{"name", {"^/" + *bad_port.name + "$"}}}).empty());
}

}  // namespace
