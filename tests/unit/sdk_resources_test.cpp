// Networks, Volumes and System of docker::sdk over a fake Doer: what is sent
// for each negotiated version (CheckDuplicate below 1.44, the volume prune's
// `all` across 1.42, df's verbose from 1.53, members a version lacks refused
// before sending) and how answers of either shape are read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker/sdk/impl/system.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"

namespace docker::sdk {
namespace {

using Api = docker::v1_55::Api;
using testing::FakeDoer;

class SdkResourcesUnit : public ::testing::Test {
 protected:
  std::shared_ptr<Client> client_at(ApiVersion version) {
    return std::make_shared<Client>(doer_, ApiVersion{1, 55}, ClientOptions{.pinned_version = version});
  }
  nlohmann::json last_body() const { return nlohmann::json::parse(doer_->last().body); }

  std::shared_ptr<FakeDoer> doer_ = std::make_shared<FakeDoer>();
};

TEST_F(SdkResourcesUnit, NetworkCreateBody) {
  Networks<Api> networks(client_at({1, 41}));
  doer_->push(201, R"({"Id":"abc","Warning":"careful"})");
  auto created =
      networks.create({.name = "n",
                       .labels = {{"a", "b"}},
                       .internal = true,
                       .enable_ipv6 = false,
                       .ipam = {{.subnet = "10.1.0.0/24", .gateway = "10.1.0.1", .ip_range = "10.1.0.128/25"}},
                       .driver_options = {{"com.docker.network.driver.mtu", "1400"}}});
  EXPECT_EQ(created.id, "abc");
  EXPECT_EQ(created.warning, "careful");
  EXPECT_EQ(doer_->last().target, "/v1.41/networks/create");
  auto body = last_body();
  EXPECT_EQ(body["Name"], "n");
  EXPECT_EQ(body["Internal"], true);
  EXPECT_EQ(body["EnableIPv6"], false);
  EXPECT_EQ(body["CheckDuplicate"], true);  // below 1.44 the daemon checks only when asked
  EXPECT_EQ(body["Labels"], nlohmann::json({{"a", "b"}}));
  EXPECT_EQ(body["Options"]["com.docker.network.driver.mtu"], "1400");
  EXPECT_EQ(body["IPAM"]["Config"][0],
            nlohmann::json({{"Subnet", "10.1.0.0/24"}, {"Gateway", "10.1.0.1"}, {"IPRange", "10.1.0.128/25"}}));
  EXPECT_FALSE(body.contains("Attachable"));
  EXPECT_FALSE(body.contains("Driver"));

  doer_->push(201, R"({"Id":"def"})");
  Networks<Api>(client_at({1, 55})).create({.name = "m"});
  EXPECT_FALSE(last_body().contains("CheckDuplicate"));
}

TEST_F(SdkResourcesUnit, NetworkMembersAVersionLacksAreRefusedBeforeSending) {
  // Attachable is API 1.27+.
  EXPECT_THROW(Networks<Api>(client_at({1, 25})).create({.name = "n", .attachable = true}), VersionError);
  EXPECT_TRUE(doer_->requests().empty());
  EXPECT_THROW(Networks<Api>(client_at({1, 41})).create({.name = ""}), InvalidInput);
  EXPECT_THROW(Networks<Api>(client_at({1, 41})).create({.name = "n", .ipam = {{.gateway = "10.0.0.1"}}}),
               InvalidInput);
  EXPECT_THROW((void)Networks<Api>(client_at({1, 41})).inspect(""), InvalidInput);
  EXPECT_THROW(Networks<Api>(client_at({1, 41})).connect("", "c"), InvalidInput);
  EXPECT_TRUE(doer_->requests().empty());
}

TEST_F(SdkResourcesUnit, NetworkConnectAndPrune) {
  Networks<Api> networks(client_at({1, 41}));
  doer_->push(200);
  networks.connect("net", "web", {.aliases = {"api"}, .ipv4_address = "10.1.0.5"});
  EXPECT_EQ(doer_->last().target, "/v1.41/networks/net/connect");
  EXPECT_EQ(last_body(),
            nlohmann::json::parse(
                R"({"Container":"web","EndpointConfig":{"Aliases":["api"],"IPAMConfig":{"IPv4Address":"10.1.0.5"}}})"));
  doer_->push(200);
  networks.disconnect("net", "web", /*force=*/true);
  EXPECT_EQ(last_body(), nlohmann::json::parse(R"({"Container":"web","Force":true})"));
  doer_->push(200, R"({"NetworksDeleted":["a","b"]})");
  EXPECT_EQ(networks.prune({{"label", {"x"}}}), (std::vector<std::string>{"a", "b"}));
  doer_->push(200, R"({"NetworksDeleted":null})");
  EXPECT_TRUE(networks.prune().empty());
}

TEST_F(SdkResourcesUnit, VolumePruneAllAcrossApi142) {
  // Below 1.42 the daemon prunes named volumes too and knows no `all` filter.
  doer_->push(200, R"({"VolumesDeleted":["v"],"SpaceReclaimed":7})");
  auto pruned = Volumes<Api>(client_at({1, 41})).prune({.filters = {{"label", {"x=y"}}}, .all = true});
  EXPECT_EQ(pruned.removed, std::vector<std::string>{"v"});
  EXPECT_EQ(pruned.space_reclaimed, 7);
  EXPECT_EQ(doer_->last().target.find("all"), std::string::npos) << doer_->last().target;
  EXPECT_THROW(Volumes<Api>(client_at({1, 41})).prune({.all = false}), VersionError);
  EXPECT_EQ(doer_->requests().size(), 1u);

  // From 1.42 `all` is the filter all=true; without it, anonymous volumes only.
  doer_->push(200, R"({"VolumesDeleted":null,"SpaceReclaimed":0})");
  Volumes<Api>(client_at({1, 55})).prune({.all = true});
  EXPECT_NE(doer_->last().target.find("filters=%7B%22all%22%3A%5B%22true%22%5D%7D"), std::string::npos)
      << doer_->last().target;
  doer_->push(200, R"({"VolumesDeleted":[],"SpaceReclaimed":0})");
  EXPECT_TRUE(Volumes<Api>(client_at({1, 55})).prune().removed.empty());
  EXPECT_EQ(doer_->last().target, "/v1.55/volumes/prune");
}

TEST_F(SdkResourcesUnit, VolumeCreateBody) {
  doer_->push(201, R"({"Name":"v","Driver":"local","Mountpoint":"/x","Labels":{"a":"b"}})");
  auto v = Volumes<Api>(client_at({1, 41}))
               .create({.name = "v", .driver_options = {{"type", "tmpfs"}}, .labels = {{"a", "b"}}});
  EXPECT_EQ(v.Name.value_or(""), "v");
  EXPECT_EQ(last_body(), nlohmann::json::parse(R"({"Name":"v","DriverOpts":{"type":"tmpfs"},"Labels":{"a":"b"}})"));
}

TEST_F(SdkResourcesUnit, PingReadsTheHeaders) {
  doer_->push(200, "OK", {{"Api-Version", "1.41"}, {"Ostype", "linux"}, {"Docker-Experimental", "true"}});
  auto pong = System<Api>(client_at({1, 41})).ping();
  EXPECT_EQ(pong.api_version, "1.41");
  EXPECT_EQ(pong.os_type, "linux");
  EXPECT_TRUE(pong.experimental);
  EXPECT_EQ(pong.builder_version, "");
}

TEST_F(SdkResourcesUnit, DiskUsageBefore152ComputesTotals) {
  doer_->push(200, R"({"LayersSize":1000,
    "Images":[{"Id":"i1","RepoTags":["a:1"],"Size":600,"SharedSize":100,"Containers":1},
              {"Id":"i2","RepoTags":null,"Size":400,"SharedSize":0,"Containers":0}],
    "Containers":[{"Id":"c1","Names":["/one"],"SizeRw":50,"State":"running"},
                  {"Id":"c2","Names":["/two"],"SizeRw":70,"State":"exited"}],
    "Volumes":[{"Name":"v1","UsageData":{"Size":30,"RefCount":1}},{"Name":"v2","UsageData":{"Size":20,"RefCount":0}}],
    "BuildCache":[{"ID":"b1","Size":5,"InUse":false,"Shared":false},{"ID":"b2","Size":9,"InUse":true,"Shared":true}]})");
  auto df = System<Api>(client_at({1, 41})).disk_usage();
  EXPECT_EQ(doer_->last().target, "/v1.41/system/df");  // no verbose below 1.53
  EXPECT_EQ(df.images.total_count, 2);
  EXPECT_EQ(df.images.active_count, 1);
  EXPECT_EQ(df.images.total_size, 1000);
  EXPECT_EQ(df.images.reclaimable, 1000 - (600 - 100));
  EXPECT_EQ(df.images.items[0].names, std::vector<std::string>{"a:1"});
  EXPECT_EQ(df.containers.items[1].names, std::vector<std::string>{"two"});
  EXPECT_EQ(df.containers.active_count, 1);
  EXPECT_EQ(df.containers.total_size, 120);
  EXPECT_EQ(df.containers.reclaimable, 70);
  EXPECT_EQ(df.volumes.total_size, 50);
  EXPECT_EQ(df.volumes.reclaimable, 20);
  EXPECT_TRUE(df.volumes.items[0].in_use);
  EXPECT_EQ(df.build_cache.total_size, 5);  // shared records count with their owner
  EXPECT_EQ(df.build_cache.reclaimable, 5);
  EXPECT_EQ(df.build_cache.active_count, 1);
}

TEST_F(SdkResourcesUnit, DiskUsageFrom153IsVerboseAndReadsTheSummaries) {
  doer_->push(200, R"({
    "ImageUsage":{"ActiveCount":1,"TotalCount":3,"Reclaimable":10,"TotalSize":99,"Items":[{"Id":"i1","RepoTags":["a:1"],"Size":99,"Containers":2}]},
    "ContainerUsage":{"ActiveCount":0,"TotalCount":1,"Reclaimable":4,"TotalSize":4,"Items":[{"Id":"c1","Names":["/x"],"SizeRw":4,"State":"exited"}]},
    "VolumeUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0},
    "BuildCacheUsage":{"ActiveCount":0,"TotalCount":0,"Reclaimable":0,"TotalSize":0,"Items":null}})");
  auto df = System<Api>(client_at({1, 55})).disk_usage();
  EXPECT_EQ(doer_->last().target, "/v1.55/system/df?verbose=1");
  EXPECT_EQ(df.images.total_count, 3);
  EXPECT_EQ(df.images.reclaimable, 10);
  ASSERT_EQ(df.images.items.size(), 1u);
  EXPECT_TRUE(df.images.items[0].in_use);
  EXPECT_EQ(df.containers.items[0].names, std::vector<std::string>{"x"});
  EXPECT_TRUE(df.volumes.items.empty());
}

TEST_F(SdkResourcesUnit, PrunesReadWhatWasRemoved) {
  System<Api> system(client_at({1, 41}));
  doer_->push(200, R"({"ContainersDeleted":["c1","c2"],"SpaceReclaimed":12})");
  auto containers = system.prune_containers({{"label", {"x=y"}}});
  EXPECT_EQ(containers.removed, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(containers.space_reclaimed, 12);
  EXPECT_EQ(doer_->last().target.rfind("/v1.41/containers/prune?filters=", 0), 0u);
  doer_->push(200, R"({"ImagesDeleted":[{"Untagged":"a:1"},{"Deleted":"sha256:1"}],"SpaceReclaimed":3})");
  auto images = system.prune_images();
  EXPECT_EQ(images.removed, std::vector<std::string>{"sha256:1"});
  EXPECT_EQ(images.untagged, std::vector<std::string>{"a:1"});
  doer_->push(200, R"({"CachesDeleted":["b1"],"SpaceReclaimed":5})");
  auto cache = system.prune_build_cache({.all = true});
  EXPECT_EQ(cache.removed, std::vector<std::string>{"b1"});
  EXPECT_EQ(cache.space_reclaimed, 5);
  EXPECT_EQ(doer_->last().target, "/v1.41/build/prune?all=1");
}

}  // namespace
}  // namespace docker::sdk
