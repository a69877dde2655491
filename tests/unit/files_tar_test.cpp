// The tar facility: a host tree through tar_stream() and back through
// extract_tar() keeps files, empty directories, symlinks (not followed),
// modes, mtimes and long names; hostile archives are refused naming the
// entry and leave nothing behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "docker/files/ignore.hpp"
#include "docker/files/tar.hpp"
#include "support/tar_writer.hpp"
#include "support/temp_dir.hpp"

namespace docker::files {
namespace {
namespace fs = std::filesystem;
using docker::testing::TempDir;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::lstat(p.c_str(), &st);
  return st.st_mode & 07777;
}

std::string entries(const fs::path& root) {
  std::string out;
  std::vector<std::string> names;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    names.push_back(fs::relative(it->path(), root).string() + (it->is_symlink() ? "@" : it->is_directory() ? "/" : ""));
  std::sort(names.begin(), names.end());
  for (auto& n : names) out += n + " ";
  return out;
}

TEST(FilesTar, TreeRoundTripsWithModesLinksEmptyDirsAndLongNames) {
  TempDir src, dst;
  src.write("tree/a.txt", "alpha");
  src.write("tree/sub/b.sh", "#!/bin/sh\n");
  ::chmod((src / "tree/sub/b.sh").c_str(), 0750);
  fs::create_directories(src / "tree/empty");
  fs::create_symlink("../a.txt", src / "tree/sub/link");
  fs::create_symlink("/etc/passwd", src / "tree/abs-link");  // kept as a link, never followed
  std::string long_name(150, 'n');
  src.write("tree/" + long_name + "/" + long_name, "long");
  struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};  // 2001-09-09
  ::utimensat(AT_FDCWD, (src / "tree/a.txt").c_str(), times, 0);

  auto body = tar_stream(src / "tree", {.top_name = "copy"});
  EXPECT_FALSE(body.length.has_value());
  extract_tar(*body.reader, dst / "out", {.single_top_entry = true});

  auto out = dst / "out";
  EXPECT_EQ(read_file(out / "a.txt"), "alpha");
  EXPECT_EQ(mode_of(out / "sub/b.sh"), 0750u);
  EXPECT_TRUE(fs::is_directory(out / "empty"));
  EXPECT_EQ(fs::read_symlink(out / "sub/link"), "../a.txt");
  EXPECT_EQ(fs::read_symlink(out / "abs-link"), "/etc/passwd");
  EXPECT_EQ(read_file(out / long_name / long_name), "long");
  struct stat st {};
  ::stat((out / "a.txt").c_str(), &st);
  EXPECT_EQ(st.st_mtime, 1000000000);
  // Nothing else was left in the destination's parent (the temporary sibling is gone).
  EXPECT_EQ(std::distance(fs::directory_iterator(dst.path()), fs::directory_iterator()), 1);
}

TEST(FilesTar, ContextRootAndIgnoreFilter) {
  TempDir src, dst;
  src.write("Dockerfile", "FROM scratch\n");
  src.write("keep/x", "x");
  src.write("cache/drop", "d");
  src.write("cache/keep.txt", "k");
  src.write("debug.log", "l");
  PatternMatcher ignore({"cache", "!cache/keep.txt", "*.log"});
  auto body = tar_stream(src.path(), {.filter = [&](const std::string& p, bool d) { return ignore.filter(p, d); }});
  extract_tar(*body.reader, dst / "ctx");
  EXPECT_EQ(entries(dst / "ctx"), "Dockerfile cache/ cache/keep.txt keep/ keep/x ");
}

TEST(FilesTar, SingleFileUnderAnotherNameReplacesAFile) {
  TempDir src, dst;
  src.write("f", "new");
  dst.write("target", "old");
  auto body = tar_stream(src / "f", {.top_name = "renamed"});
  extract_tar(*body.reader, dst / "target", {.single_top_entry = true});
  EXPECT_EQ(read_file(dst / "target"), "new");
}

TEST(FilesTar, MissingOrUnreadableSourceIsRefusedBeforeStreaming) {
  TempDir src;
  try {
    (void)tar_stream(src / "missing");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), (src / "missing").string());
  }
  if (::geteuid() == 0) GTEST_SKIP() << "root reads everything";
  auto secret = src.write("dir/secret", "s");
  ::chmod(secret.c_str(), 0);
  try {
    (void)tar_stream(src / "dir");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), secret.string());
    EXPECT_NE(e.message().find("secret"), std::string::npos) << e.message();
  }
}

void expect_refused(const std::string& archive, const std::string& entry) {
  TempDir dst;
  StringReader reader(archive);
  try {
    extract_tar(reader, dst / "out");
    ADD_FAILURE() << "extracted " << entry;
  } catch (const UnsafeArchiveEntry& e) {
    EXPECT_EQ(e.file(), entry) << e.message();
  }
  EXPECT_TRUE(fs::is_empty(dst.path())) << "left behind: " << entries(dst.path());
}

TEST(FilesTar, HostileEntriesAreRefusedAndNothingIsLeft) {
  {
    docker::testing::TarWriter t;
    t.add_file("ok", "fine");
    t.add_file("../escape", "x");
    expect_refused(t.finish(), "../escape");
  }
  {
    docker::testing::TarWriter t;
    t.add_file("a/../../escape", "x");
    expect_refused(t.finish(), "a/../../escape");
  }
  {
    docker::testing::TarWriter t;
    t.add_file("/etc/evil", "x");
    expect_refused(t.finish(), "/etc/evil");
  }
  {
    TempDir outside;
    docker::testing::TarWriter t;
    t.add_symlink("link", outside.path().string());
    t.add_file("link/planted", "x");
    expect_refused(t.finish(), "link/planted");
    EXPECT_FALSE(fs::exists(outside / "planted"));
  }
}

TEST(FilesTar, TruncatedArchiveLeavesNothing) {
  docker::testing::TarWriter t;
  t.add_file("big", std::string(100000, 'b'));
  std::string archive = t.finish().substr(0, 5000);
  TempDir dst;
  StringReader reader(archive);
  EXPECT_THROW(extract_tar(reader, dst / "out"), FileError);
  EXPECT_TRUE(fs::is_empty(dst.path()));
}

TEST(FilesTar, MissingParentOrExistingDestinationIsRefused) {
  TempDir dst;
  docker::testing::TarWriter t;
  t.add_file("f", "x");
  std::string archive = t.finish();
  StringReader r1(archive);
  try {
    extract_tar(r1, dst / "no/such/out");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), (dst / "no/such").string());
  }
  fs::create_directory(dst / "there");
  StringReader r2(archive);
  EXPECT_THROW(extract_tar(r2, dst / "there"), FileError);
  EXPECT_TRUE(fs::is_empty(dst / "there"));
}

}  // namespace
}  // namespace docker::files
