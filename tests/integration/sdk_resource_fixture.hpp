// What the Networks / Volumes / System tests share: the sdk fixture plus
// networks and volumes removed after each test, and a label value unique to
// the test, so that lists and prunes filtered by it see only this test's
// objects while other tests use the same daemon.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "docker/v1_55.hpp"
#include "sdk_test_fixture.hpp"

namespace sdk_test {

class SdkResourceFixture : public SdkFixture {
 protected:
  void SetUp() override {
    SdkFixture::SetUp();
    tag_ = docker::testing::unique_name("res");
  }
  void TearDown() override {
    // Containers first: they hold networks and volumes.
    SdkFixture::TearDown();
    for (const auto& name : networks_) {
      try {
        docker().networks().remove(name);
      } catch (const docker::Error&) {
        // removed by the test itself
      }
    }
    for (const auto& name : volumes_) {
      try {
        docker().volumes().remove(name, /*force=*/true);
      } catch (const docker::Error&) {
      }
    }
  }

  /// The label selecting this test's objects: {kTestLabel: tag_}.
  std::map<std::string, std::string> labels() const { return {{std::string(docker::testing::kTestLabel), tag_}}; }
  docker::Filters label_filter() const { return {{"label", {std::string(docker::testing::kTestLabel) + "=" + tag_}}}; }

  /// Network options with a unique name and this test's label, removed after the test.
  docker::sdk::NetworkOptions network_options(std::string what = "net") {
    docker::sdk::NetworkOptions o;
    o.name = docker::testing::unique_name(what);
    o.labels = labels();
    networks_.push_back(o.name);
    return o;
  }
  std::string create_network(docker::sdk::NetworkOptions o) {
    docker().networks().create(o);
    return o.name;
  }

  docker::sdk::VolumeOptions volume_options(std::string what = "vol") {
    docker::sdk::VolumeOptions o;
    o.name = docker::testing::unique_name(what);
    o.labels = labels();
    volumes_.push_back(o.name);
    return o;
  }

  /// A busybox container on `network` (the fixture's default is no network).
  docker::sdk::ContainerOptions on_network(std::vector<std::string> cmd, const std::string& network) {
    auto o = busybox(std::move(cmd));
    o.network_mode = network;
    o.labels = labels();
    return o;
  }

  /// A /24 in 10.200-249.x.0, so that parallel runs rarely pick the same one
  /// (the daemon refuses overlapping pools).
  static std::string random_subnet_prefix() {
    std::random_device device;
    return "10." + std::to_string(200 + device() % 50) + "." + std::to_string(device() % 256) + ".";
  }

  std::string tag_;
  std::vector<std::string> networks_;
  std::vector<std::string> volumes_;
};

/// The message of the `E` that `f` throws ("" and a test failure if none).
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected " << typeid(E).name() << ", got " << typeid(e).name() << ": " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected " << typeid(E).name() << ", nothing thrown";
  return {};
}

}  // namespace sdk_test
