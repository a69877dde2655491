// The newest bindings (1.55) negotiated down to an older daemon (the test
// daemon speaks 1.41) get that daemon's response shapes as typed members:
// the fields later specs dropped (codegen/legacy.py, spec/legacy-fields.yaml),
// not only entries of unknown_fields. Each check compares with what the
// daemon itself reports elsewhere (image inspect, version, the network).
//
// The checks are templates on the response type so that this file also
// compiles against bindings without legacy members, and then fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "docker/v1_55.hpp"
#include "integration/server_differences.hpp"
#include "support/test_env.hpp"

namespace {

namespace api = docker::v1_55;

template <class T>
concept HasLegacyDataUsage = requires(T r) {
  r.LayersSize;
  r.Images;
  r.Containers;
  r.Volumes;
  r.BuildCache;
};

template <class T>
concept HasLegacyImageInspect = requires(T r) {
  r.VirtualSize;
  r.Container;
  r.ContainerConfig;
  r.DockerVersion;
};

template <class T>
concept HasLegacyNetworkSettings = requires(T r) {
  r.IPAddress;
  r.Gateway;
  r.MacAddress;
  r.IPPrefixLen;
};

class LegacyShapes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
    negotiated_ = client_->api_version();
    if (negotiated_ >= docker::ApiVersion{1, 52}) {
      GTEST_SKIP() << "the daemon speaks " << negotiated_.str() << ": it sends the current shapes";
    }
  }

  void TearDown() override {
    if (!container_id_.empty()) {
      api::ContainerDeleteParams params{};
      params.id = container_id_;
      params.force = true;
      api::ContainerApi(*client_).container_delete(params);
    }
  }

  /// A busybox container on the default bridge network, running.
  const std::string& running_container() {
    api::ContainerCreateParams params{};
    params.name = docker::testing::unique_name("legacy");
    params.body.Image = std::string(docker::testing::kBusybox);
    params.body.Cmd = std::vector<std::string>{"sleep", "60"};
    params.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "1"}};
    container_id_ = api::ContainerApi(*client_).container_create(params).Id.value();
    api::ContainerStartParams start{};
    start.id = container_id_;
    api::ContainerApi(*client_).container_start(start);
    return container_id_;
  }

  std::string busybox_id() {
    api::ImageInspectParams params{};
    params.name = std::string(docker::testing::kBusybox);
    return api::ImageApi(*client_).image_inspect(params).Id.value();
  }

  std::unique_ptr<docker::Client> client_;
  docker::ApiVersion negotiated_{};
  std::string container_id_;
};

template <class DataUsage>
void expect_typed_data_usage(const DataUsage& df, const std::string& image_id, const std::string& container_id) {
  if constexpr (!HasLegacyDataUsage<DataUsage>) {
    ADD_FAILURE() << "SystemDataUsageResponse has no typed LayersSize/Images/Containers/Volumes/BuildCache; "
                  << "the daemon's fields are only in unknown_fields: " << df.unknown_fields->dump().substr(0, 300);
  } else {
    for (const char* key : {"LayersSize", "Images", "Containers", "Volumes", "BuildCache"}) {
      EXPECT_FALSE(df.unknown_fields->contains(key)) << key << " decoded into unknown_fields, not its member";
    }
    ASSERT_TRUE(df.LayersSize.has_value());
    EXPECT_GT(*df.LayersSize, 0);
    ASSERT_TRUE(df.Images.has_value());
    auto image = std::find_if(df.Images->begin(), df.Images->end(), [&](const auto& i) { return i.Id == image_id; });
    ASSERT_NE(image, df.Images->end()) << "busybox " << image_id << " is not in Images";
    ASSERT_TRUE(image->RepoTags.has_value());
    EXPECT_NE(std::find(image->RepoTags->begin(), image->RepoTags->end(), std::string(docker::testing::kBusybox)),
              image->RepoTags->end());
    EXPECT_GT(image->Size.value(), 0);
    // ImageSummary.VirtualSize: gone from the 1.44+ specs, sent by 1.41 (equal to Size there).
    if constexpr (requires { image->VirtualSize; }) {
      EXPECT_EQ(image->VirtualSize.value(), image->Size.value());
    } else {
      ADD_FAILURE() << "ImageSummary has no typed VirtualSize";
    }
    ASSERT_TRUE(df.Containers.has_value());
    auto container =
        std::find_if(df.Containers->begin(), df.Containers->end(), [&](const auto& c) { return c.Id == container_id; });
    ASSERT_NE(container, df.Containers->end()) << "container " << container_id << " is not in Containers";
    EXPECT_EQ(container->ImageID.value(), image_id);
    ASSERT_TRUE(container->Labels.has_value());
    EXPECT_EQ(container->Labels->count(std::string(docker::testing::kTestLabel)), 1u);
    EXPECT_TRUE(df.Volumes.has_value() || df.Volumes.is_null());
    EXPECT_TRUE(df.BuildCache.has_value() || df.BuildCache.is_null());
  }
}

TEST_F(LegacyShapes, SystemDataUsageHasTheDaemonsFieldsTyped) {
  SKIP_ON_PODMAN("/system/df answers LayersSize 0 and no Images entry with busybox's image id");
  auto id = running_container();
  auto image_id = busybox_id();
  auto df = api::SystemApi(*client_).system_data_usage();
  expect_typed_data_usage(df, image_id, id);
}

template <class Inspect>
void expect_typed_image_inspect(const Inspect& inspect, const std::string& daemon_version) {
  if constexpr (!HasLegacyImageInspect<Inspect>) {
    ADD_FAILURE() << "ImageInspect has no typed VirtualSize/Container/ContainerConfig/DockerVersion; "
                  << "unknown_fields: " << inspect.unknown_fields->dump().substr(0, 300);
  } else {
    for (const char* key : {"VirtualSize", "Container", "ContainerConfig", "DockerVersion", "Parent"}) {
      EXPECT_FALSE(inspect.unknown_fields->contains(key)) << key << " decoded into unknown_fields, not its member";
    }
    EXPECT_EQ(inspect.VirtualSize.value(), inspect.Size.value());
    // busybox:latest is imported here (docker import), by this daemon: no build container.
    EXPECT_EQ(inspect.DockerVersion.value(), daemon_version);
    ASSERT_TRUE(inspect.Container.has_value());
    ASSERT_TRUE(inspect.ContainerConfig.has_value());
    EXPECT_EQ(inspect.ContainerConfig->AttachStdin.value(), false);
    EXPECT_TRUE(inspect.ContainerConfig->Env.is_null());
    EXPECT_TRUE(inspect.ContainerConfig->unknown_fields->is_null() || inspect.ContainerConfig->unknown_fields->empty())
        << inspect.ContainerConfig->unknown_fields->dump();
    // ImageConfig lost Hostname, AttachStdin... in 1.50; dockerd 20.10 still sends them.
    ASSERT_TRUE(inspect.Config.has_value());
    if constexpr (requires {
                    inspect.Config->Hostname;
                    inspect.Config->Tty;
                  }) {
      EXPECT_TRUE(inspect.Config->Hostname.has_value());
      EXPECT_EQ(inspect.Config->Tty.value(), false);
      EXPECT_FALSE(inspect.Config->unknown_fields->contains("Hostname"));
    } else {
      ADD_FAILURE() << "ImageConfig has no typed Hostname/Tty";
    }
  }
}

TEST_F(LegacyShapes, ImageInspectHasTheDaemonsFieldsTyped) {
  SKIP_ON_PODMAN("image inspect's DockerVersion is empty (its /version says 4.3.1)");
  api::ImageInspectParams params{};
  params.name = std::string(docker::testing::kBusybox);
  auto inspect = api::ImageApi(*client_).image_inspect(params);
  auto version = api::SystemApi(*client_).system_version();
  expect_typed_image_inspect(inspect, version.Version.value());
}

template <class Inspect>
void expect_typed_network_settings(const Inspect& inspect) {
  ASSERT_TRUE(inspect.NetworkSettings.has_value());
  const auto& settings = *inspect.NetworkSettings;
  if constexpr (!HasLegacyNetworkSettings<std::decay_t<decltype(settings)>>) {
    ADD_FAILURE() << "NetworkSettings has no typed IPAddress/Gateway/MacAddress/IPPrefixLen; "
                  << "unknown_fields: " << settings.unknown_fields->dump().substr(0, 300);
  } else {
    // The top-level fields repeat the default bridge network's endpoint.
    ASSERT_TRUE(settings.Networks.has_value());
    auto bridge = settings.Networks->find("bridge");
    ASSERT_NE(bridge, settings.Networks->end());
    ASSERT_FALSE(bridge->second.IPAddress.value().empty());
    EXPECT_EQ(settings.IPAddress.value(), bridge->second.IPAddress.value());
    EXPECT_EQ(settings.Gateway.value(), bridge->second.Gateway.value());
    EXPECT_EQ(settings.MacAddress.value(), bridge->second.MacAddress.value());
    EXPECT_EQ(settings.IPPrefixLen.value(), bridge->second.IPPrefixLen.value());
    EXPECT_FALSE(settings.unknown_fields->contains("IPAddress"));
  }
}

TEST_F(LegacyShapes, ContainerInspectHasTheBridgeEndpointTyped) {
  SKIP_ON_PODMAN("a container's default network is not named \"bridge\"");
  api::ContainerInspectParams params{};
  params.id = running_container();
  auto inspect = api::ContainerApi(*client_).container_inspect(params);
  expect_typed_network_settings(inspect);
}

}  // namespace
