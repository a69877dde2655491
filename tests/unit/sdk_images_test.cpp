// The image/registry/archive part of docker::sdk over a fake Doer: what is
// sent (flags, X-Registry-Auth, default tags) and how answers are read
// (remove lists without empty entries, typed registry failures from a
// status or from inside a progress stream, load output, path stat).
#include <gtest/gtest.h>

#include "docker/auth/base64.hpp"
#include "docker/sdk/archive.hpp"
#include "docker/sdk/docker.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/progress.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/v1_55.hpp"
#include "docker/v1_55/api.hpp"
#include "support/fake_doer.hpp"

namespace docker::sdk {
namespace {

using Api = docker::v1_55::Api;
using testing::FakeDoer;

class SdkImagesUnit : public ::testing::Test {
 protected:
  std::shared_ptr<FakeDoer> doer_ = std::make_shared<FakeDoer>();
  std::shared_ptr<Client> client_ =
      std::make_shared<Client>(doer_, ApiVersion{1, 55}, ClientOptions{.pinned_version = ApiVersion{1, 41}});
  Images<Api> images_{client_};
};

StreamBody body_of(std::string bytes) {
  auto size = bytes.size();
  return StreamBody{std::make_shared<StringReader>(std::move(bytes)), size};
}

TEST(ImageReference, SplitsTagFromPortAndDigest) {
  auto r = parse_image_reference("127.0.0.1:5000/team/app:v1");
  EXPECT_EQ(r.repository, "127.0.0.1:5000/team/app");
  EXPECT_EQ(r.tag, "v1");
  r = parse_image_reference("127.0.0.1:5000/app");
  EXPECT_EQ(r.repository, "127.0.0.1:5000/app");
  EXPECT_EQ(r.tag, "");
  r = parse_image_reference("busybox@sha256:abc");
  EXPECT_EQ(r.repository, "busybox");
  EXPECT_EQ(r.digest, "sha256:abc");
  r = parse_image_reference("busybox:1.36@sha256:abc");
  EXPECT_EQ(r.tag, "1.36");
  EXPECT_EQ(r.digest, "sha256:abc");
}

TEST(RegistryFailure, ClassifiesWhatDockerdSays) {
  EXPECT_EQ(
      classify_registry_message("login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized"),
      RegistryFailure::unauthorized);
  EXPECT_EQ(classify_registry_message("unauthorized: authentication required"), RegistryFailure::unauthorized);
  EXPECT_EQ(classify_registry_message("Head \"http://r/v2/x/manifests/v1\": no basic auth credentials"),
            RegistryFailure::unauthorized);
  EXPECT_EQ(
      classify_registry_message("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"),
      RegistryFailure::unreachable);
  EXPECT_EQ(classify_registry_message("tag does not exist: r/x:nope"), RegistryFailure::not_found);
  // The daemon's own backend failing is not an unreachable registry.
  EXPECT_EQ(classify_registry_message("dial unix /run/containerd/containerd.sock: connect: connection refused"),
            RegistryFailure::other);
  EXPECT_EQ(classify_registry_message("An image does not exist locally with the tag: r/x"), RegistryFailure::not_found);
  EXPECT_EQ(classify_registry_message("no space left on device"), RegistryFailure::other);
}

TEST(LoadOutput, NamesAndIds) {
  EXPECT_EQ(loaded_image_name("Loaded image: busybox:latest\n"), "busybox:latest");
  EXPECT_EQ(loaded_image_name("Loaded image ID: sha256:abc\n"), "sha256:abc");
  EXPECT_EQ(loaded_image_name("Loading layer 1/2"), std::nullopt);
}

TEST_F(SdkImagesUnit, RemoveLeavesOutEmptyEntries) {
  doer_->push(
      200, R"([{"Untagged":"a:1"},{},{"Untagged":""},{"Deleted":"sha256:1"},{"Deleted":"sha256:2","Untagged":null}])");
  auto removed = images_.remove("a:1", {.force = true, .no_prune = true});
  EXPECT_EQ(removed.untagged, std::vector<std::string>{"a:1"});
  EXPECT_EQ(removed.deleted, (std::vector<std::string>{"sha256:1", "sha256:2"}));
  EXPECT_EQ(doer_->last().method, "DELETE");
  EXPECT_EQ(doer_->last().target, "/v1.41/images/a:1?force=1&noprune=1");
}

TEST_F(SdkImagesUnit, PruneReadsNullListAndSpace) {
  doer_->push(200, R"({"ImagesDeleted":null,"SpaceReclaimed":0})");
  auto pruned = images_.prune({{"label", {"x=y"}}});
  EXPECT_TRUE(pruned.deleted.empty() && pruned.untagged.empty());
  EXPECT_NE(doer_->last().target.find("filters="), std::string::npos);

  doer_->push(200, R"({"ImagesDeleted":[{"Untagged":"a:1"},{"Deleted":"sha256:1"},{}],"SpaceReclaimed":42})");
  pruned = images_.prune();
  EXPECT_EQ(pruned.untagged, std::vector<std::string>{"a:1"});
  EXPECT_EQ(pruned.deleted, std::vector<std::string>{"sha256:1"});
  EXPECT_EQ(pruned.space_reclaimed, 42);
}

TEST_F(SdkImagesUnit, PushSendsCredentialsAndDefaultTag) {
  doer_->push(200, R"({"status":"Pushed","id":"abc"})"
                   "\n"
                   R"({"progressDetail":{},"aux":{"Tag":"latest","Digest":"sha256:d","Size":1}})");
  auth::AuthConfig credentials{.username = "u", .password = "p", .serveraddress = "127.0.0.1:5000"};
  auto last = images_.push("127.0.0.1:5000/app", {.auth = credentials}).wait();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->aux.value("Digest", ""), "sha256:d");
  auto request = doer_->last();
  EXPECT_EQ(request.target, "/v1.41/images/127.0.0.1:5000/app/push?tag=latest");
  auto header = request.headers.get("X-Registry-Auth");
  ASSERT_TRUE(header);
  auto decoded = auth::base64_decode(*header, auth::Base64Alphabet::url);
  ASSERT_TRUE(decoded);
  auto json = nlohmann::json::parse(*decoded);
  EXPECT_EQ(json["username"], "u");
  EXPECT_EQ(json["password"], "p");
  EXPECT_EQ(json["serveraddress"], "127.0.0.1:5000");
}

TEST_F(SdkImagesUnit, PullWithoutTagPullsLatestNotEveryTag) {
  doer_->push(200, R"({"status":"Status: Image is up to date for app:latest"})");
  images_.pull("app", {.use_config_file = false}).wait();
  EXPECT_EQ(doer_->last().target, "/v1.41/images/create?fromImage=app&tag=latest");
  // An empty X-Registry-Auth is still sent (20.10 refuses a push without one).
  EXPECT_TRUE(doer_->last().headers.get("X-Registry-Auth"));
}

TEST_F(SdkImagesUnit, ErrorInsideTheProgressStreamIsTyped) {
  doer_->push(
      200,
      R"({"status":"Preparing","id":"l1"})"
      "\n"
      R"({"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"})");
  auto progress = images_.push("r/app:v1", {.auth = auth::AuthConfig{}});
  auto first = progress.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, "Preparing");
  try {
    progress.next();
    FAIL() << "no error";
  } catch (const Unauthorized& e) {
    EXPECT_EQ(e.status(), 0);
    EXPECT_EQ(e.message(), "unauthorized: authentication required");
  }

  // An error the layer has no better type for stays a JsonMessageError.
  doer_->push(200, R"({"errorDetail":{"message":"disk full"},"error":"disk full"})");
  EXPECT_THROW(images_.push("r/app:v1", {.auth = auth::AuthConfig{}}).wait(), JsonMessageError);
}

TEST_F(SdkImagesUnit, RegistryFailureRelayedAsStatusIsTyped) {
  doer_->push(500, R"({"message":"login attempt to http://r/v2/ failed with status: 401 Unauthorized"})");
  EXPECT_THROW(Docker<Api>(client_).login({.username = "u", .password = "x", .serveraddress = "r"}), Unauthorized);
  EXPECT_EQ(doer_->last().target, "/v1.41/auth");
  EXPECT_EQ(nlohmann::json::parse(doer_->last().body)["password"], "x");

  doer_->push(500, R"({"message":"Get \"http://r/v2/\": dial tcp: lookup r: no such host"})");
  EXPECT_THROW(images_.pull("r/app", {.use_config_file = false}), Unavailable);

  // A 500 that says something else stays Internal.
  doer_->push(500, R"({"message":"something else"})");
  EXPECT_THROW(images_.pull("r/app", {.use_config_file = false}), Internal);
}

TEST_F(SdkImagesUnit, LoadCollectsLoadedNames) {
  doer_->push(200, R"({"stream":"Loaded image: a:1\n"})"
                   "\n"
                   R"({"stream":"Loaded image ID: sha256:2\n"})");
  EXPECT_EQ(images_.load(body_of("tar")), (std::vector<std::string>{"a:1", "sha256:2"}));
  EXPECT_EQ(doer_->last().target, "/v1.41/images/load?quiet=1");
  EXPECT_EQ(doer_->last().body, "tar");
}

TEST_F(SdkImagesUnit, ImportSendsFromSrcAndChangesAndReturnsTheId) {
  doer_->push(200, R"({"status":"sha256:abc"})");
  auto id = images_.import_tar(body_of("rootfs"), "app:v1", {.message = "m", .changes = {"CMD [\"sh\"]"}});
  EXPECT_EQ(id, "sha256:abc");
  auto target = doer_->last().target;
  EXPECT_NE(target.find("fromSrc=-"), std::string::npos) << target;
  EXPECT_NE(target.find("repo=app"), std::string::npos) << target;
  EXPECT_NE(target.find("tag=v1"), std::string::npos) << target;
  EXPECT_NE(target.find("changes=CMD"), std::string::npos) << target;
}

TEST_F(SdkImagesUnit, ArchivePutSendsBothFlags) {
  doer_->push(200);
  Archive<Api> archive(client_);
  archive.put("c1", "/tmp", body_of("tar"), {.no_overwrite_dir_non_dir = true, .copy_uid_gid = true});
  auto request = doer_->last();
  EXPECT_EQ(request.method, "PUT");
  EXPECT_NE(request.target.find("noOverwriteDirNonDir=true"), std::string::npos) << request.target;
  EXPECT_NE(request.target.find("copyUIDGID=true"), std::string::npos) << request.target;
  EXPECT_EQ(request.body, "tar");

  doer_->push(200);
  archive.put("c1", "/tmp", body_of("tar"));
  EXPECT_EQ(doer_->last().target.find("noOverwriteDirNonDir"), std::string::npos);
  EXPECT_EQ(doer_->last().target.find("copyUIDGID"), std::string::npos);
}

TEST_F(SdkImagesUnit, ArchiveStatDecodesTheHeader) {
  auto stat = R"({"name":"d","size":4096,"mode":2147484141,"mtime":"2024-01-01T00:00:00Z","linkTarget":""})";
  doer_->push(200, "", {{"X-Docker-Container-Path-Stat", auth::base64_encode(stat)}});
  auto decoded = Archive<Api>(client_).stat("c1", "/d");
  EXPECT_EQ(decoded.name, "d");
  EXPECT_EQ(decoded.size, 4096);
  EXPECT_TRUE(decoded.is_directory());
  EXPECT_EQ(doer_->last().method, "HEAD");
}

// docker.with(options) reaches images(), archive() and stats() as it reaches
// every other service: each request carries the deadline (they used to take
// their options per call only, and Docker's were dropped).
TEST_F(SdkImagesUnit, DockersCallOptionsReachImagesArchiveAndStats) {
  std::vector<std::string> with_deadline;
  doer_->on_request = [&](const Request& req) {
    if (req.options.deadline) with_deadline.push_back(req.method + " " + req.target);
  };
  auto docker = Docker<Api>(client_).with(CallOptions::timeout(std::chrono::hours(1)));
  doer_->push(200, "[]");
  (void)docker.images().list();
  auto stat = R"({"name":"d","size":1,"mode":0,"mtime":"","linkTarget":""})";
  doer_->push(200, "", {{"X-Docker-Container-Path-Stat", auth::base64_encode(stat)}});
  (void)docker.archive().stat("c1", "/d");
  doer_->push(200, "{}\n");
  (void)docker.stats().once("c1");
  ASSERT_EQ(with_deadline.size(), 3u);
  EXPECT_EQ(with_deadline[0], "GET /v1.41/images/json?all=0");
  EXPECT_EQ(with_deadline[1], "HEAD /v1.41/containers/c1/archive?path=%2Fd");
  EXPECT_EQ(with_deadline[2], "GET /v1.41/containers/c1/stats?stream=0");
}

}  // namespace
}  // namespace docker::sdk
