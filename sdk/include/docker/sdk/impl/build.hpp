// Definitions of docker/sdk/build.hpp and Docker<Api>::build (see impl/container.hpp).
#pragma once

#include <deque>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>

#include "docker/auth/registry_auth.hpp"
#include "docker/files/ignore.hpp"
#include "docker/files/tar.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/internal/query.hpp"
#include "docker/sdk/build.hpp"
#include "docker/sdk/docker.hpp"
#include "docker/streams/json_stream.hpp"

namespace docker::sdk {

template <class Api>
struct BuildReader<Api>::State {
  explicit State(std::shared_ptr<ByteReader> body) : reader(std::move(body)) {}
  JsonMessageReader reader;
  std::deque<std::string> step_output;  // the current step's lines
  std::string partial;                  // output not yet ended by a newline
  std::string image_id;

  void add_output(const std::string& text) {
    constexpr std::size_t kMaxLine = std::size_t{64} * 1024;
    partial += text;
    std::size_t start = 0;
    for (auto nl = partial.find('\n'); nl != std::string::npos; nl = partial.find('\n', start)) {
      add_line(partial.substr(start, nl - start));
      start = nl + 1;
    }
    partial.erase(0, start);
    if (partial.size() > kMaxLine) {
      add_line(partial);
      partial.clear();
    }
  }
  void add_line(std::string line) {
    // dockerd's classic builder starts each step with "Step n/m : …", Podman (buildah) with "STEP n/m: …".
    if (line.starts_with("Step ") || line.starts_with("STEP ")) step_output.clear();
    step_output.push_back(std::move(line));
    if (step_output.size() > BuildError::kMaxLines) step_output.pop_front();
  }
  std::vector<std::string> lines() const {
    std::vector<std::string> out(step_output.begin(), step_output.end());
    if (!partial.empty()) out.push_back(partial);
    return out;
  }
};

template <class Api>
BuildReader<Api>::BuildReader(std::shared_ptr<ByteReader> body) : state_(std::make_shared<State>(std::move(body))) {}

template <class Api>
std::optional<BuildMessage> BuildReader<Api>::next() {
  std::optional<nlohmann::json> j;
  try {
    j = state_->reader.next();
  } catch (const JsonMessageError& e) {
    throw BuildError(e.message(), state_->lines(), e.code(), Api::ImageBuildParams::route);
  }
  if (!j) return std::nullopt;
  BuildMessage m;
  auto text = [&](const char* key) {
    auto it = j->find(key);
    return it != j->end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  m.stream = text("stream");
  m.id = text("id");
  m.status = text("status");
  m.progress = text("progress");
  if (auto detail = j->find("progressDetail"); detail != j->end() && detail->is_object()) {
    if (auto c = detail->find("current"); c != detail->end() && c->is_number_integer())
      m.current = c->get<std::int64_t>();
    if (auto t = detail->find("total"); t != detail->end() && t->is_number_integer()) m.total = t->get<std::int64_t>();
  }
  if (auto aux = j->find("aux"); aux != j->end() && aux->is_object()) {
    if (auto id = aux->find("ID"); id != aux->end() && id->is_string()) m.image_id = id->get<std::string>();
  }
  if (!m.image_id.empty()) {
    m.kind = BuildMessage::Kind::aux;
    state_->image_id = m.image_id;
  } else if (j->contains("stream")) {
    m.kind = BuildMessage::Kind::stream;
    state_->add_output(m.stream);
    // Before API 1.31 (no aux message) the id is only in this line.
    constexpr std::string_view kBuilt = "Successfully built ";
    if (state_->image_id.empty() && m.stream.starts_with(kBuilt)) {
      std::string id = m.stream.substr(kBuilt.size());
      while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
      state_->image_id = id;
    }
  } else if (j->contains("status")) {
    m.kind = BuildMessage::Kind::status;
  }
  m.raw = docker::internal::text_of(*j);
  return m;
}

template <class Api>
std::string BuildReader<Api>::wait(const std::function<void(const BuildMessage&)>& on_message) {
  while (auto message = next())
    if (on_message) on_message(*message);
  return state_->image_id;
}

template <class Api>
const std::string& BuildReader<Api>::image_id() const {
  return state_->image_id;
}

namespace internal {

inline std::string read_small_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw files::FileError("cannot read " + path.string(), path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace internal

template <class Api>
BuildReader<Api> Docker<Api>::build(const std::string& context_path, const BuildOptions& options) {
  namespace fs = std::filesystem;
  const fs::path context(context_path);
  using Params = typename Api::ImageBuildParams;
  const std::string method = Params::route.method;
  const std::string path = Params::route.path;
  std::error_code ec;
  if (!fs::exists(context, ec))
    throw files::FileError("the build context " + context.string() + " does not exist", context.string());
  if (!fs::is_directory(context, ec))
    throw files::FileError("the build context " + context.string() + " is not a directory", context.string());

  std::string dockerfile = files::clean_path(options.dockerfile.empty() ? "Dockerfile" : options.dockerfile);
  if (dockerfile.starts_with("/") || dockerfile == ".." || dockerfile.starts_with("../"))
    throw InvalidInput("BuildOptions::dockerfile \"" + options.dockerfile + "\" is outside the build context", method,
                       path);
  if (!fs::is_regular_file(context / dockerfile, ec))
    throw files::FileError("the Dockerfile " + (context / dockerfile).string() + " does not exist in the build context",
                           (context / dockerfile).string());

  // Version checks before anything is read or sent.
  if (!options.platform.empty()) {
    if constexpr (requires(Params p) { p.platform; })
      client_->require_version(Params::Since::platform, "`platform` of build", options_);
    else
      throw VersionError(
          "BuildOptions::platform: these bindings (API " + Api::version.str() + ") have no `platform` parameter",
          method, path);
  }
  if (!options.target.empty()) {
    if constexpr (requires(Params p) { p.target; })
      client_->require_version(Params::Since::target, "`target` of build", options_);
    else
      throw VersionError(
          "BuildOptions::target: these bindings (API " + Api::version.str() + ") have no `target` parameter", method,
          path);
  }

  // .dockerignore, as the CLI applies it: the Dockerfile and .dockerignore
  // are sent even when they match (the daemon leaves them out of the image).
  std::vector<std::string> patterns;
  if (fs::exists(context / ".dockerignore", ec))
    patterns = files::parse_ignore_file(internal::read_small_file(context / ".dockerignore"));
  files::TarOptions tar;
  if (!patterns.empty()) {
    files::PatternMatcher probe(patterns);
    if (probe.matches(".dockerignore")) patterns.emplace_back("!.dockerignore");
    if (probe.matches(dockerfile)) patterns.push_back("!" + dockerfile);
    auto matcher = std::make_shared<files::PatternMatcher>(patterns);
    tar.filter = [matcher](const std::string& relative, bool is_directory) {
      return matcher->filter(relative, is_directory);
    };
  }

  docker::internal::QueryString query;
  query.add("dockerfile", dockerfile);
  for (const auto& tag : options.tags) query.add("t", tag);
  if (!options.build_args.empty()) query.add_json("buildargs", options.build_args);
  if (!options.labels.empty()) query.add_json("labels", options.labels);
  if (!options.target.empty()) query.add("target", options.target);
  if (options.no_cache) query.add("nocache", true);
  if (options.pull) query.add("pull", true);
  if (options.rm) query.add("rm", *options.rm);
  if (options.force_rm) query.add("forcerm", true);
  if (!options.network_mode.empty()) query.add("networkmode", options.network_mode);
  if (!options.platform.empty()) query.add("platform", options.platform);

  Request request;
  request.method = method;
  request.target = Params::route.target({}, query);
  request.options = options_;
  std::map<std::string, auth::AuthConfig> auths;
  if (options.registry_auths)
    auths = *options.registry_auths;
  else if (options.use_config_file)
    auths = auth::CredentialStore::load().all();
  if (!auths.empty()) request.headers.set("X-Registry-Config", auth::encode_registry_config(auths));
  // Walks the context once now (FileError for anything unreadable), then streams it.
  docker::internal::set_stream_body(request, "application/x-tar", files::tar_stream(context, std::move(tar)));
  return BuildReader<Api>(docker::internal::body_source(client_->stream(std::move(request))));
}

}  // namespace docker::sdk
