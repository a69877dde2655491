// A one-shot signal between a test and its loopback peer's handler (which may
// outlive the test body, so both hold it by shared_ptr): a peer that holds a
// reply until told, instead of a sleep.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace docker::testing {

struct Signal {
  std::mutex mutex;
  std::condition_variable changed;
  bool set = false;
  void raise() {
    std::lock_guard lock(mutex);
    set = true;
    changed.notify_all();
  }
  bool wait(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, limit, [&] { return set; });
  }
};

}  // namespace docker::testing
