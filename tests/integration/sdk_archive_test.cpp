// docker::sdk::Archive against the daemon: put a tar into a container, stat
// what arrived (decoded from the HEAD header), get it back as a tar, and the
// daemon refusing to replace a directory when noOverwriteDirNonDir is set.
#include <gtest/gtest.h>

#include <cstdlib>

#include "docker/sdk/archive.hpp"
#include "docker/v1_55.hpp"
#include "docker/v1_55/api.hpp"
#include "server_differences.hpp"
#include "support/tar_writer.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;

namespace {
docker::StreamBody body_of(std::string bytes) {
  auto size = bytes.size();
  return docker::StreamBody{std::make_shared<docker::StringReader>(std::move(bytes)), size};
}
}  // namespace

class SdkArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
    // A created (never started) container: archives work on its file system.
    api::ContainerCreateParams create;
    create.name = docker::testing::unique_name("archive");
    create.body.Image = std::string(docker::testing::kBusybox);
    create.body.Cmd = std::vector<std::string>{"true"};
    create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "archive"}};
    id_ = api::ContainerApi(*client_).container_create(create).Id.value();
  }
  void TearDown() override {
    if (!id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
  }

  std::shared_ptr<docker::Client> client_;
  std::string id_;
};

TEST_F(SdkArchive, PutStatGetRoundTrip) {
  docker::sdk::Archive<api::Api> archive(client_);
  docker::testing::TarWriter tar;
  tar.add_directory("payload");
  tar.add_file("payload/hello.txt", "hello archive\n", 0640);
  tar.add_symlink("payload/link", "hello.txt");
  archive.put(id_, "/tmp", body_of(tar.finish()));

  auto file = archive.stat(id_, "/tmp/payload/hello.txt");
  EXPECT_EQ(file.name, "hello.txt");
  EXPECT_EQ(file.size, 14);
  EXPECT_EQ(file.mode & 0777, 0640u);
  EXPECT_FALSE(file.is_directory());
  EXPECT_FALSE(file.mtime.empty());

  auto dir = archive.stat(id_, "/tmp/payload");
  EXPECT_TRUE(dir.is_directory());
  auto link = archive.stat(id_, "/tmp/payload/link");
  EXPECT_TRUE(link.is_symlink());
  EXPECT_EQ(link.link_target, "/tmp/payload/hello.txt");

  auto back = archive.get(id_, "/tmp/payload/hello.txt")->read_all(1 << 20);
  // A tar: a 512-byte header naming the file, then its content.
  ASSERT_GE(back.size(), 1024u);
  EXPECT_EQ(back.substr(0, 9), "hello.txt");
  EXPECT_EQ(back.substr(512, 14), "hello archive\n");

  EXPECT_THROW(archive.stat(id_, "/tmp/payload/missing"), docker::NotFound);
  EXPECT_THROW(archive.get(id_, "/tmp/payload/missing"), docker::NotFound);
}

TEST_F(SdkArchive, NoOverwriteDirNonDirRefusesToReplaceADirectory) {
  SKIP_ON_PODMAN("500 \"error during bulk transfer for copier.request…\", a message that does not name the directory");
  docker::sdk::Archive<api::Api> archive(client_);
  docker::testing::TarWriter dir_tar;
  dir_tar.add_directory("target");
  archive.put(id_, "/tmp", body_of(dir_tar.finish()));

  docker::testing::TarWriter file_tar;
  file_tar.add_file("target", "now a file\n");
  auto file_over_dir = file_tar.finish();
  try {
    archive.put(id_, "/tmp", body_of(file_over_dir), {.no_overwrite_dir_non_dir = true});
    FAIL() << "the daemon replaced a directory with a file";
  } catch (const docker::ApiError& e) {
    EXPECT_NE(e.message().find("directory"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(archive.stat(id_, "/tmp/target").is_directory());
}

TEST_F(SdkArchive, CopyUidGidIsAccepted) {
  docker::sdk::Archive<api::Api> archive(client_);
  docker::testing::TarWriter tar;
  tar.add_file("owned.txt", "x");
  EXPECT_NO_THROW(archive.put(id_, "/tmp", body_of(tar.finish()), {.copy_uid_gid = true}));
  EXPECT_EQ(archive.stat(id_, "/tmp/owned.txt").size, 1);
}
