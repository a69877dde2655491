// Real daemon payloads through the generated models: fetch, decode, encode,
// and compare with the original JSON. Nothing may be lost: unknown fields,
// nulls and enum values the spec does not list all survive. Runs with the
// 1.41 bindings (the test daemon's own version) and the default 1.55 ones
// negotiated down to the daemon's version.
#include <gtest/gtest.h>

#include <cstdlib>

#include "docker/model/codec.hpp"
#include "docker/v1_55.hpp"
#if DOCKER_CPP_HAVE_API_V1_41
#include "docker/v1_41.hpp"
#endif
#include "support/test_env.hpp"

namespace {

template <class Ns>
struct Bindings;

#define DOCKER_CPP_ROUNDTRIP_BINDINGS(ns)                                  \
  struct ns##_tag {};                                                      \
  template <>                                                              \
  struct Bindings<ns##_tag> {                                              \
    static constexpr docker::ApiVersion version = docker::ns::api_version; \
    using ContainerApi = docker::ns::ContainerApi;                         \
    using ContainerCreateParams = docker::ns::ContainerCreateParams;       \
    using ContainerDeleteParams = docker::ns::ContainerDeleteParams;       \
    using Info = docker::ns::SystemInfo;                                   \
    using Version = docker::ns::SystemVersion;                             \
    using ContainerList = std::vector<docker::ns::ContainerSummary>;       \
    using ContainerInspect = docker::ns::ContainerInspectResponse;         \
    using ImageList = std::vector<docker::ns::ImageSummary>;               \
    using ImageInspect = docker::ns::ImageInspect;                         \
    using NetworkList = std::vector<docker::ns::Network>;                  \
    using VolumeList = docker::ns::VolumeListResponse;                     \
    using DataUsage = docker::ns::SystemDataUsageResponse;                 \
  };
DOCKER_CPP_ROUNDTRIP_BINDINGS(v1_55)
#if DOCKER_CPP_HAVE_API_V1_41
DOCKER_CPP_ROUNDTRIP_BINDINGS(v1_41)
#endif
#undef DOCKER_CPP_ROUNDTRIP_BINDINGS

template <class Tag>
class RoundTrip : public ::testing::Test {
 protected:
  using B = Bindings<Tag>;

  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(B::version);
  }

  void TearDown() override {
    if (!container_id_.empty()) {
      typename B::ContainerDeleteParams params{};
      params.id = container_id_;
      params.force = true;
      typename B::ContainerApi(*client_).container_delete(params);
    }
  }

  /// A stopped busybox container, created with the generated ContainerCreate.
  const std::string& container() {
    if (container_id_.empty()) {
      typename B::ContainerCreateParams params{};
      params.name = docker::testing::unique_name("roundtrip");
      params.body.Image = std::string(docker::testing::kBusybox);
      params.body.Cmd = std::vector<std::string>{"true"};
      params.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "1"}};
      params.body.ExposedPorts = docker::KeySet{"80/tcp"};
      auto created = typename B::ContainerApi(*client_).container_create(params);
      container_id_ = created.Id.value();
    }
    return container_id_;
  }

  template <class T>
  void expect_round_trip(const std::string& target) {
    docker::Request request;
    request.target = target;
    auto body = client_->call(std::move(request)).body;
    auto original = nlohmann::json::parse(body);
    auto decoded = docker::decode<T>(body);
    auto again = nlohmann::json::parse(docker::encode(decoded));
    EXPECT_EQ(again, original) << target << " lost or changed: " << nlohmann::json::diff(original, again).dump(1);
  }

  std::unique_ptr<docker::Client> client_;
  std::string container_id_;
};

#if DOCKER_CPP_HAVE_API_V1_41
using AllBindings = ::testing::Types<v1_41_tag, v1_55_tag>;
#else
using AllBindings = ::testing::Types<v1_55_tag>;
#endif
TYPED_TEST_SUITE(RoundTrip, AllBindings);

TYPED_TEST(RoundTrip, Info) { this->template expect_round_trip<typename TestFixture::B::Info>("/info"); }

TYPED_TEST(RoundTrip, Version) { this->template expect_round_trip<typename TestFixture::B::Version>("/version"); }

TYPED_TEST(RoundTrip, ContainerList) {
  this->container();
  this->template expect_round_trip<typename TestFixture::B::ContainerList>("/containers/json?all=1&size=1");
}

TYPED_TEST(RoundTrip, ContainerInspect) {
  auto id = this->container();
  this->template expect_round_trip<typename TestFixture::B::ContainerInspect>("/containers/" + id + "/json?size=1");
}

TYPED_TEST(RoundTrip, ImageList) {
  this->template expect_round_trip<typename TestFixture::B::ImageList>("/images/json?all=1");
}

TYPED_TEST(RoundTrip, ImageInspect) {
  this->template expect_round_trip<typename TestFixture::B::ImageInspect>(
      "/images/" + std::string(docker::testing::kBusybox) + "/json");
}

TYPED_TEST(RoundTrip, Networks) { this->template expect_round_trip<typename TestFixture::B::NetworkList>("/networks"); }

TYPED_TEST(RoundTrip, Volumes) { this->template expect_round_trip<typename TestFixture::B::VolumeList>("/volumes"); }

TYPED_TEST(RoundTrip, SystemDataUsage) {
  this->container();
  this->template expect_round_trip<typename TestFixture::B::DataUsage>("/system/df");
}

}  // namespace
