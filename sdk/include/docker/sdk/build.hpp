// docker build from a directory (classic builder): the context is sent as a
// tar produced while it is read (a 1 GiB context is never held in memory),
// filtered by its .dockerignore like the docker CLI; progress is read
// pull-style, one typed BuildMessage at a time; a failing step raises
// BuildError with that step's output.
//
//   auto build = docker.build("app/", {.tags = {"app:1"}, .build_args = {{"V", "1"}}});
//   std::string id = build.wait([](const docker::sdk::BuildMessage& m) { std::cout << m.stream; });
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "docker/auth/auth_config.hpp"
#include "docker/errors.hpp"
#include "docker/http.hpp"
#include "docker/internal/std_function.hpp"
#include "docker/route.hpp"

namespace docker::sdk {

/// What Docker::build() sends with the context (`docker build` flags).
struct BuildOptions {
  /// The Dockerfile's path inside the context ('/'-separated).
  std::string dockerfile = "Dockerfile";
  /// Names for the image ("app:1", "registry:5000/app"); any number.
  std::vector<std::string> tags{};
  /// ARG values (`--build-arg NAME=value`).
  std::map<std::string, std::string> build_args{};
  /// Labels of the built image (`--label`).
  std::map<std::string, std::string> labels{};
  /// The stage to build (--target); bindings of API 1.37+ (VersionError otherwise).
  std::string target{};
  /// Build every step anew (`--no-cache`).
  bool no_cache = false;
  /// Pull base images even when present.
  bool pull = false;
  /// Remove intermediate containers after a successful build (daemon default: yes).
  std::optional<bool> rm{};
  /// Remove intermediate containers even when the build fails.
  bool force_rm = false;
  /// Network of RUN steps: "bridge", "host", "none", a network name.
  std::string network_mode{};
  /// "os[/arch[/variant]]"; bindings and daemon of API 1.34+ (VersionError otherwise).
  std::string platform{};
  /// Credentials for base images' registries (X-Registry-Config); unset:
  /// every registry config.json has credentials for (helpers included),
  /// unless use_config_file is off.
  std::optional<std::map<std::string, auth::AuthConfig>> registry_auths{};
  /// Take registry credentials from config.json when registry_auths is unset.
  bool use_config_file = true;
};

/// One message of the build's progress.
struct BuildMessage {
  /// Which of the daemon's message shapes this is.
  enum class Kind {
    stream,  // a piece of step output: "Step 2/5 : RUN make\n", " ---> 3f2a…\n", what RUN printed
    status,  // pulling a base image: id, status, progress
    aux,     // the built image's id
    other,   // anything else (see raw)
  };
  Kind kind = Kind::other;              ///< the message's shape
  std::string stream;                   ///< kind stream: the text, newlines included
  std::string id;                       ///< kind status: the layer or image id
  std::string status;                   ///< kind status: "Pulling fs layer", "Downloading", …
  std::string progress;                 ///< kind status: the daemon's progress bar text
  std::optional<std::int64_t> current;  ///< kind status: bytes done, when given
  std::optional<std::int64_t> total;    ///< kind status: bytes in all, when given
  std::string image_id;                 ///< kind aux: "sha256:…"
  std::string raw;                      ///< the daemon's JSON message as it came
};

/// A build the daemon reported failed (a RUN that exited non-zero, a COPY of
/// a missing file, a bad instruction). `message()` is the daemon's error;
/// `output()` the lines of the failing step, its "Step n/m : …" line first
/// (at most kMaxLines, the last ones).
class BuildError : public StreamError {
 public:
  /// At most this many output lines are kept (the last ones).
  static constexpr std::size_t kMaxLines = 1000;
  /// The daemon's error, the failing step's output lines, its exit code if
  /// given; `route`: the build's (the version's ImageBuildParams::route).
  BuildError(std::string message, std::vector<std::string> output, std::optional<int> code, const Route& route)
      : StreamError(std::move(message), route.method, route.path), output_(std::move(output)), code_(code) {}
  /// The failing step's lines, its "Step n/m : …" line first.
  const std::vector<std::string>& output() const noexcept { return output_; }
  /// The exit code of the failing RUN, when the daemon gave one.
  std::optional<int> code() const noexcept { return code_; }

 private:
  std::vector<std::string> output_;
  std::optional<int> code_;
};

/// Reads a build's progress (no thread; memory bounded by one message plus
/// the current step's output, capped). Version-free: the template parameter
/// only says which bindings' library holds the compiled code.
template <class Api>
class [[nodiscard]] BuildReader {
 public:
  /// Reads the JSON messages of POST /build's response `body`.
  explicit BuildReader(std::shared_ptr<ByteReader> body);

  /// The next message, or nullopt at the end. Throws BuildError when the
  /// daemon reports the build failed.
  std::optional<BuildMessage> next();

  /// Reads to the end, handing each message to `on_message` (may be empty);
  /// returns the image id ("sha256:…", or the short id of "Successfully built").
  [[nodiscard("the built image's id")]] std::string wait(
      const std::function<void(const BuildMessage&)>& on_message = {});

  /// The image id, once the build reported it ("" before).
  const std::string& image_id() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace docker::sdk
