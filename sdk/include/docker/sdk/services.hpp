// Swarm services and their tasks over the generated bindings of any API
// version: create from readable options, inspect, list, update at a version
// index, scale, rollback, logs, remove; list tasks and wait until N of a
// service run.
//
//   auto services = docker.services();
//   auto id = services.create({.name = "web", .image = "busybox:latest",
//                              .cmd = {"httpd", "-f", "-p", "8080"}, .replicas = 3,
//                              .ports = {{.target = 8080, .published = 8080}}});
//   auto running = docker.with(docker::CallOptions::timeout(std::chrono::seconds(60)))
//                      .tasks().wait_running(id, 3);
//   services.scale(id, 1);
//
// Declarations only (bodies: impl/services.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/sdk/options.hpp"
#include "docker/sdk/output.hpp"

namespace docker::sdk {

/// CPUs (1.5 = one and a half) and memory in bytes; unset: no limit / reservation.
struct ServiceResources {
  std::optional<double> cpu_limit{};                 ///< most CPUs a task may use (Limits.NanoCPUs)
  std::optional<std::int64_t> memory_limit{};        ///< most bytes of memory a task may use
  std::optional<double> cpu_reservation{};           ///< CPUs a node must have free to get a task
  std::optional<std::int64_t> memory_reservation{};  ///< bytes a node must have free to get a task
};

/// Which ends of a task make swarm start a new one: none, only a non-zero
/// exit, or any end.
enum class RestartCondition {
  none,        ///< never restart
  on_failure,  ///< only after a non-zero exit
  any          ///< after every end, whatever the exit code
};

/// When swarm replaces a task that ended (daemon default: any, 5 s delay, forever).
struct TaskRestartPolicy {
  RestartCondition condition = RestartCondition::any;  ///< which ends of a task restart it
  std::optional<std::chrono::nanoseconds> delay{};     ///< pause before the restart (unset: daemon's 5 s)
  /// Give up after this many restarts within `window` (unset or 0: never give up).
  std::optional<std::uint64_t> max_attempts{};
  /// The period max_attempts counts in (unset: the task's whole life).
  std::optional<std::chrono::nanoseconds> window{};
};

/// What an update does when a new task fails (more than max_failure_ratio).
enum class FailureAction {
  pause,      ///< stop updating, leave the service half-updated (daemon default)
  continue_,  ///< carry on with the next tasks ("continue")
  rollback    ///< go back to the previous spec (API 1.28)
};
/// Whether an old task stops before its replacement starts, or after (API 1.29).
enum class UpdateOrder {
  stop_first,  ///< old task stops, then the new one starts (daemon default)
  start_first  ///< new task starts first: briefly both run
};

/// How an update (or a rollback) replaces tasks: `parallelism` at a time
/// (0: all at once), waiting `delay` between batches.
struct UpdatePolicy {
  std::uint64_t parallelism = 1;                    ///< tasks replaced at a time; 0: all at once
  std::optional<std::chrono::nanoseconds> delay{};  ///< pause between batches (unset: none)
  std::optional<FailureAction> failure_action{};    ///< unset: the daemon's (pause)
  /// How long a new task is watched for failure.
  std::optional<std::chrono::nanoseconds> monitor{};
  /// Fraction of tasks (0 to 1) that may fail before failure_action applies (unset: 0).
  std::optional<double> max_failure_ratio{};
  std::optional<UpdateOrder> order{};  ///< API 1.29
};

/// ingress: every node answers on the published port and routes to a task
/// (the routing mesh); host: only nodes running a task, straight to it.
enum class PublishMode {
  ingress,  ///< routing mesh: every node answers on the published port
  host      ///< only the node running the task, straight to it (API 1.34)
};

/// A port of the service's tasks published outside the swarm
/// (`docker service create --publish published=…,target=…`).
struct PublishedPort {
  std::uint32_t target = 0;                  ///< the port inside the task's container
  std::optional<std::uint32_t> published{};  ///< unset: the daemon picks one (30000+)
  std::string protocol = "tcp";              ///< tcp, udp, sctp
  PublishMode mode = PublishMode::ingress;   ///< host: API 1.34
};

/// A secret or config given to the task's container as a file: by `name`
/// (or id), at `target` (secrets: relative to /run/secrets, default the
/// name; configs: an absolute path, default `/NAME`), owned by uid/gid with
/// `mode`.
struct FileReference {
  std::string name{};         ///< the secret's or config's name (or id); none such: NotFound
  std::string target{};       ///< file path in the container; empty: the default above
  std::string uid = "0";      ///< owner's numeric uid, as a string (the API's type)
  std::string gid = "0";      ///< owner's numeric gid, as a string
  std::uint32_t mode = 0444;  ///< permission bits (octal 0444: read-only for all)
};

/// A service, readable. Fields newer than the API version in use raise
/// VersionError before anything is sent: secrets 1.27, rollback and
/// placement_preferences 1.28, update/rollback order 1.29, configs 1.30,
/// host-mode ports 1.34, max_replicas_per_node 1.40.
struct ServiceOptions {
  std::string name{};   ///< service name; empty: the daemon generates one
  std::string image{};  ///< image the tasks run ("busybox:latest"); empty: InvalidInput
  /// Arguments of the image's entrypoint (`docker service create IMAGE ARGS…`; ContainerSpec.Args).
  std::vector<std::string> cmd{};
  /// Replaces the image's entrypoint (ContainerSpec.Command).
  std::vector<std::string> entrypoint{};
  std::vector<std::string> env{};  ///< "KEY=value"
  std::string working_dir{};       ///< the containers' working directory; empty: the image's
  std::string user{};              ///< "user", "uid", "user:group"; empty: the image's
  bool tty = false;                ///< allocate a TTY (logs are then not demultiplexed)
  /// Labels of the service (Spec.Labels).
  std::map<std::string, std::string> labels{};
  /// Labels of each task's container (ContainerSpec.Labels).
  std::map<std::string, std::string> container_labels{};
  /// Replicated with this many tasks (unset and not global: 1), or one task per node.
  std::optional<std::uint64_t> replicas{};
  /// Global mode: one task on every node; with `replicas` set: InvalidInput.
  bool global = false;
  ServiceResources resources{};                ///< CPU and memory limits and reservations
  std::optional<TaskRestartPolicy> restart{};  ///< unset: the daemon's (any, 5 s, forever)
  std::optional<UpdatePolicy> update{};        ///< how update() replaces tasks; unset: daemon's
  std::optional<UpdatePolicy> rollback{};      ///< how rollback() replaces tasks (API 1.28)
  std::vector<PublishedPort> ports{};          ///< ports published outside the swarm
  /// Networks (name or id) the tasks join.
  std::vector<std::string> networks{};
  std::vector<MountSpec> mounts{};  ///< bind, volume or tmpfs mounts of each task's container
  /// By name (or id): resolved to ids before the service is created; a name
  /// that none has is NotFound.
  std::vector<FileReference> secrets{};
  /// Configs given as files (API 1.30), resolved by name like `secrets`.
  std::vector<FileReference> configs{};
  /// Placement: "node.role==manager", "node.labels.zone==a"…
  std::vector<std::string> constraints{};
  /// Spread descriptors: "node.labels.zone".
  std::vector<std::string> placement_preferences{};
  /// Most tasks of this service on one node (API 1.40); unset: no limit.
  std::optional<std::uint64_t> max_replicas_per_node{};
  /// How long a stopping task gets after its stop signal before SIGKILL (unset: 10 s).
  std::optional<std::chrono::nanoseconds> stop_grace_period{};
  /// Logging driver of the tasks ("json-file", "none"…); unset: the daemon's default.
  std::optional<std::string> log_driver{};
};

/// A task as the layer reads it, whatever the API version.
struct TaskSummary {
  std::string id{};          ///< task id
  std::string service_id{};  ///< id of the service the task belongs to
  std::string node_id{};     ///< node the task is assigned to; empty before assignment
  std::int64_t slot = 0;     ///< replica slot (1…replicas); 0 for global services
  std::string state{};  ///< new, pending, assigned, preparing, starting, running, complete, failed, rejected, shutdown…
  std::string desired_state{};  ///< running, shutdown, accepted
  std::string message{};        ///< the status message ("started", "preparing"…)
  std::string error{};          ///< e.g. "No such image: …"
  std::string container_id{};   ///< the task's container; empty until it has one
};

/// Swarm services (Docker::services()); Unavailable when the daemon is in no swarm.
template <class Api>
class Services {
 public:
  /// What Docker::services() hands out: the Docker's client and call options.
  explicit Services(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Services with(CallOptions options) const { return Services(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// POST /services/create; returns the service id. A name in use is Conflict.
  std::string create(const ServiceOptions& options);

  /// GET /services/{id}: the version's Service model (include its model header).
  typename Api::ServiceInspectResult inspect(const std::string& id);

  /// The service's version index, for update().
  std::int64_t version(const std::string& id);

  /// GET /services; `filters` as in `docker service ls --filter` (name, label, mode, id).
  typename Api::ServiceListResult list(const Filters& filters = {});

  /// Replaces the service's spec with `options`, based on the service as it
  /// was at `version` (version()): when it changed since, Conflict (dockerd
  /// answers 500 "update out of sequence"; the layer raises Conflict with
  /// that status and message). Returns the daemon's warnings.
  std::vector<std::string> update(const std::string& id, std::int64_t version, const ServiceOptions& options);

  /// Sets the number of replicas (a replicated service) at its current version.
  void scale(const std::string& id, std::uint64_t replicas);

  /// Back to the spec before the last update (API 1.28).
  void rollback(const std::string& id);

  /// Logs of every task, demultiplexed unless the service has a TTY. `until`
  /// is not a parameter of service logs: InvalidInput.
  Output logs(const std::string& id, const LogOptions& options = {});

  /// DELETE /services/{id}; its tasks are removed with it.
  void remove(const std::string& id);

 private:
  std::vector<std::string> send_update(const std::string& id, std::int64_t version, const std::string& spec_json,
                                       bool rollback);

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

/// How long wait_running() waits when the CallOptions have no deadline.
inline constexpr std::chrono::seconds kDefaultTaskWait{60};

/// The tasks of swarm services (Docker::tasks()).
template <class Api>
class Tasks {
 public:
  /// What Docker::tasks() hands out: the Docker's client and call options.
  explicit Tasks(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Tasks with(CallOptions options) const { return Tasks(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// GET /tasks; `filters`: service, node, desired-state, label, name, id.
  typename Api::TaskListResult list(const Filters& filters = {});

  /// The tasks of a service (name or id), read version-free.
  std::vector<TaskSummary> of_service(const std::string& service);

  /// Waits until exactly `count` tasks of `service` are running, and
  /// returns them. The deadline of the CallOptions bounds the wait
  /// (kDefaultTaskWait without one): past it, Timeout naming every task's
  /// state and error ("rejected: No such image: …"). Cancellation: Cancelled.
  std::vector<TaskSummary> wait_running(const std::string& service, std::size_t count);

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
