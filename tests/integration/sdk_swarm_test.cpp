// Swarm mode through the layer against the daemon: the suite turns it into a
// single-node swarm (advertised on 127.0.0.1) and leaves swarm mode at the
// end, so that other tests see a daemon as before. Services, tasks, secrets,
// configs and the node, and the typed error of each bad input.
//
// Only a daemon that is in no swarm is used: one that already is belongs to
// someone else, and the suite skips rather than change it.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "docker/auth/base64.hpp"
#include "docker/hooks.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "sdk_test_fixture.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace {

using Api = docker::v1_55::Api;
using Docker = docker::sdk::Docker<Api>;
using docker::sdk::ServiceOptions;
using docker::sdk::TaskSummary;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// The value of the test label on everything this suite creates.
constexpr const char* kSuiteLabel = "sdk-swarm";
/// The swarm's address pool: away from the bridge's 172.17/16 and the host's networks.
constexpr const char* kAddrPool = "10.213.0.0/16";

std::string ms_since(Clock::time_point t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count()) + " ms";
}

/// Polls `done` until it holds or `limit` passes; returns whether it held.
bool eventually(const std::function<bool()>& done, Clock::duration limit) {
  auto give_up = Clock::now() + limit;
  for (;;) {
    if (done()) return true;
    if (Clock::now() >= give_up) return false;
    std::this_thread::sleep_for(200ms);
  }
}

/// GET / over a plain TCP socket to 127.0.0.1:port; "" when nothing answers.
std::string http_get_local(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    std::string request = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return got;
}

class SdkSwarm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_started_ = Clock::now();
    if (!std::getenv("DOCKER_HOST") || docker::testing::server_is_podman()) return;
    docker_.emplace(std::shared_ptr<docker::Client>(docker::testing::client_from_env(Api::version)));
    try {
      (void)docker_->swarm().inspect();
      skip_reason_ = "the daemon is already part of a swarm (not this suite's to change)";
      return;
    } catch (const docker::Unavailable&) {
      // 503 "This node is not a swarm manager": in no swarm, as wanted.
    }
    try {
      Api::NetworkApi(docker_->client()).network_inspect({.id = "docker_gwbridge"});
      gwbridge_existed_ = true;
    } catch (const docker::NotFound&) {
    }
    auto t = Clock::now();
    node_id_ = docker_->swarm().init({.advertise_addr = "127.0.0.1",
                                      .listen_addr = "127.0.0.1:2377",
                                      .default_addr_pool = {kAddrPool},
                                      .subnet_size = 24});
    in_swarm_ = true;
    std::cout << "[ swarm    ] init: " << ms_since(t) << "\n";
  }

  static void TearDownTestSuite() {
    if (!in_swarm_) return;
    auto t = Clock::now();
    try {
      // Leaving removes the services; their containers go with the tasks.
      docker_->swarm().leave(/*force=*/true);
    } catch (const docker::Error& e) {
      std::cerr << "swarm leave failed: " << e.what() << "\n";
    }
    std::cout << "[ swarm    ] leave: " << ms_since(t) << "\n";
    // Task containers left behind (they carry the suite's label), then the
    // bridge swarm made for them, unless it was there before.
    eventually(
        [] {
          auto left = docker_->list(true, {{"label", {std::string(docker::testing::kTestLabel) + "=" + kSuiteLabel}}});
          for (const auto& c : left) {
            try {
              docker_->container(c.Id.value()).remove({.force = true});
            } catch (const docker::Error&) {
            }
          }
          return left.empty();
        },
        20s);
    if (!gwbridge_existed_) {
      try {
        Api::NetworkApi(docker_->client()).network_delete({.id = "docker_gwbridge"});
      } catch (const docker::Error& e) {
        if (!dynamic_cast<const docker::NotFound*>(&e)) std::cerr << "docker_gwbridge: " << e.what() << "\n";
      }
    }
    in_swarm_ = false;
    std::cout << "[ swarm    ] suite: " << ms_since(suite_started_) << "\n";
  }

  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    SKIP_ON_PODMAN("no swarm mode: /swarm, /services, /nodes answer 404 \"Not Found\"");
    if (!in_swarm_) GTEST_SKIP() << skip_reason_;
  }

  void TearDown() override {
    if (!in_swarm_) return;
    for (const auto& id : services_) try_remove([&] { docker().services().remove(id); });
    for (const auto& id : secrets_) try_remove([&] { docker().secrets().remove(id); });
    for (const auto& id : configs_) try_remove([&] { docker().configs().remove(id); });
  }

  static void try_remove(const std::function<void()>& remove) {
    // A service's tasks let go of its secrets a moment after it is removed.
    eventually(
        [&] {
          try {
            remove();
            return true;
          } catch (const docker::NotFound&) {
            return true;
          } catch (const docker::Error&) {
            return false;
          }
        },
        15s);
  }

  Docker& docker() { return *docker_; }
  /// The same Docker, its calls (and waits) bounded by `limit`.
  Docker within(Clock::duration limit) { return docker_->with(docker::CallOptions::timeout(limit)); }

  /// A busybox service running `cmd`, labelled, quick to stop (busybox sh as
  /// PID 1 ignores SIGTERM).
  static ServiceOptions busybox(std::vector<std::string> cmd, std::uint64_t replicas = 1) {
    ServiceOptions o;
    o.name = docker::testing::unique_name("swarm");
    o.image = std::string(docker::testing::kBusybox);
    o.cmd = std::move(cmd);
    o.replicas = replicas;
    o.labels[std::string(docker::testing::kTestLabel)] = kSuiteLabel;
    o.container_labels[std::string(docker::testing::kTestLabel)] = kSuiteLabel;
    o.stop_grace_period = 1s;
    return o;
  }

  std::string create(const ServiceOptions& o) {
    auto id = docker().services().create(o);
    services_.push_back(id);
    return id;
  }
  std::string create_secret(const docker::sdk::SecretOptions& o) {
    auto id = docker().secrets().create(o);
    secrets_.push_back(id);
    return id;
  }
  std::string create_config(const docker::sdk::ConfigOptions& o) {
    auto id = docker().configs().create(o);
    configs_.push_back(id);
    return id;
  }

  std::vector<TaskSummary> wait_running(const std::string& service, std::size_t n, Clock::duration limit = 60s) {
    return within(limit).tasks().wait_running(service, n);
  }

  nlohmann::json service_spec(const std::string& id) {
    nlohmann::json j = docker().services().inspect(id);
    return j.at("Spec");
  }

  static inline Clock::time_point suite_started_{};
  static inline std::optional<Docker> docker_{};
  static inline bool in_swarm_ = false;
  static inline bool gwbridge_existed_ = false;
  static inline std::string node_id_{};
  static inline std::string skip_reason_ = "swarm mode was not entered";
  std::vector<std::string> services_, secrets_, configs_;
};

/// A daemon on this machine (unix socket) whose kernel has no IPVS.
bool kernel_lacks_ipvs() {
  const char* host = std::getenv("DOCKER_HOST");
  bool local = host && std::string_view(host).starts_with("unix://");
  return local && ::access("/proc/net/ip_vs", F_OK) != 0;
}

std::set<std::string> ids_of(const std::vector<TaskSummary>& tasks) {
  std::set<std::string> out;
  for (const auto& t : tasks) out.insert(t.id);
  return out;
}

}  // namespace

TEST_F(SdkSwarm, SwarmInspectTokensUpdateAndNode) {
  nlohmann::json swarm = docker().swarm().inspect();
  EXPECT_FALSE(swarm.value("ID", std::string{}).empty());
  ASSERT_TRUE(swarm.contains("DefaultAddrPool"));
  EXPECT_EQ(swarm["DefaultAddrPool"], nlohmann::json::array({kAddrPool}));

  auto tokens = docker().swarm().join_tokens();
  EXPECT_TRUE(tokens.worker.starts_with("SWMTKN-")) << tokens.worker;
  EXPECT_TRUE(tokens.manager.starts_with("SWMTKN-")) << tokens.manager;
  EXPECT_NE(tokens.worker, tokens.manager);

  std::int64_t before = swarm["Version"]["Index"];
  docker().swarm().update({.task_history_limit = 2, .rotate_worker_token = true});
  nlohmann::json updated = docker().swarm().inspect();
  EXPECT_EQ(updated["Spec"]["Orchestration"]["TaskHistoryRetentionLimit"], 2);
  EXPECT_NE(docker().swarm().join_tokens().worker, tokens.worker);
  // The index the first update was based on is stale now.
  try {
    docker().swarm().update({.version = before, .task_history_limit = 3});
    ADD_FAILURE() << "a stale swarm version was accepted";
  } catch (const docker::Conflict& e) {
    std::cout << "[ swarm    ] stale swarm update: status " << e.status() << ": " << e.message() << "\n";
  }
  docker().swarm().update({.task_history_limit = 5});

  auto nodes = docker().nodes().list();
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_EQ(nodes[0].ID.value_or(""), node_id_);
  nlohmann::json node = docker().nodes().inspect(node_id_);
  EXPECT_EQ(node["Spec"]["Role"], "manager");
  EXPECT_EQ(node["Spec"]["Availability"], "active");
  EXPECT_THROW(docker().nodes().inspect("no-such-node-" + docker::testing::unique_name("x")), docker::NotFound);

  // A second init while in the swarm.
  EXPECT_THROW(docker().swarm().init({.advertise_addr = "127.0.0.1", .listen_addr = "127.0.0.1:2377"}),
               docker::Unavailable);
}

TEST_F(SdkSwarm, ReplicasRunThenScaleToOneAndZero) {
  auto o = busybox({"sleep", "3600"}, 3);
  o.resources = {.cpu_limit = 0.5, .memory_limit = 64 << 20, .memory_reservation = 8 << 20};
  o.restart = docker::sdk::TaskRestartPolicy{
      .condition = docker::sdk::RestartCondition::on_failure, .delay = 1s, .max_attempts = 3};
  o.constraints = {"node.role==manager"};
  o.placement_preferences = {"node.labels.zone"};
  auto id = create(o);

  auto running = wait_running(id, 3);
  EXPECT_EQ(running.size(), 3u);
  for (const auto& t : running) {
    EXPECT_EQ(t.node_id, node_id_);
    EXPECT_FALSE(t.container_id.empty());
  }
  auto spec = service_spec(id);
  EXPECT_EQ(spec["Mode"]["Replicated"]["Replicas"], 3);
  EXPECT_EQ(spec["TaskTemplate"]["Resources"]["Limits"]["NanoCPUs"], 500000000);
  EXPECT_EQ(spec["TaskTemplate"]["Resources"]["Limits"]["MemoryBytes"], 64 << 20);
  EXPECT_EQ(spec["TaskTemplate"]["RestartPolicy"]["Condition"], "on-failure");
  EXPECT_EQ(spec["TaskTemplate"]["RestartPolicy"]["MaxAttempts"], 3);
  EXPECT_EQ(spec["TaskTemplate"]["Placement"]["Constraints"], nlohmann::json::array({"node.role==manager"}));
  EXPECT_EQ(spec["TaskTemplate"]["Placement"]["Preferences"][0]["Spread"]["SpreadDescriptor"], "node.labels.zone");

  // Listed by name and by the suite's label.
  auto by_name = docker().services().list({{"name", {o.name}}});
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0].ID.value_or(""), id);
  auto labelled = docker().services().list({{"label", {std::string(docker::testing::kTestLabel) + "=" + kSuiteLabel}}});
  EXPECT_TRUE(std::any_of(labelled.begin(), labelled.end(), [&](const auto& s) { return s.ID.value_or("") == id; }));

  docker().services().scale(id, 1);
  EXPECT_EQ(wait_running(id, 1).size(), 1u);
  EXPECT_EQ(service_spec(id)["Mode"]["Replicated"]["Replicas"], 1);
  docker().services().scale(id, 0);
  EXPECT_EQ(wait_running(id, 0).size(), 0u);
}

TEST_F(SdkSwarm, RollingUpdateReplacesTasksAndRollbackRestores) {
  auto o = busybox({"sh", "-c", "echo v1; exec sleep 3600"}, 2);
  o.update = docker::sdk::UpdatePolicy{.parallelism = 1,
                                       .delay = 200ms,
                                       .failure_action = docker::sdk::FailureAction::pause,
                                       .monitor = 1s,
                                       .order = docker::sdk::UpdateOrder::stop_first};
  o.rollback = docker::sdk::UpdatePolicy{.parallelism = 0, .order = docker::sdk::UpdateOrder::start_first};
  auto id = create(o);
  auto before = ids_of(wait_running(id, 2));
  auto spec = service_spec(id);
  EXPECT_EQ(spec["UpdateConfig"]["Parallelism"], 1);
  EXPECT_EQ(spec["UpdateConfig"]["Delay"], 200000000);
  EXPECT_EQ(spec["UpdateConfig"]["FailureAction"], "pause");
  EXPECT_EQ(spec["UpdateConfig"]["Order"], "stop-first");
  EXPECT_EQ(spec["RollbackConfig"]["Order"], "start-first");

  auto v2 = o;
  v2.cmd = {"sh", "-c", "echo v2; exec sleep 3600"};
  auto version = docker().services().version(id);
  (void)docker().services().update(id, version, v2);
  EXPECT_EQ(service_spec(id)["TaskTemplate"]["ContainerSpec"]["Args"], nlohmann::json(v2.cmd));

  // Every task replaced: two running, none of them from before.
  std::vector<TaskSummary> after;
  ASSERT_TRUE(eventually(
      [&] {
        after = wait_running(id, 2);
        auto now = ids_of(after);
        return std::none_of(now.begin(), now.end(), [&](const auto& t) { return before.count(t) > 0; });
      },
      60s))
      << "tasks before the update still run";
  for (const auto& t : after) {
    nlohmann::json c = docker().container(t.container_id).inspect();
    EXPECT_EQ(c["Args"], nlohmann::json::array({"-c", "echo v2; exec sleep 3600"}));
  }

  // Back to the first spec.
  docker().services().rollback(id);
  EXPECT_EQ(service_spec(id)["TaskTemplate"]["ContainerSpec"]["Args"], nlohmann::json(o.cmd));
  auto replaced = ids_of(after);
  ASSERT_TRUE(eventually(
      [&] {
        auto now = ids_of(wait_running(id, 2));
        return std::none_of(now.begin(), now.end(), [&](const auto& t) { return replaced.count(t) > 0; });
      },
      60s))
      << "the rollback did not replace the tasks";
}

TEST_F(SdkSwarm, SecretAndConfigAreFilesInTheTask) {
  if (auto why = sdk_test::exec_does_not_enter_containers(docker())) GTEST_SKIP() << *why;
  auto secret_data = "s3cret-" + docker::testing::unique_name("data");
  auto secret_name = docker::testing::unique_name("secret");
  auto config_name = docker::testing::unique_name("config");
  std::map<std::string, std::string> labels{{std::string(docker::testing::kTestLabel), kSuiteLabel}};
  auto secret_id = create_secret({.name = secret_name, .data = secret_data, .labels = labels});
  auto config_id = create_config({.name = config_name, .data = "key=value\n", .labels = labels});

  nlohmann::json secret = docker().secrets().inspect(secret_id);
  EXPECT_EQ(secret["Spec"]["Name"], secret_name);
  EXPECT_FALSE(secret["Spec"].contains("Data")) << "the daemon returned a secret's data";
  EXPECT_EQ(docker().secrets().list({{"name", {secret_name}}}).size(), 1u);
  nlohmann::json config = docker().configs().inspect(config_name);
  EXPECT_EQ(config["ID"], config_id);
  EXPECT_EQ(docker().configs().list({{"name", {config_name}}}).size(), 1u);

  auto o = busybox({"sleep", "3600"});
  o.secrets = {{.name = secret_name, .target = "app-secret", .mode = 0400}};
  o.configs = {{.name = config_id, .target = "/etc/app.conf", .mode = 0440}};  // by id works too
  auto id = create(o);
  auto running = wait_running(id, 1);
  ASSERT_EQ(running.size(), 1u);
  auto task_container = docker().container(running[0].container_id);
  EXPECT_EQ(task_container.exec({"cat", "/run/secrets/app-secret"}).out, secret_data);
  EXPECT_EQ(task_container.exec({"stat", "-c", "%a", "/run/secrets/app-secret"}).out, "400\n");
  EXPECT_EQ(task_container.exec({"cat", "/etc/app.conf"}).out, "key=value\n");
  EXPECT_EQ(task_container.exec({"stat", "-c", "%a", "/etc/app.conf"}).out, "440\n");

  // In use by the service: the daemon refuses to remove them.
  try {
    docker().secrets().remove(secret_id);
    ADD_FAILURE() << "a secret in use was removed";
  } catch (const docker::ApiError& e) {
    std::cout << "[ swarm    ] removing a secret in use: " << e.what() << "\n";
    EXPECT_TRUE(dynamic_cast<const docker::InvalidArgument*>(&e)) << e.what();
  }
  try {
    docker().configs().remove(config_id);
    ADD_FAILURE() << "a config in use was removed";
  } catch (const docker::ApiError& e) {
    std::cout << "[ swarm    ] removing a config in use: " << e.what() << "\n";
    EXPECT_TRUE(dynamic_cast<const docker::InvalidArgument*>(&e)) << e.what();
  }

  docker().services().remove(id);
  try_remove([&] { docker().secrets().remove(secret_id); });
  try_remove([&] { docker().configs().remove(config_id); });
  EXPECT_THROW(docker().secrets().inspect(secret_id), docker::NotFound);
  EXPECT_THROW(docker().configs().inspect(config_id), docker::NotFound);
}

TEST_F(SdkSwarm, IngressPublishedPortAnswers) {
  auto o =
      busybox({"sh", "-c", "mkdir -p /www && echo hello-ingress > /www/index.html && exec httpd -f -p 8080 -h /www"});
  o.ports = {{.target = 8080}};  // the daemon picks the published port
  auto id = create(o);
  ASSERT_EQ(wait_running(id, 1).size(), 1u);
  nlohmann::json service = docker().services().inspect(id);
  auto ports = service["Endpoint"]["Ports"];
  ASSERT_EQ(ports.size(), 1u) << service["Endpoint"].dump();
  EXPECT_EQ(ports[0]["PublishMode"], "ingress");
  auto published = ports[0]["PublishedPort"].get<std::uint16_t>();
  EXPECT_GE(published, 30000);
  // The routing mesh balances through IPVS, which dockerd has loaded by now
  // when the kernel has it. A local daemon on a kernel without it cannot
  // route (its log: "Could not get ipvs family information from the kernel").
  if (kernel_lacks_ipvs())
    GTEST_SKIP() << "this kernel has no IPVS (/proc/net/ip_vs absent, the daemon is local): the ingress routing "
                    "mesh cannot answer here; HostModePublishedPortAnswers covers published ports";
  // Routing through the ingress network can take seconds to be in place.
  std::string answer;
  auto t = Clock::now();
  EXPECT_TRUE(eventually(
      [&] {
        answer = http_get_local(published);
        return answer.find("hello-ingress") != std::string::npos;
      },
      60s))
      << "127.0.0.1:" << published << " answered: " << answer;
  std::cout << "[ swarm    ] ingress port " << published << " answered after " << ms_since(t) << "\n";
}

TEST_F(SdkSwarm, HostModePublishedPortAnswers) {
  auto o = busybox({"sh", "-c", "mkdir -p /www && echo hello-host > /www/index.html && exec httpd -f -p 8080 -h /www"});
  o.ports = {{.target = 8080, .mode = docker::sdk::PublishMode::host}};  // the daemon picks the host port
  auto id = create(o);
  auto running = wait_running(id, 1);
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(service_spec(id)["EndpointSpec"]["Ports"][0]["PublishMode"], "host");
  // Host-mode ports are the task container's own bindings.
  nlohmann::json c = docker().container(running[0].container_id).inspect();
  auto bindings = c["NetworkSettings"]["Ports"]["8080/tcp"];
  ASSERT_TRUE(bindings.is_array() && !bindings.empty()) << c["NetworkSettings"].dump();
  auto port = static_cast<std::uint16_t>(std::stoi(bindings[0]["HostPort"].get<std::string>()));
  std::string answer;
  EXPECT_TRUE(eventually(
      [&] {
        answer = http_get_local(port);
        return answer.find("hello-host") != std::string::npos;
      },
      30s))
      << "127.0.0.1:" << port << " answered: " << answer;
}

TEST_F(SdkSwarm, DrainedNodeLosesItsTasksThenActiveGetsThemBack) {
  auto id = create(busybox({"sleep", "3600"}, 2));
  ASSERT_EQ(wait_running(id, 2).size(), 2u);

  docker().nodes().update(node_id_, {.availability = docker::sdk::NodeAvailability::drain,
                                     .add_labels = {{"zone", "a"}, {"docker-cpp-test", "1"}}});
  nlohmann::json node = docker().nodes().inspect(node_id_);
  EXPECT_EQ(node["Spec"]["Availability"], "drain");
  EXPECT_EQ(node["Spec"]["Labels"]["zone"], "a");
  EXPECT_EQ(wait_running(id, 0).size(), 0u);
  for (const auto& t : docker().tasks().of_service(id))
    EXPECT_FALSE(t.state == "running" && t.node_id == node_id_) << t.id;

  docker().nodes().update(
      node_id_, {.availability = docker::sdk::NodeAvailability::active, .remove_labels = {"zone", "docker-cpp-test"}});
  node = docker().nodes().inspect(node_id_);
  EXPECT_EQ(node["Spec"]["Availability"], "active");
  EXPECT_FALSE(node["Spec"].value("Labels", nlohmann::json::object()).contains("zone"));
  EXPECT_EQ(wait_running(id, 2).size(), 2u);
}

TEST_F(SdkSwarm, ServiceLogsComeBackDemultiplexed) {
  auto id = create(busybox({"sh", "-c", "echo out-line; echo err-line >&2; exec sleep 3600"}));
  ASSERT_EQ(wait_running(id, 1).size(), 1u);
  docker::sdk::Captured logs;
  bool multiplexed = false;
  EXPECT_TRUE(eventually(
      [&] {
        auto output = docker().services().logs(id);
        multiplexed = output.multiplexed();
        logs = output.read_all();
        return logs.out.find("out-line") != std::string::npos && logs.err.find("err-line") != std::string::npos;
      },
      30s))
      << "out: " << logs.out << "err: " << logs.err;
  EXPECT_TRUE(multiplexed);
  EXPECT_EQ(logs.out, "out-line\n");
  EXPECT_EQ(logs.err, "err-line\n");
  EXPECT_THROW(docker().services().logs(id, {.until = std::chrono::system_clock::now()}), docker::InvalidInput);
}

TEST_F(SdkSwarm, RemovingTheServiceRemovesItsTasks) {
  auto id = create(busybox({"sleep", "3600"}, 2));
  auto running = wait_running(id, 2);
  ASSERT_EQ(running.size(), 2u);
  docker().services().remove(id);
  EXPECT_THROW(docker().services().inspect(id), docker::NotFound);
  for (const auto& t : running) {
    EXPECT_TRUE(eventually(
        [&] {
          return docker().tasks().list({{"id", {t.id}}}).empty();
        },
        30s))
        << "task " << t.id << " outlived its service";
    EXPECT_TRUE(eventually(
        [&] {
          try {
            docker().container(t.container_id).inspect();
            return false;
          } catch (const docker::NotFound&) {
            return true;
          }
        },
        30s))
        << "container " << t.container_id << " outlived its task";
  }
}

TEST_F(SdkSwarm, ExistingNameIsConflict) {
  auto o = busybox({"sleep", "3600"});
  (void)create(o);
  try {
    create(o);
    ADD_FAILURE() << "a second service with the same name was created";
  } catch (const docker::Conflict& e) {
    std::cout << "[ swarm    ] existing name: " << e.what() << "\n";
  }
  auto name = docker::testing::unique_name("secret");
  create_secret({.name = name, .data = "x"});
  EXPECT_THROW(create_secret({.name = name, .data = "y"}), docker::Conflict);
}

TEST_F(SdkSwarm, MissingImageNamesTheTaskErrorInTheTimeout) {
  auto o = busybox({"true"});
  o.image = docker::testing::unique_name("missing") + ":latest";
  auto id = create(o);
  try {
    (void)wait_running(id, 1, 10s);
    ADD_FAILURE() << "a task of a missing image ran";
  } catch (const docker::Timeout& e) {
    std::cout << "[ swarm    ] " << e.message() << "\n";
    EXPECT_NE(e.message().find("No such image"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("0 of 1"), std::string::npos) << e.message();
  }
}

TEST_F(SdkSwarm, StaleServiceVersionIsConflict) {
  auto o = busybox({"sleep", "3600"});
  auto id = create(o);
  auto stale = docker().services().version(id);
  docker().services().scale(id, 0);  // moves the version on
  EXPECT_GT(docker().services().version(id), stale);
  try {
    (void)docker().services().update(id, stale, o);
    ADD_FAILURE() << "an update at a stale version was accepted";
  } catch (const docker::Conflict& e) {
    std::cout << "[ swarm    ] stale service update: status " << e.status() << ": " << e.message() << "\n";
    EXPECT_NE(e.message().find("update out of sequence"), std::string::npos) << e.message();
  }
  EXPECT_EQ(service_spec(id)["Mode"]["Replicated"]["Replicas"], 0);
}

TEST_F(SdkSwarm, OversizedSecretIsInvalidArgumentAndItsDataIsNowhere) {
  // Everything the client reports about its calls, through hooks.
  std::mutex mutex;
  std::string reported;
  auto record = [&](const docker::CallInfo& c) {
    std::lock_guard lock(mutex);
    reported += c.method + " " + c.target + " " + c.error.value_or("") + "\n";
    for (const auto& [k, v] : c.request_headers) reported += k + ": " + v + "\n";
  };
  auto client = std::make_shared<docker::Client>(
      docker::with_hooks(docker::testing::doer_from_env(),
                         {{.on_request = record, .on_head = record, .on_end = record}}),
      Api::version);
  Docker hooked(client);

  // 600 KiB of a recognisable pattern, over dockerd's 500 KiB limit.
  std::string marker = "TOPSECRET-" + docker::testing::unique_name("m") + "-";
  std::string data;
  while (data.size() < 600 * 1024) data += marker;
  try {
    auto id = hooked.secrets().create({.name = docker::testing::unique_name("big"), .data = data});
    secrets_.push_back(id);
    ADD_FAILURE() << "a 600 KiB secret was accepted";
  } catch (const docker::InvalidArgument& e) {
    std::cout << "[ swarm    ] oversized secret: " << e.what() << "\n";
    EXPECT_EQ(std::string(e.what()).find(marker), std::string::npos);
    EXPECT_EQ(e.message().find(marker), std::string::npos);
  }
  // A missing secret by name, then a service with it: errors name the secret, not data.
  auto o = busybox({"true"});
  o.secrets = {{.name = docker::testing::unique_name("absent")}};
  try {
    (void)hooked.services().create(o);
    ADD_FAILURE() << "a service with a missing secret was created";
  } catch (const docker::NotFound& e) {
    EXPECT_NE(e.message().find(o.secrets[0].name), std::string::npos) << e.message();
  }
  std::lock_guard lock(mutex);
  EXPECT_FALSE(reported.empty());
  EXPECT_EQ(reported.find(marker), std::string::npos) << "secret data reached the hooks";
  // Nor base64 of it (the form it travels in).
  EXPECT_EQ(reported.find(docker::auth::base64_encode(data.substr(0, 30 * marker.size())).substr(0, 40)),
            std::string::npos);
}

TEST_F(SdkSwarm, LocalChecksBeforeSending) {
  auto o = busybox({"true"});
  o.global = true;  // with replicas set by busybox()
  EXPECT_THROW((void)docker().services().create(o), docker::InvalidInput);
  o = busybox({"true"});
  o.image.clear();
  EXPECT_THROW((void)docker().services().create(o), docker::InvalidInput);
  o = busybox({"true"});
  o.ports = {{.target = 70000}};
  EXPECT_THROW((void)docker().services().create(o), docker::InvalidInput);
  EXPECT_TRUE(docker().services().list({{"name", {o.name}}}).empty());
}
