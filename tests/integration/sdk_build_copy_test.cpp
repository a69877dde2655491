// docker build from a directory and docker cp, against the daemon: what the
// built image holds (run it and list its files), what the copies keep, and
// the peak RSS of this process while 1 GiB goes through (printed).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "docker/files/tar.hpp"
#include "docker/sdk/build.hpp"
#include "integration/sdk_test_fixture.hpp"
#include "integration/server_differences.hpp"
#include "support/temp_dir.hpp"

namespace sdk_test {
namespace {
namespace fs = std::filesystem;
using docker::testing::TempDir;

constexpr std::int64_t kGiB = std::int64_t{1} << 30;
// What streaming 1 GiB may add to the process' peak RSS: the data must not
// be held. A growth bound, not an absolute one: the test process' own size
// differs by build (about 17 MiB in Release, 62 MiB under ASan).
constexpr long kRssGrowthBoundKiB = 16 * 1024;

/// VmHWM in KiB.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

/// Resets this process' peak RSS (Linux: clear_refs 5), so the next reading
/// covers what follows; returns the peak right after (the starting size).
long reset_peak_rss() {
  std::ofstream("/proc/self/clear_refs") << "5";
  return peak_rss_kib();
}

/// A sparse file of `size` bytes ending in "END".
void make_big_file(const fs::path& path, std::int64_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, size), 0);
  ASSERT_EQ(::pwrite(fd, "END", 3, size - 3), 3);
  ::close(fd);
}

std::string tail_of(const fs::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(-static_cast<std::streamoff>(n), std::ios::end);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  return out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class SdkBuildCopy : public SdkFixture {
 protected:
  void TearDown() override {
    SdkFixture::TearDown();
    for (const auto& image : images_) {
      try {
        (void)docker().images().remove(image, {.force = true});
      } catch (const docker::NotFound&) {
      }
    }
  }

  docker::sdk::BuildOptions labelled() {
    docker::sdk::BuildOptions o;
    o.labels[std::string(docker::testing::kTestLabel)] = "sdk-build";
    o.rm = true;
    o.force_rm = true;
    o.network_mode = "none";
    return o;
  }

  std::string build(const fs::path& context, docker::sdk::BuildOptions options) {
    auto id = docker().build(context, options).wait();
    EXPECT_FALSE(id.empty());
    images_.push_back(id);
    return id;
  }

  /// Runs `script` in a container of `image` and returns its output.
  std::string run_in(const std::string& image, const std::string& script) {
    auto o = busybox({"sh", "-c", script});
    o.image = image;
    auto result = docker().run(o);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    return result.out;
  }

  std::vector<std::string> images_;
};

TEST_F(SdkBuildCopy, MultiStageBuildWithArgsLabelsTargetTagsAndIgnore) {
  SKIP_ON_PODMAN("buildah's step lines read \"STEP n/m: …\", not \"Step n/m : …\"");
  TempDir ctx;
  ctx.write("Dockerfile",
            "FROM busybox:latest AS base\n"
            "ARG GREETING=none\n"
            "COPY . /ctx/\n"
            "RUN echo \"$GREETING\" > /greeting\n"
            "FROM base AS final\n"
            "RUN echo final > /final\n");
  ctx.write(".dockerignore", "# build test\nsecret.txt\n/logs\ncache\n!cache/keep.txt\n**/*.tmp\n");
  ctx.write("app.txt", "app");
  ctx.write("secret.txt", "secret");
  ctx.write("logs/a.log", "log");
  ctx.write("cache/drop.txt", "drop");
  ctx.write("cache/keep.txt", "keep");
  ctx.write("sub/x.tmp", "tmp");
  std::string long_name(120, 'L');
  ctx.write("sub/" + long_name, "long");
  fs::create_directories(ctx / "emptydir");

  auto name = docker::testing::unique_name("sdk-build");
  auto options = labelled();
  options.tags = {name + ":one", name + ":two"};
  options.build_args = {{"GREETING", "hello-arg"}};
  options.labels["org.docker-cpp.build-test"] = name;
  options.target = "base";
  std::vector<std::string> steps;
  auto reader = docker().build(ctx.path(), options);
  auto id = reader.wait([&](const docker::sdk::BuildMessage& m) {
    if (m.kind == docker::sdk::BuildMessage::Kind::stream && m.stream.rfind("Step ", 0) == 0) steps.push_back(m.stream);
  });
  images_.push_back(id);
  ASSERT_EQ(id.rfind("sha256:", 0), 0u) << id;
  ASSERT_GE(steps.size(), 4u);
  for (const auto& step : steps) EXPECT_EQ(step.find("final"), std::string::npos) << "built past the target: " << step;

  nlohmann::json info = docker().images().inspect(id);
  EXPECT_EQ(info["Config"]["Labels"]["org.docker-cpp.build-test"], name);
  auto tags = info["RepoTags"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(tags.begin(), tags.end(), name + ":one"), tags.end()) << info["RepoTags"];
  EXPECT_NE(std::find(tags.begin(), tags.end(), name + ":two"), tags.end()) << info["RepoTags"];

  auto listing = run_in(id, "cat /greeting; test -e /final && echo FINAL-STAGE; cd /ctx && find . | sort");
  std::cout << "[ image files ]\n" << listing;
  EXPECT_NE(listing.find("hello-arg"), std::string::npos);
  EXPECT_EQ(listing.find("FINAL-STAGE"), std::string::npos) << "built past the target";
  EXPECT_NE(listing.find("./app.txt\n"), std::string::npos);
  EXPECT_NE(listing.find("./cache/keep.txt\n"), std::string::npos) << "the ! exception";
  EXPECT_NE(listing.find("./emptydir\n"), std::string::npos);
  EXPECT_NE(listing.find("./sub/" + long_name + "\n"), std::string::npos);
  EXPECT_EQ(listing.find("secret.txt"), std::string::npos);
  EXPECT_EQ(listing.find("logs"), std::string::npos);
  EXPECT_EQ(listing.find("drop.txt"), std::string::npos);
  EXPECT_EQ(listing.find("x.tmp"), std::string::npos);
}

TEST_F(SdkBuildCopy, FailingRunRaisesBuildErrorWithTheStepOutput) {
  SKIP_ON_PODMAN("building at STEP \"RUN …\": while running runtime: exit status 3; \"STEP n/m: …\" lines");
  TempDir ctx;
  ctx.write("Dockerfile", "FROM busybox:latest\nRUN echo before-step\nRUN echo out-of-step-3 && exit 3\n");
  try {
    (void)docker().build(ctx.path(), labelled()).wait();
    FAIL() << "the build succeeded";
  } catch (const docker::sdk::BuildError& e) {
    std::cout << "BuildError: " << e.message() << "\n";
    for (const auto& line : e.output()) std::cout << "  | " << line << "\n";
    EXPECT_NE(e.message().find("returned a non-zero code: 3"), std::string::npos) << e.message();
    ASSERT_FALSE(e.output().empty());
    // "Step 3/4": the builder counts the LABEL step the labels add.
    EXPECT_TRUE(std::regex_search(e.output().front(), std::regex("^Step 3/\\d+ : RUN echo out-of-step-3")))
        << e.output().front();
    bool printed = false;
    for (const auto& line : e.output()) printed = printed || line == "out-of-step-3";
    EXPECT_TRUE(printed);
    for (const auto& line : e.output()) EXPECT_NE(line, "before-step") << "an earlier step's output";
  }
}

TEST_F(SdkBuildCopy, BuildBadInputIsRefusedBeforeSending) {
  TempDir ctx;
  try {
    (void)docker().build(ctx / "missing", labelled());
    FAIL();
  } catch (const docker::files::FileError& e) {
    EXPECT_EQ(e.file(), (ctx / "missing").string());
  }
  try {
    (void)docker().build(ctx.path(), labelled());
    FAIL();
  } catch (const docker::files::FileError& e) {
    EXPECT_EQ(e.file(), (ctx / "Dockerfile").string()) << e.what();
  }
  ctx.write("Dockerfile", "FROM busybox:latest\n");
  auto options = labelled();
  options.dockerfile = "../Dockerfile";
  EXPECT_THROW((void)docker().build(ctx.path(), options), docker::InvalidInput);
  options.dockerfile = "sub/Dockerfile.other";
  try {
    (void)docker().build(ctx.path(), options);
    FAIL();
  } catch (const docker::files::FileError& e) {
    EXPECT_EQ(e.file(), (ctx / "sub/Dockerfile.other").string());
  }
  ctx.write(".dockerignore", "[\n");
  try {
    (void)docker().build(ctx.path(), labelled());
    FAIL();
  } catch (const docker::InvalidInput& e) {
    EXPECT_NE(e.message().find("\"[\""), std::string::npos) << e.message();
  }
}

TEST_F(SdkBuildCopy, DockerfileInASubdirectoryAndIgnoredStillSent) {
  TempDir ctx;
  ctx.write("build/app.Dockerfile", "FROM busybox:latest\nCOPY data.txt /data.txt\n");
  ctx.write(".dockerignore", "build\n.dockerignore\n");
  ctx.write("data.txt", "payload");
  auto options = labelled();
  options.dockerfile = "build/app.Dockerfile";
  auto id = build(ctx.path(), options);
  EXPECT_EQ(run_in(id, "cat /data.txt"), "payload");
}

TEST_F(SdkBuildCopy, StreamsA1GiBContextInBoundedMemory) {
  TempDir ctx;
  ctx.write("Dockerfile", "FROM busybox:latest\nCOPY small.txt /small.txt\n");
  ctx.write("small.txt", "s");
  make_big_file(ctx / "big.bin", kGiB);
  long before = reset_peak_rss();
  auto id = build(ctx.path(), labelled());
  long peak = peak_rss_kib();
  std::printf("[ memory ] build with a 1 GiB context: peak RSS %ld KiB (%ld KiB at start)\n", peak, before);
  EXPECT_LT(peak - before, kRssGrowthBoundKiB);
  EXPECT_FALSE(id.empty());
}

TEST_F(SdkBuildCopy, CopyFilesAndDirectoriesBothWays) {
  auto c = create_cmd({"sleep", "300"});
  c.start();
  TempDir host;
  host.write("tree/run.sh", "#!/bin/sh\necho hi\n");
  ::chmod((host / "tree/run.sh").c_str(), 0750);
  fs::create_symlink("run.sh", host / "tree/link");
  fs::create_directories(host / "tree/empty");
  std::string long_name(130, 'n');
  host.write("tree/" + long_name, "long");
  host.write("note.txt", "note");

  c.copy_to(host / "tree", "/tmp");                  // into an existing directory: /tmp/tree
  c.copy_to(host / "note.txt", "/tmp/renamed.txt");  // a file under a new name
  c.copy_to(host / "tree", "/tmp/tree-copy");        // a directory under a new name
  auto seen =
      c.exec({"sh", "-c",
              "stat -c '%a %n' /tmp/tree/run.sh; readlink /tmp/tree/link; test -d /tmp/tree/empty && echo EMPTY;"
              "cat /tmp/renamed.txt; echo; cat /tmp/tree-copy/" +
                  long_name});
  std::cout << seen.out;
  EXPECT_NE(seen.out.find("750 /tmp/tree/run.sh"), std::string::npos);
  EXPECT_NE(seen.out.find("\nrun.sh\n"), std::string::npos);
  EXPECT_NE(seen.out.find("EMPTY"), std::string::npos);
  EXPECT_NE(seen.out.find("note\nlong"), std::string::npos);

  TempDir back;
  c.copy_from("/tmp/tree", back / "tree-back");  // a new name
  c.copy_from("/tmp/renamed.txt", back.path());  // into an existing directory
  EXPECT_EQ(read_text(back / "tree-back/run.sh"), "#!/bin/sh\necho hi\n");
  struct stat st {};
  ::stat((back / "tree-back/run.sh").c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0750u);
  EXPECT_EQ(fs::read_symlink(back / "tree-back/link"), "run.sh");
  EXPECT_TRUE(fs::is_directory(back / "tree-back/empty"));
  EXPECT_EQ(read_text(back / "tree-back" / long_name), "long");
  EXPECT_EQ(read_text(back / "renamed.txt"), "note");
  c.copy_from("/tmp/tree/run.sh", back / "renamed.txt");  // replaces a file
  EXPECT_EQ(read_text(back / "renamed.txt"), "#!/bin/sh\necho hi\n");
}

TEST_F(SdkBuildCopy, Copy1GiBBothWaysInBoundedMemory) {
  auto c = create_cmd({"true"});  // the archive endpoints work on a stopped container
  TempDir host;
  make_big_file(host / "big.bin", kGiB);
  long up_start = reset_peak_rss();
  c.copy_to(host / "big.bin", "/big.bin");
  long up = peak_rss_kib();
  long down_start = reset_peak_rss();
  c.copy_from("/big.bin", host / "back.bin");
  long down = peak_rss_kib();
  std::printf(
      "[ memory ] copy_to of 1 GiB: peak RSS %ld KiB (%ld at start); copy_from of 1 GiB: %ld KiB (%ld at start)\n", up,
      up_start, down, down_start);
  EXPECT_LT(up - up_start, kRssGrowthBoundKiB);
  EXPECT_LT(down - down_start, kRssGrowthBoundKiB);
  EXPECT_EQ(fs::file_size(host / "back.bin"), static_cast<std::uintmax_t>(kGiB));
  EXPECT_EQ(tail_of(host / "back.bin", 3), "END");
}

TEST_F(SdkBuildCopy, CopyToAMissingContainerDirectoryIsNotFound) {
  SKIP_ON_PODMAN("PUT /archive creates the missing parent directories");
  auto c = create_cmd({"true"});
  TempDir host;
  host.write("f.txt", "f");
  try {
    c.copy_to(host / "f.txt", "/no/such/dir/f.txt");
    FAIL();
  } catch (const docker::NotFound& e) {
    std::cout << "copy_to, missing parent: " << e.what() << "\n";
    EXPECT_NE(e.message().find("/no/such/dir"), std::string::npos) << e.message();
  }
}

TEST_F(SdkBuildCopy, CopyBadInputIsTypedAndLeavesNothing) {
  auto c = create_cmd({"true"});
  TempDir host;
  host.write("f.txt", "f");
  try {
    c.copy_to(host / "missing", "/tmp");
    FAIL();
  } catch (const docker::files::FileError& e) {
    EXPECT_EQ(e.file(), (host / "missing").string());
  }
  try {
    c.copy_from("/etc/hostname", host / "no/such/out");
    FAIL();
  } catch (const docker::files::FileError& e) {
    EXPECT_EQ(e.file(), (host / "no/such").string());
  }
  try {
    c.copy_from("/no/such/file", host / "out");
    FAIL();
  } catch (const docker::NotFound& e) {
    std::cout << "copy_from, missing path: " << e.what() << "\n";
  }
  EXPECT_FALSE(fs::exists(host / "out"));
  EXPECT_FALSE(fs::exists(host / "no"));
  EXPECT_EQ(std::distance(fs::directory_iterator(host.path()), fs::directory_iterator()), 1) << "only f.txt";
}

}  // namespace
}  // namespace sdk_test
