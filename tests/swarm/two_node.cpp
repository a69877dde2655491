// A two-node swarm through the layer's public headers only (issue 16,
// item 3): node A inits the swarm, node B joins it as a worker, a service
// is spread over both by a placement preference on a node label, and
// draining B moves its tasks to A.
//
//   docker-cpp-swarm-two-node MANAGER_HOST MANAGER_ADDR WORKER_HOST WORKER_ADDR
//
// MANAGER_HOST/WORKER_HOST are DOCKER_HOST values (unix:///…/docker.sock);
// MANAGER_ADDR/WORKER_ADDR the addresses the nodes advertise to each other.
// tests/swarm/two-node.sh makes both daemons, each in a network namespace of
// its own, and runs this program. Both daemons must be in no swarm and have
// busybox:latest. Every check prints what it saw; the first that fails ends
// the program with status 1 and a message saying what was expected.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <utility>
#include <vector>

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"

namespace {

using Docker = docker::v1_55::Docker;
using docker::sdk::NodeAvailability;
using docker::sdk::TaskSummary;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

/// A check that did not hold: the program ends with status 1.
struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check(bool holds, const std::string& what) {
  if (!holds) throw CheckFailed(what);
}

const Clock::time_point started = Clock::now();

/// "[  1234 ms] what" on stdout: the log of the run, with times since the start.
void say(const std::string& what) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  std::cout << "[" << std::setw(6) << ms << " ms] " << what << std::endl;
}

/// Polls `done` every 250 ms until it holds or `limit` passes.
bool eventually(const std::function<bool()>& done, Clock::duration limit) {
  auto give_up = Clock::now() + limit;
  for (;;) {
    if (done()) return true;
    if (Clock::now() >= give_up) return false;
    std::this_thread::sleep_for(250ms);
  }
}

/// Runs `f`, which must throw E; returns E's message.
template <class E, class F>
std::string expect_error(F&& f, const std::string& what) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const docker::Error& e) {
    throw CheckFailed(what + ": expected " + typeid(E).name() + ", got another error: " + e.what());
  }
  throw CheckFailed(what + ": expected an error, the call succeeded");
}

std::string short_id(const std::string& id) { return id.substr(0, 12); }

/// Running tasks of `service` per node id.
std::map<std::string, std::size_t> running_per_node(Docker& manager, const std::string& service) {
  std::map<std::string, std::size_t> out;
  for (const TaskSummary& t : manager.tasks().of_service(service))
    if (t.state == "running") ++out[t.node_id];
  return out;
}

std::string describe(const std::map<std::string, std::size_t>& per_node, const std::string& a, const std::string& b) {
  std::ostringstream s;
  bool first = true;
  for (const auto& [node, n] : per_node) {
    s << (first ? "" : ", ") << (node == a ? "A" : node == b ? "B" : short_id(node)) << ": " << n;
    first = false;
  }
  return first ? std::string("none") : s.str();
}

/// What undoes the steps made so far, newest first, when a check fails: both
/// daemons end out of the swarm either way.
class Undo {
 public:
  Undo() = default;
  Undo(const Undo&) = delete;
  Undo& operator=(const Undo&) = delete;
  ~Undo() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
      try {
        (*it)();
      } catch (const std::exception& e) {
        std::cerr << "two-node swarm: clean-up: " << e.what() << "\n";
      }
    }
  }
  void push(std::function<void()> step) { steps_.push_back(std::move(step)); }
  void clear() { steps_.clear(); }

 private:
  std::vector<std::function<void()>> steps_;
};

/// The demo proper: 0 when every check held; CheckFailed otherwise.
int run(const std::string& manager_host, const std::string& manager_addr, const std::string& worker_host,
        const std::string& worker_addr) {
  // Every call bounded: a daemon that stops answering fails the run, not hangs it.
  auto a = Docker::from_env({.host = manager_host}).with(docker::CallOptions::per_call(30s));
  auto b = Docker::from_env({.host = worker_host}).with(docker::CallOptions::per_call(30s));
  Undo cleanup;  // after a and b: undone before they go
  say("manager " + manager_host + " (advertises " + manager_addr + "), worker " + worker_host + " (advertises " +
      worker_addr + ")");

  for (auto* node : {&a, &b})
    expect_error<docker::Unavailable>([&] { (void)node->swarm().inspect(); },
                                      "a daemon of the demo is already in a swarm");

  // 1. A makes the swarm; overlay subnets from a pool no one else here uses.
  const std::string a_id = a.swarm().init({.advertise_addr = manager_addr,
                                           .listen_addr = manager_addr + ":2377",
                                           .default_addr_pool = {"10.215.0.0/16"},
                                           .subnet_size = 24});
  cleanup.push([&a] { a.swarm().leave(/*force=*/true); });
  say("A: swarm initialised, node " + short_id(a_id));
  const auto tokens = a.swarm().join_tokens();
  check(tokens.worker.rfind("SWMTKN-", 0) == 0, "the worker join token is not a SWMTKN: " + tokens.worker);

  // 2. What join refuses: locally, and what the daemon refuses.
  say("B: join without a token: " +
      expect_error<docker::InvalidInput>([&] { b.swarm().join({.remote_addrs = {manager_addr + ":2377"}}); },
                                         "join without a token"));
  // dockerd 20.10 parses the token first: one that is no token is its 500.
  say("B: join with a malformed token: " +
      expect_error<docker::Internal>(
          [&] { b.swarm().join({.remote_addrs = {manager_addr + ":2377"}, .join_token = "not-a-token"}); },
          "join with a malformed token"));
  // The manager refuses a well-formed token of the wrong secret (after ~10 s on dockerd 20.10).
  std::string wrong_token = tokens.worker;
  wrong_token.back() = wrong_token.back() == 'a' ? 'b' : 'a';  // the same cluster, not its secret
  say("B: join with a wrong token: " + expect_error<docker::InvalidArgument>(
                                           [&] {
                                             b.swarm().join({.remote_addrs = {manager_addr + ":2377"},
                                                             .join_token = wrong_token,
                                                             .advertise_addr = worker_addr,
                                                             .listen_addr = worker_addr + ":2377"});
                                           },
                                           "join with a wrong token"));
  expect_error<docker::Unavailable>([&] { (void)b.swarm().inspect(); }, "B is in a swarm after a refused join");

  // 3. B joins as a worker.
  b.swarm().join({.remote_addrs = {manager_addr + ":2377"},
                  .join_token = tokens.worker,
                  .advertise_addr = worker_addr,
                  .listen_addr = worker_addr + ":2377"});
  cleanup.push([&b] { b.swarm().leave(/*force=*/true); });
  say("B: joined as a worker");
  say("B: join again: " +
      expect_error<docker::Unavailable>(
          [&] { b.swarm().join({.remote_addrs = {manager_addr + ":2377"}, .join_token = tokens.worker}); },
          "a second join"));

  // 4. The manager lists two ready nodes: A the manager, B a worker.
  std::string b_id;
  std::string nodes_seen;
  bool two_ready = eventually(
      [&] {
        auto nodes = a.nodes().list();
        int ready = 0;
        nodes_seen.clear();
        for (const auto& n : nodes) {
          const std::string id = n.ID.value_or({});
          const std::string state = n.Status ? n.Status->State.value_or({}).str() : "";
          const std::string role = n.Spec ? n.Spec->Role.value_or({}).str() : "";
          nodes_seen += short_id(id) + " " + role + " " + state + "; ";
          if (state == "ready") ++ready;
          if (id != a_id && role == "worker") b_id = id;
        }
        return nodes.size() == 2 && ready == 2 && !b_id.empty();
      },
      60s);
  check(two_ready, "expected 2 ready nodes (a manager and a worker) within 60 s; the manager lists: " + nodes_seen);
  say("A: nodes: " + nodes_seen);
  expect_error<docker::Unavailable>([&] { (void)b.nodes().list(); }, "a worker listed the nodes");

  // 5. A zone label per node, then a service spread over the zones.
  a.nodes().update(a_id, {.add_labels = {{"dcpp.zone", "a"}}});
  a.nodes().update(b_id, {.add_labels = {{"dcpp.zone", "b"}}});
  check(a.nodes().inspect(b_id).Spec->Labels.value_or({}).at("dcpp.zone") == "b", "B's zone label was not set");
  say("A: labelled A dcpp.zone=a, B dcpp.zone=b");

  constexpr std::size_t kReplicas = 4;
  const std::string name = "dcpp-two-node-" + std::to_string(::getpid());
  const std::string service = a.services().create({
      .name = name,
      .image = "busybox:latest",
      .cmd = {"sleep", "3600"},
      .labels = {{"org.docker-cpp.test", "swarm-two-node"}},
      .replicas = kReplicas,
      .placement_preferences = {"node.labels.dcpp.zone"},
      // sleep as PID 1 ignores SIGTERM: a short grace period keeps the drain quick.
      .stop_grace_period = 1s,
  });
  cleanup.push([&a, service] { a.services().remove(service); });
  say("A: service " + name + " (" + short_id(service) + "), " + std::to_string(kReplicas) +
      " replicas, spread over node.labels.dcpp.zone");

  auto running = a.with(docker::CallOptions::timeout(90s)).tasks().wait_running(service, kReplicas);
  std::map<std::string, std::size_t> per_node;
  for (const auto& t : running) ++per_node[t.node_id];
  say("tasks running per node: " + describe(per_node, a_id, b_id));
  check(per_node[a_id] == kReplicas / 2 && per_node[b_id] == kReplicas / 2,
        "the spread preference should put " + std::to_string(kReplicas / 2) +
            " tasks on each node; running: " + describe(per_node, a_id, b_id));
  // B's own daemon runs its share: the worker really has the containers.
  const docker::Filters of_service{{"label", {"com.docker.swarm.service.id=" + service}}};
  check(b.list(false, of_service).size() == kReplicas / 2, "B's daemon should run " + std::to_string(kReplicas / 2) +
                                                               " containers of the service; it runs " +
                                                               std::to_string(b.list(false, of_service).size()));

  // 6. Drain B: its tasks end there and start again on A.
  a.nodes().update(b_id, {.availability = NodeAvailability::drain});
  check(a.nodes().inspect(b_id).Spec->Availability.value_or({}).str() == "drain", "B's availability is not drain");
  say("A: drained B");
  auto drain_started = Clock::now();
  bool moved = eventually(
      [&] {
        per_node = running_per_node(a, service);
        return per_node.size() == 1 && per_node[a_id] == kReplicas && b.list(false, of_service).empty();
      },
      90s);
  check(moved, "after draining B, all " + std::to_string(kReplicas) +
                   " tasks should run on A and none on B within 90 s; running: " + describe(per_node, a_id, b_id) +
                   "; B's daemon runs " + std::to_string(b.list(false, of_service).size()) + " of its containers");
  say("after the drain (" +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - drain_started).count()) +
      " ms): " + describe(per_node, a_id, b_id) + "; B's daemon runs no task container");

  // 7. Remove the service, B leaves (a worker needs no force), then A.
  cleanup.clear();
  a.services().remove(service);
  expect_error<docker::NotFound>([&] { (void)a.services().inspect(service); }, "the service after its removal");
  b.swarm().leave();
  expect_error<docker::Unavailable>([&] { (void)b.swarm().inspect(); }, "B after leaving");
  a.swarm().leave(/*force=*/true);
  expect_error<docker::Unavailable>([&] { (void)a.swarm().inspect(); }, "A after leaving");
  say("service removed; B and A left the swarm");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: " << argv[0] << " MANAGER_HOST MANAGER_ADDR WORKER_HOST WORKER_ADDR\n";
    return 2;
  }
  int rc = 1;
  try {
    rc = run(argv[1], argv[2], argv[3], argv[4]);
    say("two-node swarm: all checks passed");
  } catch (const CheckFailed& e) {
    std::cerr << "two-node swarm: FAILED: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "two-node swarm: FAILED with an error: " << e.what() << "\n";
  }
  return rc;
}
