// Swarm mode through the layer without a daemon: what is refused before
// sending (options newer than the API version, bad options), the bodies it
// builds (secret data base64 in the body only, references resolved to ids),
// and a stale version index raised as Conflict.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "docker/auth/base64.hpp"
#include "docker/sdk/internal/swarm_requests.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"

namespace {

using docker::sdk::ServiceOptions;
using docker::testing::FakeDoer;
using namespace std::chrono_literals;

std::shared_ptr<docker::Client> pinned_client(std::shared_ptr<FakeDoer> doer, docker::ApiVersion version) {
  return std::make_shared<docker::Client>(doer, docker::v1_55::api_version,
                                          docker::ClientOptions{.pinned_version = version});
}

ServiceOptions minimal() { return {.name = "web", .image = "busybox:latest"}; }

TEST(SdkSwarmVersions, OptionsNewerThanTheVersionAreRefusedBeforeSending) {
  struct Case {
    docker::ApiVersion version;
    ServiceOptions options;
  };
  auto with = [](auto change) {
    auto o = minimal();
    change(o);
    return o;
  };
  const Case cases[] = {
      {{1, 26}, with([](ServiceOptions& o) { o.secrets = {{.name = "s"}}; })},
      {{1, 27}, with([](ServiceOptions& o) { o.rollback = docker::sdk::UpdatePolicy{}; })},
      {{1, 27}, with([](ServiceOptions& o) { o.placement_preferences = {"node.labels.zone"}; })},
      {{1, 28}, with([](ServiceOptions& o) { o.update = {.order = docker::sdk::UpdateOrder::start_first}; })},
      {{1, 29}, with([](ServiceOptions& o) { o.configs = {{.name = "c"}}; })},
      {{1, 33}, with([](ServiceOptions& o) { o.ports = {{.target = 80, .mode = docker::sdk::PublishMode::host}}; })},
      {{1, 39}, with([](ServiceOptions& o) { o.max_replicas_per_node = 1; })},
  };
  for (const auto& c : cases) {
    auto doer = std::make_shared<FakeDoer>();
    docker::v1_55::Services services(pinned_client(doer, c.version));
    EXPECT_THROW((void)services.create(c.options), docker::VersionError) << c.version.str();
    EXPECT_THROW((void)services.update("web", 1, c.options), docker::VersionError) << c.version.str();
    EXPECT_TRUE(doer->requests().empty()) << c.version.str();
  }
  // One version later, the same options are sent (no secret or config to resolve here).
  auto doer = std::make_shared<FakeDoer>();
  doer->push(201, R"({"ID":"svc1"})");
  docker::v1_55::Services services(pinned_client(doer, {1, 40}));
  EXPECT_EQ(services.create(with([](ServiceOptions& o) { o.max_replicas_per_node = 1; })), "svc1");
}

TEST(SdkSwarmVersions, ConfigsRollbackAndInitFieldsNeedTheirVersion) {
  auto doer = std::make_shared<FakeDoer>();
  auto client = pinned_client(doer, {1, 29});
  EXPECT_THROW((void)docker::v1_55::Configs(client).create({.name = "c", .data = "x"}), docker::VersionError);
  EXPECT_THROW((void)docker::v1_55::Configs(client).list(), docker::VersionError);
  docker::v1_55::Docker old(pinned_client(doer, {1, 27}));
  EXPECT_THROW(old.services().rollback("web"), docker::VersionError);
  docker::v1_55::Docker d138(pinned_client(doer, {1, 38}));
  EXPECT_THROW((void)d138.swarm().init({.default_addr_pool = {"10.1.0.0/16"}}), docker::VersionError);
  EXPECT_THROW((void)d138.swarm().init({.subnet_size = 24}), docker::VersionError);
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkSwarmRequests, JoinSendsAddressesAndTokenAndRefusesWhatCannotJoin) {
  auto doer = std::make_shared<FakeDoer>();
  auto swarm = docker::v1_55::Docker(pinned_client(doer, {1, 41})).swarm();
  // No manager, an empty address, no token: refused before anything is sent.
  EXPECT_THROW(swarm.join({.join_token = "SWMTKN-1-x"}), docker::InvalidInput);
  EXPECT_THROW(swarm.join({.remote_addrs = {""}, .join_token = "SWMTKN-1-x"}), docker::InvalidInput);
  EXPECT_THROW(swarm.join({.remote_addrs = {"10.0.0.1:2377"}}), docker::InvalidInput);
  auto old = docker::v1_55::Docker(pinned_client(doer, {1, 29})).swarm();
  EXPECT_THROW(old.join({.remote_addrs = {"10.0.0.1:2377"}, .join_token = "SWMTKN-1-x", .data_path_addr = "eth0"}),
               docker::VersionError);
  EXPECT_TRUE(doer->requests().empty());

  doer->push(200, "");
  swarm.join({.remote_addrs = {"10.0.0.1:2377", "10.0.0.3:2377"},
              .join_token = "SWMTKN-1-abc",
              .advertise_addr = "10.0.0.2",
              .data_path_addr = "10.1.0.2"});
  auto req = doer->last();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/v1.41/swarm/join");
  auto body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["RemoteAddrs"], nlohmann::json({"10.0.0.1:2377", "10.0.0.3:2377"}));
  EXPECT_EQ(body["JoinToken"], "SWMTKN-1-abc");
  EXPECT_EQ(body["AdvertiseAddr"], "10.0.0.2");
  EXPECT_EQ(body["DataPathAddr"], "10.1.0.2");
  EXPECT_EQ(body["ListenAddr"], "0.0.0.0:2377");  // the daemon's default, as `docker swarm join` sends it
}

TEST(SdkSwarmRequests, SecretDataTravelsBase64InTheBodyOnly) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(201, R"({"ID":"sec1"})");
  docker::v1_55::Secrets secrets(pinned_client(doer, {1, 41}));
  std::string data("p\0ss\xffword", 10);
  EXPECT_EQ(secrets.create({.name = "db", .data = data, .labels = {{"a", "b"}}}), "sec1");
  auto req = doer->last();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/v1.41/secrets/create");
  auto body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["Name"], "db");
  EXPECT_EQ(body["Data"], docker::auth::base64_encode(data));
  EXPECT_EQ(body["Labels"]["a"], "b");
  for (const auto& [k, v] : req.headers) EXPECT_EQ(v.find(docker::auth::base64_encode(data)), std::string::npos) << k;
  EXPECT_EQ(req.target.find("word"), std::string::npos);
}

TEST(SdkSwarmRequests, ServiceBodyFromReadableOptions) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, R"([{"ID":"sid","Spec":{"Name":"db-pass"}}])");
  doer->push(200, R"([{"ID":"cid","Spec":{"Name":"app-conf"}}])");
  doer->push(201, R"({"ID":"svc"})");
  docker::v1_55::Services services(pinned_client(doer, {1, 41}));
  auto o = minimal();
  o.cmd = {"httpd", "-f"};
  o.entrypoint = {"/bin/sh", "-c"};
  o.env = {"A=1"};
  o.replicas = 3;
  o.resources = {.cpu_limit = 1.5, .memory_limit = 1 << 20};
  o.restart = docker::sdk::TaskRestartPolicy{.condition = docker::sdk::RestartCondition::on_failure, .max_attempts = 2};
  o.update = docker::sdk::UpdatePolicy{.parallelism = 2,
                                       .delay = 1s,
                                       .failure_action = docker::sdk::FailureAction::rollback,
                                       .order = docker::sdk::UpdateOrder::start_first};
  o.ports = {{.target = 80, .published = 8080},
             {.target = 53, .protocol = "udp", .mode = docker::sdk::PublishMode::host}};
  o.networks = {"backend"};
  o.mounts = {{.type = "volume", .source = "data", .target = "/data"}};
  o.secrets = {{.name = "db-pass", .target = "pw", .mode = 0400}};
  o.configs = {{.name = "app-conf"}};
  o.constraints = {"node.role==worker"};
  o.stop_grace_period = 2s;
  EXPECT_EQ(services.create(o), "svc");

  auto requests = doer->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/v1.41/secrets");
  EXPECT_EQ(requests[1].target, "/v1.41/configs");
  EXPECT_EQ(requests[2].target, "/v1.41/services/create");
  auto spec = nlohmann::json::parse(requests[2].body);
  auto container = spec["TaskTemplate"]["ContainerSpec"];
  EXPECT_EQ(container["Args"], nlohmann::json::array({"httpd", "-f"}));
  EXPECT_EQ(container["Command"], nlohmann::json::array({"/bin/sh", "-c"}));
  EXPECT_EQ(container["StopGracePeriod"], 2000000000);
  EXPECT_EQ(container["Secrets"][0]["SecretID"], "sid");
  EXPECT_EQ(container["Secrets"][0]["File"]["Name"], "pw");
  EXPECT_EQ(container["Secrets"][0]["File"]["Mode"], 0400);
  EXPECT_EQ(container["Configs"][0]["ConfigID"], "cid");
  EXPECT_EQ(container["Configs"][0]["File"]["Name"], "/app-conf");
  EXPECT_EQ(spec["Mode"]["Replicated"]["Replicas"], 3);
  EXPECT_EQ(spec["TaskTemplate"]["Resources"]["Limits"]["NanoCPUs"], 1500000000);
  EXPECT_EQ(spec["TaskTemplate"]["RestartPolicy"]["Condition"], "on-failure");
  EXPECT_EQ(spec["UpdateConfig"]["FailureAction"], "rollback");
  EXPECT_EQ(spec["UpdateConfig"]["Order"], "start-first");
  EXPECT_EQ(spec["EndpointSpec"]["Ports"][0]["PublishedPort"], 8080);
  EXPECT_FALSE(spec["EndpointSpec"]["Ports"][0].contains("PublishMode"));  // ingress: the default
  EXPECT_EQ(spec["EndpointSpec"]["Ports"][1]["PublishMode"], "host");
  EXPECT_EQ(spec["TaskTemplate"]["Networks"][0]["Target"], "backend");
  EXPECT_EQ(spec["TaskTemplate"]["Placement"]["Constraints"][0], "node.role==worker");
}

TEST(SdkSwarmRequests, UnknownSecretIsNotFoundNamingIt) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, R"([{"ID":"sid","Spec":{"Name":"other"}}])");
  docker::v1_55::Services services(pinned_client(doer, {1, 41}));
  auto o = minimal();
  o.secrets = {{.name = "db-pass"}};
  try {
    (void)services.create(o);
    FAIL() << "created";
  } catch (const docker::NotFound& e) {
    EXPECT_NE(e.message().find("\"db-pass\""), std::string::npos) << e.message();
  }
  EXPECT_EQ(doer->requests().size(), 1u);  // the listing only
}

TEST(SdkSwarmRequests, StaleVersionIsConflictOtherInternalErrorsStay) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(500, R"({"message":"rpc error: code = Unknown desc = update out of sequence"})");
  doer->push(500, R"({"message":"something else"})");
  docker::v1_55::Services services(pinned_client(doer, {1, 41}));
  try {
    (void)services.update("web", 7, minimal());
    FAIL() << "no error";
  } catch (const docker::Conflict& e) {
    EXPECT_EQ(e.status(), 500);
    EXPECT_NE(e.message().find("update out of sequence"), std::string::npos);
  }
  EXPECT_EQ(doer->last().target, "/v1.41/services/web/update?version=7");
  EXPECT_THROW((void)services.update("web", 8, minimal()), docker::Internal);
}

TEST(SdkSwarmRequests, NodeUpdateKeepsTheSpecAndChangesWhatIsAsked) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, R"({"ID":"n1","Version":{"Index":42},
                      "Spec":{"Role":"manager","Availability":"active","Labels":{"keep":"1","drop":"2"}}})");
  doer->push(200, "");
  docker::v1_55::Nodes nodes(pinned_client(doer, {1, 41}));
  nodes.update(
      "n1",
      {.availability = docker::sdk::NodeAvailability::drain, .add_labels = {{"zone", "a"}}, .remove_labels = {"drop"}});
  auto req = doer->last();
  EXPECT_EQ(req.target, "/v1.41/nodes/n1/update?version=42");
  auto spec = nlohmann::json::parse(req.body);
  EXPECT_EQ(spec["Role"], "manager");
  EXPECT_EQ(spec["Availability"], "drain");
  EXPECT_EQ(spec["Labels"], nlohmann::json({{"keep", "1"}, {"zone", "a"}}));
}

TEST(SdkSwarmRequests, TaskSummariesDescribeStatesAndErrors) {
  auto t = docker::sdk::internal::task_summary(nlohmann::json::parse(
      R"({"ID":"abcdefabcdef0123","ServiceID":"s","NodeID":"n","Slot":2,"DesiredState":"shutdown",
          "Status":{"State":"rejected","Message":"preparing","Err":"No such image: x:latest",
                    "ContainerStatus":{"ContainerID":"c1"}}})"));
  EXPECT_EQ(t.slot, 2);
  EXPECT_EQ(t.container_id, "c1");
  EXPECT_EQ(docker::sdk::internal::describe_tasks({t}),
            "abcdefabcdef rejected (desired shutdown): No such image: x:latest");
  EXPECT_EQ(docker::sdk::internal::describe_tasks({}), "no tasks");
}

}  // namespace
