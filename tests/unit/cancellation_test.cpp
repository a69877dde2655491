#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "docker/call_options.hpp"

namespace docker {
namespace {

TEST(Cancellation, DefaultTokenNeverCancelled) {
  CancellationToken t;
  EXPECT_FALSE(t.is_cancelled());
  bool ran = false;
  auto reg = t.on_cancel([&] { ran = true; });
  EXPECT_FALSE(ran);
}

TEST(Cancellation, CallbackRunsOnceOnCancel) {
  CancellationSource src;
  int runs = 0;
  auto reg = src.token().on_cancel([&] { ++runs; });
  src.cancel();
  src.cancel();
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(src.token().is_cancelled());
}

TEST(Cancellation, RegisteringAfterCancelRunsAtOnce) {
  CancellationSource src;
  src.cancel();
  bool ran = false;
  auto reg = src.token().on_cancel([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(Cancellation, ResetRegistrationIsNotCalled) {
  CancellationSource src;
  bool ran = false;
  {
    auto reg = src.token().on_cancel([&] { ran = true; });
  }
  src.cancel();
  EXPECT_FALSE(ran);
}

TEST(Cancellation, CancelFromAnotherThread) {
  CancellationSource src;
  std::atomic<bool> ran{false};
  auto reg = src.token().on_cancel([&] { ran = true; });
  std::thread([&] { src.cancel(); }).join();
  EXPECT_TRUE(ran.load());
}

TEST(CallOptions, TimeoutSetsDeadline) {
  auto before = Clock::now();
  auto o = CallOptions::timeout(std::chrono::seconds(5));
  ASSERT_TRUE(o.deadline);
  EXPECT_GE(*o.deadline, before + std::chrono::seconds(5));
  EXPECT_LE(*o.deadline, Clock::now() + std::chrono::seconds(5));
}

}  // namespace
}  // namespace docker
