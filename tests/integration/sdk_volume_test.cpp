// docker::sdk::Volumes against the daemon: data written by one container is
// read by the next, inspect shows the create options, list and prune filtered
// by a label unique to the test, a volume in use cannot be removed, and the
// prune's `all` across API 1.42.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sdk_resource_fixture.hpp"
#include "server_differences.hpp"

using sdk_test::message_of;

namespace {

class SdkVolumes : public sdk_test::SdkResourceFixture {
 protected:
  /// Busybox options running `script` with `volume` mounted at /data.
  docker::sdk::ContainerOptions with_volume(const std::string& volume, const std::string& script) {
    auto o = busybox({"sh", "-c", script});
    o.labels = labels();
    o.mounts = {{.type = "volume", .source = volume, .target = "/data"}};
    return o;
  }

  std::vector<std::string> names_listed(const docker::Filters& filters) {
    std::vector<std::string> names;
    auto answer = docker().volumes().list(filters);
    for (const auto& v : answer.Volumes.value_or({})) names.push_back(v.Name.value_or(""));
    std::sort(names.begin(), names.end());
    return names;
  }

  bool negotiated_at_least_1_42() { return docker().client().api_version() >= docker::ApiVersion{1, 42}; }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_F(SdkVolumes, DataWrittenByOneContainerIsReadByTheNext) {
  auto o = volume_options("data");
  o.driver = "local";
  auto created = docker().volumes().create(o);
  EXPECT_EQ(created.Name.value_or(""), o.name);

  auto info = docker().volumes().inspect(o.name);
  EXPECT_EQ(info.Name.value_or(""), o.name);
  EXPECT_EQ(info.Driver.value_or(""), "local");
  EXPECT_EQ(info.Labels.value_or({}), o.labels);
  EXPECT_FALSE(info.Mountpoint.value_or("").empty());

  const std::string marker = "written-" + tag_;
  auto writer = docker().run(with_volume(o.name, "echo " + marker + " > /data/note"));
  ASSERT_EQ(writer.exit_code, 0) << writer.err;
  auto reader = docker().run(with_volume(o.name, "cat /data/note"));
  EXPECT_EQ(reader.exit_code, 0) << reader.err;
  EXPECT_EQ(reader.out, marker + "\n");
}

TEST_F(SdkVolumes, CreateWithDriverOptions) {
  SKIP_ON_PODMAN("500 \"volume options size and inodes not supported. Filesystem does not support Project Quota\"");
  // The local driver's tmpfs: the options are what inspect reports, and they take effect.
  auto o = volume_options("tmpfs");
  o.driver_options = {{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", "size=1m"}};
  docker().volumes().create(o);
  EXPECT_EQ(docker().volumes().inspect(o.name).Options.value_or({}), o.driver_options);
  auto mounted = docker().run(with_volume(o.name, "grep ' /data ' /proc/mounts"));
  EXPECT_EQ(mounted.exit_code, 0) << mounted.err;
  EXPECT_NE(mounted.out.find("tmpfs"), std::string::npos) << mounted.out;
  EXPECT_NE(mounted.out.find("size=1024k"), std::string::npos) << mounted.out;
}

TEST_F(SdkVolumes, ListFilteredByLabelFindsExactlyTheTestsVolumes) {
  auto a = volume_options("list-a");
  auto b = volume_options("list-b");
  auto other = volume_options("list-other");
  other.labels = {{std::string(docker::testing::kTestLabel), tag_ + "-other"}};
  for (const auto& o : {a, b, other}) docker().volumes().create(o);

  EXPECT_EQ(names_listed(label_filter()), sorted({a.name, b.name}));
  EXPECT_EQ(names_listed({{"name", {other.name}}}), std::vector<std::string>{other.name});
}

TEST_F(SdkVolumes, RemoveInUseIsConflictThenRemoveThenNotFound) {
  auto o = volume_options("in-use");
  docker().volumes().create(o);
  auto user = create(with_volume(o.name, "true"));  // created, never started: still uses it

  auto in_use = message_of<docker::Conflict>([&] { docker().volumes().remove(o.name); });
  EXPECT_NE(in_use.find(o.name), std::string::npos) << in_use;
  EXPECT_THROW(docker().volumes().remove(o.name, /*force=*/true), docker::Conflict);

  user.remove();
  docker().volumes().remove(o.name);
  EXPECT_THROW((void)docker().volumes().inspect(o.name), docker::NotFound);
  auto gone = message_of<docker::NotFound>([&] { docker().volumes().remove(o.name); });
  EXPECT_NE(gone.find(o.name), std::string::npos) << gone;
  EXPECT_THROW((void)docker().volumes().inspect(""), docker::InvalidInput);
}

TEST_F(SdkVolumes, CreateWithAnInvalidNameIsInvalidArgument) {
  SKIP_ON_PODMAN("500 \"names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument\"");
  // The daemon's answer to a name the local driver refuses (400).
  auto bad = message_of<docker::InvalidArgument>([&] { docker().volumes().create({.name = "bad/" + tag_}); });
  EXPECT_NE(bad.find("invalid characters"), std::string::npos) << bad;
}

TEST_F(SdkVolumes, PruneFilteredByLabelReportsNamesAndSpace) {
  auto full = volume_options("prune-full");
  auto empty = volume_options("prune-empty");
  auto busy = volume_options("prune-busy");
  auto other = volume_options("prune-other");
  other.labels = {{std::string(docker::testing::kTestLabel), tag_ + "-other"}};
  for (const auto& o : {full, empty, busy, other}) docker().volumes().create(o);
  constexpr int kKiB = 256;
  auto writer =
      docker().run(with_volume(full.name, "dd if=/dev/zero of=/data/blob bs=1024 count=" + std::to_string(kKiB)));
  ASSERT_EQ(writer.exit_code, 0) << writer.err;
  create(with_volume(busy.name, "true"));  // a volume a container uses is not pruned

  auto pruned = docker().volumes().prune({.filters = label_filter(), .all = true});
  EXPECT_EQ(sorted(pruned.removed), sorted({full.name, empty.name}));
  EXPECT_GE(pruned.space_reclaimed, kKiB * 1024);
  EXPECT_THROW((void)docker().volumes().inspect(full.name), docker::NotFound);
  EXPECT_EQ(docker().volumes().inspect(busy.name).Name.value_or(""), busy.name);
  EXPECT_EQ(docker().volumes().inspect(other.name).Name.value_or(""), other.name);
}

TEST_F(SdkVolumes, PruneOfAnonymousOnlyAcrossApi142) {
  auto named = volume_options("prune-named");
  docker().volumes().create(named);
  if (!negotiated_at_least_1_42()) {
    // Below 1.42 the daemon would remove the named volume too: refused, nothing sent.
    auto refused = message_of<docker::VersionError>(
        [&] { (void)docker().volumes().prune({.filters = label_filter(), .all = false}); });
    EXPECT_NE(refused.find("VolumePruneOptions::all"), std::string::npos) << refused;
    EXPECT_THROW((void)docker().system().prune_volumes({.filters = label_filter()}), docker::VersionError);
  } else {
    // From 1.42 a named volume survives a prune without `all`.
    EXPECT_TRUE(docker().volumes().prune({.filters = label_filter()}).removed.empty());
  }
  EXPECT_EQ(docker().volumes().inspect(named.name).Name.value_or(""), named.name);
  auto pruned = docker().system().prune_volumes({.filters = label_filter(), .all = true});
  EXPECT_EQ(pruned.removed, std::vector<std::string>{named.name});
}
