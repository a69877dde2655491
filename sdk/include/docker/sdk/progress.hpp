// Progress of pull, push, import and load: the daemon's JSON messages, read
// pull-style (no hidden thread), one version-free ProgressMessage at a time.
// An error inside the stream raises a typed error (see registry.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "docker/sdk/registry.hpp"

namespace docker::sdk {

/// One message of a pull, push, load or build progress stream.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's noexcept move (clang-tidy 14 false positive)
struct ProgressMessage {
  std::string id;                       ///< layer id, or the tag being pulled
  std::string status;                   ///< "Pulling fs layer", "Pushed", "Loaded image: x:y", …
  std::string progress;                 ///< the daemon's progress bar text
  std::optional<std::int64_t> current;  ///< bytes done of the layer, when given
  std::optional<std::int64_t> total;    ///< the layer's size in bytes, when given
  std::string stream;                   ///< /images/load and /build text output ("Loaded image: …")
  nlohmann::json aux;                   ///< push's final {Tag, Digest, Size}; null when absent
  nlohmann::json raw;                   ///< the whole message
};

inline ProgressMessage to_progress_message(nlohmann::json j) {
  ProgressMessage m;
  auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  m.id = text("id");
  m.status = text("status");
  m.progress = text("progress");
  m.stream = text("stream");
  if (auto detail = j.find("progressDetail"); detail != j.end() && detail->is_object()) {
    if (auto c = detail->find("current"); c != detail->end() && c->is_number_integer())
      m.current = c->get<std::int64_t>();
    if (auto t = detail->find("total"); t != detail->end() && t->is_number_integer()) m.total = t->get<std::int64_t>();
  }
  if (auto aux = j.find("aux"); aux != j.end()) m.aux = *aux;
  m.raw = std::move(j);
  return m;
}

/// Reads progress messages from a generated JsonStream<T> of any version.
/// Memory is bounded by one message.
template <class Stream>
class [[nodiscard]] ProgressReader {
 public:
  /// `from_registry`: the stream reports a pull or push, whose relayed
  /// registry failures become typed errors (not for import or load).
  explicit ProgressReader(Stream stream, bool from_registry = true)
      : stream_(std::move(stream)), from_registry_(from_registry) {}

  /// The next message, or nullopt at the end. Throws JsonMessageError for an
  /// error in the stream; for a registry's stream Unauthorized, Unavailable
  /// or NotFound when the message says so.
  std::optional<ProgressMessage> next() {
    auto read = [&]() -> std::optional<ProgressMessage> {
      auto item = stream_.next();
      if (!item) return std::nullopt;
      return to_progress_message(nlohmann::json(*item));
    };
    return from_registry_ ? with_registry_errors(read) : read();
  }

  /// Reads to the end, handing each message to `on_message` (may be empty).
  /// Returns the last message (the daemon's summary line), if any.
  std::optional<ProgressMessage> wait(const std::function<void(const ProgressMessage&)>& on_message = {}) {
    std::optional<ProgressMessage> last;
    while (auto message = next()) {
      if (on_message) on_message(*message);
      last = std::move(message);
    }
    return last;
  }

 private:
  Stream stream_;
  bool from_registry_;
};

template <class Stream>
ProgressReader(Stream) -> ProgressReader<Stream>;

}  // namespace docker::sdk
