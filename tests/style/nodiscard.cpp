// Calls whose result is a stream or a reader, each discarded: every one must
// draw g++'s "declared with attribute 'nodiscard'" warning (ctest
// nodiscard_streams counts them), since dropping the result loses the data
// (a pull not waited for, logs never read). Compiled only, never run.
#include DOCKER_SDK_ALIASES
#include DOCKER_SDK_MODELS  // every model: the results must be complete types

#include "docker/sdk/progress.hpp"

namespace api = docker::DOCKER_SDK_NS;

void discards(api::Docker& docker, api::Container& container) {
  docker.images().pull("busybox:latest");
  docker.images().push("127.0.0.1:5000/app:1");
  docker.events();
  docker.build("context");
  container.logs();
  container.attach();
  container.begin_wait();
  container.exec_attached({"sh"});
}
