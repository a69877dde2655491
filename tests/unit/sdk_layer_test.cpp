// The ergonomic layer without a daemon: per-stream readers and their bound,
// stream-3 errors, the requests it sends (detach keys, wait conditions, log
// options), how it decides the framing, and create options decoded into the
// generated model.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "docker/sdk/internal/deadline_watch.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"

namespace {

using docker::StreamKind;
using docker::sdk::Output;
using docker::testing::FakeDoer;

std::string frame(int stream, const std::string& payload) {
  std::string f(8, '\0');
  f[0] = static_cast<char>(stream);
  auto n = static_cast<std::uint32_t>(payload.size());
  f[4] = static_cast<char>(n >> 24);
  f[5] = static_cast<char>(n >> 16);
  f[6] = static_cast<char>(n >> 8);
  f[7] = static_cast<char>(n);
  return f + payload;
}

Output output_of(std::string bytes, bool multiplexed = true, std::size_t pending_limit = Output::kDefaultPendingLimit) {
  return Output(docker::OutputStream(std::make_shared<docker::StringReader>(std::move(bytes)), multiplexed),
                pending_limit);
}

// A client that never negotiates (pinned version), over a fake doer.
std::shared_ptr<docker::Client> pinned_client(std::shared_ptr<FakeDoer> doer, docker::ApiVersion version) {
  return std::make_shared<docker::Client>(doer, docker::v1_55::api_version,
                                          docker::ClientOptions{.pinned_version = version});
}

TEST(SdkOutput, ReadersSplitStreamsAndKeepOrderWithinEach) {
  auto out = output_of(frame(1, "a") + frame(2, "x") + frame(1, "b") + frame(2, "y") + frame(0, "echo"));
  auto err_reader = out.stderr_reader();
  auto out_reader = out.stdout_reader();
  EXPECT_EQ(err_reader->read_all(), "xy");
  EXPECT_EQ(out_reader->read_all(), "abecho");  // echoed stdin goes with stdout
}

TEST(SdkOutput, SmallReadBuffersGetEverything) {
  auto out = output_of(frame(1, "hello world") + frame(2, "e"));
  auto reader = out.stdout_reader();
  std::string got;
  char c;
  while (reader->read_some(std::span<char>(&c, 1)) == 1) got += c;
  EXPECT_EQ(got, "hello world");
  EXPECT_EQ(out.stderr_reader()->read_all(), "e");
}

// Records how many bytes it wrote into the watched range (a caller's buffer).
class WatchingReader final : public docker::ByteReader {
 public:
  explicit WatchingReader(std::string data) : data_(std::move(data)) {}
  std::size_t read_some(std::span<char> buf) override {
    std::size_t n = std::min(buf.size(), data_.size() - pos_);
    std::memcpy(buf.data(), data_.data() + pos_, n);
    pos_ += n;
    if (buf.data() >= watched.data() && buf.data() < watched.data() + watched.size()) into_watched += n;
    return n;
  }
  std::span<char> watched;
  std::size_t into_watched = 0;

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

TEST(SdkOutput, AReaderTakesItsStreamStraightIntoTheCallersBuffer) {
  const std::string big(200000, 'o');
  auto source = std::make_shared<WatchingReader>(frame(1, big) + frame(2, "e") + frame(1, big));
  Output out(docker::OutputStream(source, true));
  auto reader = out.stdout_reader();
  std::vector<char> buf(64 * 1024);
  source->watched = buf;
  std::string got;
  while (std::size_t n = reader->read_some(buf)) got.append(buf.data(), n);
  EXPECT_EQ(got, big + big);
  EXPECT_EQ(out.stderr_reader()->read_all(), "e");
  // Only what came with a header in the stream's own buffer was copied.
  EXPECT_GE(source->into_watched, got.size() - 2 * docker::OutputStream::kDefaultBufferSize);
}

TEST(SdkOutput, UnreadStreamBeyondTheBoundIsAnError) {
  auto out = output_of(frame(2, std::string(600, 'e')) + frame(2, std::string(600, 'e')) + frame(1, "o"), true,
                       /*pending_limit=*/1000);
  EXPECT_THROW(out.stdout_reader()->read_all(), docker::StreamError);
}

TEST(SdkOutput, WithinTheBoundTheOtherStreamWaits) {
  auto out = output_of(frame(2, std::string(600, 'e')) + frame(1, "o"), true, /*pending_limit=*/1000);
  auto out_reader = out.stdout_reader();
  auto err_reader = out.stderr_reader();
  EXPECT_EQ(out_reader->read_all(), "o");
  EXPECT_EQ(err_reader->read_all(), std::string(600, 'e'));
}

TEST(SdkOutput, SystemErrorFrameThrowsStreamError) {
  auto out = output_of(frame(1, "partial") + frame(3, "exec failed: boom"));
  EXPECT_THROW(out.read_all(), docker::StreamError);
  auto split = output_of(frame(1, "partial") + frame(3, "boom"));
  auto reader = split.stdout_reader();
  std::array<char, 64> buf;
  EXPECT_EQ(reader->read_some(buf), 7u);
  EXPECT_THROW(reader->read_some(buf), docker::StreamError);
}

TEST(SdkOutput, RawOutputIsAllStdout) {
  auto out = output_of("\x01raw\r\n", /*multiplexed=*/false);
  EXPECT_FALSE(out.multiplexed());
  auto err_reader = out.stderr_reader();
  auto out_reader = out.stdout_reader();
  EXPECT_EQ(err_reader->read_all(), "");
  EXPECT_EQ(out_reader->read_all(), "\x01raw\r\n");
}

TEST(SdkRequests, CreateOptionsDecodeIntoTheGeneratedModel) {
  docker::sdk::ContainerOptions o{
      .image = "busybox",
      .cmd = {"echo", "hi"},
      .env = {"A=1"},
      .labels = {{"k", "v"}},
      .tty = true,
      .open_stdin = true,
      .ports = {{.container_port = "80", .host_port = "8080"}},
      .mounts = {{.type = "volume", .source = "data", .target = "/data", .read_only = true}},
      .log_driver = "none",
  };
  auto body = docker::decode_value<docker::v1_55::ContainerCreateRequest>(docker::sdk::internal::create_json(o));
  EXPECT_EQ(body.Image.value(), "busybox");
  EXPECT_EQ(body.Cmd.value(), (std::vector<std::string>{"echo", "hi"}));
  EXPECT_TRUE(body.Tty.value());
  EXPECT_TRUE(body.OpenStdin.value());
  EXPECT_TRUE(body.AttachStdin.value());
  EXPECT_TRUE(body.ExposedPorts->contains("80/tcp"));
  const auto& bindings = body.HostConfig->PortBindings.value();
  EXPECT_EQ(bindings.at("80/tcp")->at(0).HostPort.value(), "8080");
  const auto& mount = body.HostConfig->Mounts->at(0);
  EXPECT_EQ(mount.Source.value(), "data");
  EXPECT_TRUE(mount.ReadOnly.value());
  EXPECT_EQ(body.HostConfig->LogConfig->Type->str(), "none");
  EXPECT_TRUE(body.unknown_fields->is_null() || body.unknown_fields->empty()) << body.unknown_fields->dump();
}

TEST(SdkRequests, AttachSendsItsOptionsAndDetachKeys) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(101, "", {{"Content-Type", "application/vnd.docker.multiplexed-stream"}});
  docker::v1_55::Container c(pinned_client(doer, {1, 44}), "web");
  (void)c.attach({.with_stdin = true, .with_stderr = false, .detach_keys = "ctrl-x,x"});
  auto req = doer->last();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/v1.44/containers/web/attach?detachKeys=ctrl-x%2Cx&logs=0&stream=1&stdin=1&stdout=1&stderr=0");
}

TEST(SdkRequests, WaitConditionsAreSent) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, R"({"StatusCode": 3, "Error": {"Message": "oops"}})");
  docker::v1_55::Container c(pinned_client(doer, {1, 44}), "web");
  auto pending = c.begin_wait(docker::sdk::WaitCondition::next_exit);
  EXPECT_EQ(doer->last().target, "/v1.44/containers/web/wait?condition=next-exit");
  EXPECT_TRUE(doer->last().streaming);
  auto result = pending.result();
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.error, "oops");
}

TEST(SdkRequests, LogOptionsAreSentAndFramingFollowsTheContentType) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, "raw tty bytes", {{"Content-Type", "application/vnd.docker.raw-stream"}});
  docker::v1_55::Container c(pinned_client(doer, {1, 44}), "web");
  auto since = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  auto logs = c.logs({.with_stderr = false, .follow = true, .since = since, .timestamps = true, .tail = 10});
  EXPECT_EQ(doer->last().target,
            "/v1.44/containers/web/logs?stdout=1&stderr=0&follow=1&since=1700000000&timestamps=1&tail=10");
  EXPECT_FALSE(logs.multiplexed());  // from 1.42 the content type decides, no inspect
  EXPECT_EQ(doer->requests().size(), 1u);
  EXPECT_EQ(logs.read_all().out, "raw tty bytes");
}

TEST(SdkRequests, LogsUntilBeforeApi135IsAVersionErrorAndNothingIsSent) {
  auto doer = std::make_shared<FakeDoer>();
  docker::v1_55::Container c(pinned_client(doer, {1, 34}), "web");
  auto until = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  EXPECT_THROW(c.logs({.until = until}), docker::VersionError);
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkRequests, BeforeApi142TheContainersTtyDecidesTheFraming) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, R"({"Id": "web", "Config": {"Tty": true}})");
  doer->push(200, "raw", {{"Content-Type", "application/vnd.docker.raw-stream"}});
  docker::v1_55::Container c(pinned_client(doer, {1, 41}), "web");
  auto logs = c.logs();
  ASSERT_EQ(doer->requests().size(), 2u);
  EXPECT_EQ(doer->requests()[0].target, "/v1.41/containers/web/json");
  EXPECT_FALSE(logs.multiplexed());

  doer->push(200, R"({"Id": "web", "Config": {"Tty": false}})");
  doer->push(200, frame(1, "x"), {{"Content-Type", "application/vnd.docker.raw-stream"}});
  EXPECT_TRUE(c.logs().multiplexed());
}

TEST(SdkRequests, MissingContainerErrorsAreTyped) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(404, R"({"message": "No such container: web"})");
  docker::v1_55::Container c(pinned_client(doer, {1, 44}), "web");
  try {
    (void)c.attach();
    FAIL() << "no error";
  } catch (const docker::NotFound& e) {
    EXPECT_EQ(e.message(), "No such container: web");
  }
}

}  // namespace

namespace {

TEST(SdkCallOptions, EveryCallOfAHandleCarriesThem) {
  auto doer = std::make_shared<FakeDoer>();
  std::vector<std::optional<docker::Clock::time_point>> deadlines;
  doer->on_request = [&](const docker::Request& r) { deadlines.push_back(r.options.deadline); };
  doer->push(204);
  doer->push(200, R"({"StatusCode": 0})");
  doer->push(200, "", {{"Content-Type", "application/vnd.docker.multiplexed-stream"}});
  docker::v1_55::Docker docker(pinned_client(doer, {1, 44}));
  auto deadline = docker::Clock::now() + std::chrono::hours(1);
  auto c = docker.with(docker::CallOptions{deadline, {}}).container("web");
  c.start();
  c.wait();
  (void)c.logs();
  ASSERT_EQ(deadlines.size(), 3u);
  for (auto& d : deadlines) EXPECT_EQ(d, deadline);
}

// A handle kept with a per-call timeout never expires: each call gets its own
// deadline, counted from its start, and the earlier absolute deadline wins.
TEST(SdkCallOptions, PerCallTimeoutStartsWithEachCall) {
  auto doer = std::make_shared<FakeDoer>();
  std::vector<std::pair<docker::Clock::time_point, std::optional<docker::Clock::time_point>>> seen;
  doer->on_request = [&](const docker::Request& r) { seen.emplace_back(docker::Clock::now(), r.options.deadline); };
  doer->push(204);
  doer->push(204);
  docker::v1_55::Docker docker(pinned_client(doer, {1, 44}));
  auto c = docker.with(docker::CallOptions::per_call(std::chrono::seconds(30))).container("web");
  c.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  c.start();
  ASSERT_EQ(seen.size(), 2u);
  for (auto& [at, deadline] : seen) {
    ASSERT_TRUE(deadline.has_value());
    EXPECT_LE(*deadline - at, std::chrono::seconds(30));
    EXPECT_GT(*deadline - at, std::chrono::seconds(29));
  }
  EXPECT_GE(*seen[1].second - *seen[0].second, std::chrono::milliseconds(20));  // not one fixed point

  auto soon = docker::Clock::now() + std::chrono::seconds(5);
  auto both = docker::CallOptions{.deadline = soon, .per_call_timeout = std::chrono::hours(1)}.started_now();
  EXPECT_EQ(both.deadline, soon);
  EXPECT_FALSE(both.per_call_timeout.has_value());
}

TEST(SdkCallOptions, CancelledHandleCallsThrowCancelled) {
  auto doer = std::make_shared<FakeDoer>();
  doer->on_request = [](const docker::Request& r) {
    if (r.options.cancel.is_cancelled()) throw docker::Cancelled("cancelled");
  };
  docker::CancellationSource source;
  source.cancel();
  docker::v1_55::Container c(pinned_client(doer, {1, 44}), "web");
  EXPECT_THROW(c.with(docker::CallOptions{}.with_cancel(source.token())).start(), docker::Cancelled);
}

}  // namespace

TEST(SdkRequests, OpenStdinImpliesStdinOnceUnlessSetFalse) {
  // Without StdinOnce dockerd does not pass close_stdin() on to the process
  // and ends the attachment's output instead.
  using docker::sdk::internal::create_json;
  auto open = create_json({.image = "busybox", .open_stdin = true});
  EXPECT_EQ(open.value("StdinOnce", false), true) << open.dump();
  auto reusable = create_json({.image = "busybox", .open_stdin = true, .stdin_once = false});
  EXPECT_FALSE(reusable.contains("StdinOnce")) << reusable.dump();
  EXPECT_FALSE(create_json({.image = "busybox"}).contains("StdinOnce"));
  EXPECT_EQ(create_json({.image = "busybox", .stdin_once = true}).value("StdinOnce", false), true);
}

TEST(SdkRequests, ExecInputAttachesStdin) {
  auto j = docker::sdk::internal::exec_json({"cat"}, {.input = "data"}, /*attach=*/true);
  EXPECT_EQ(j.value("AttachStdin", false), true) << j.dump();
}

TEST(SdkDeadlineWatch, TheDeadlineCancelsItsToken) {
  using namespace std::chrono_literals;
  auto start = docker::Clock::now();
  docker::sdk::internal::DeadlineWatch watch(docker::CallOptions::timeout(100ms));
  auto options = watch.options();
  EXPECT_TRUE(options.deadline.has_value());
  while (!options.cancel.is_cancelled() && docker::Clock::now() - start < 5s) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(options.cancel.is_cancelled());
  EXPECT_TRUE(watch.timed_out());
  EXPECT_GE(docker::Clock::now() - start, 100ms);
  EXPECT_LT(docker::Clock::now() - start, 1s);
}

TEST(SdkDeadlineWatch, TheCallersCancellationIsForwardedAndIsNoTimeout) {
  docker::CancellationSource source;
  docker::sdk::internal::DeadlineWatch watch(
      docker::CallOptions{.deadline = docker::Clock::now() + std::chrono::hours(1), .cancel = source.token()});
  EXPECT_FALSE(watch.options().cancel.is_cancelled());
  source.cancel();
  EXPECT_TRUE(watch.options().cancel.is_cancelled());
  EXPECT_FALSE(watch.timed_out());
}

TEST(SdkDeadlineWatch, WithoutADeadlineNothingExpires) {
  docker::sdk::internal::DeadlineWatch watch(docker::CallOptions{});
  EXPECT_FALSE(watch.options().deadline.has_value());
  EXPECT_FALSE(watch.options().cancel.is_cancelled());
  EXPECT_FALSE(watch.timed_out());
}

TEST(SdkRun, AlreadyCancelledOrExpiredSendsNothingAndReturnsAtOnce) {
  auto doer = std::make_shared<FakeDoer>();
  docker::v1_55::Docker docker(pinned_client(doer, {1, 44}));
  docker::CancellationSource source;
  source.cancel();
  auto start = docker::Clock::now();
  EXPECT_THROW((void)docker.with(docker::CallOptions{}.with_cancel(source.token())).run({.image = "busybox"}),
               docker::Cancelled);
  EXPECT_THROW((void)docker.with(docker::CallOptions{docker::Clock::now() - std::chrono::seconds(1), {}})
                   .run({.image = "busybox"}),
               docker::Timeout);
  EXPECT_LT(docker::Clock::now() - start, std::chrono::milliseconds(100));  // no search for a container
  EXPECT_TRUE(doer->requests().empty());
}
