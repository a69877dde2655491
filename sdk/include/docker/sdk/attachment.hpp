// A hijacked connection to a container or exec: stdin to write (and
// half-close), output to read. Pull-style: the caller drives both directions.
#pragma once

#include <memory>
#include <string_view>
#include <utility>

#include "docker/http.hpp"
#include "docker/sdk/output.hpp"
#include "docker/streams/output_stream.hpp"

namespace docker::sdk {

/// A process' stdin and output over a hijacked connection: what attach and
/// exec with stdin return. Move-only in effect (it owns the connection).
class [[nodiscard]] Attachment {
 public:
  /// Over `connection`; `multiplexed` false for a TTY (raw output).
  Attachment(std::shared_ptr<HijackedStream> connection, bool multiplexed)
      : connection_(std::move(connection)), output_(OutputStream(connection_, multiplexed)) {}

  /// Sends bytes to the process' stdin (needs `with_stdin` and an open stdin).
  void write(std::string_view data) { connection_->write(data); }
  /// Ends stdin (the process reads EOF, `cat` exits); output stays readable
  /// to its end. For a container's attach that takes a container created with
  /// stdin_once (the default with open_stdin): see ContainerOptions::stdin_once.
  /// An exec's stdin always works this way.
  void close_stdin() { connection_->close_write(); }
  /// Closes the connection both ways (detaches; the container keeps running,
  /// though with stdin attached and stdin_once its process reads EOF).
  void close() { connection_->close(); }

  /// The output: next(), stdout_reader()/stderr_reader(), copy_to(), read_all().
  Output& output() { return output_; }
  /// Shortcut to output().stdout_reader().
  std::shared_ptr<ByteReader> stdout_reader() { return output_.stdout_reader(); }
  /// Shortcut to output().stderr_reader().
  std::shared_ptr<ByteReader> stderr_reader() { return output_.stderr_reader(); }
  /// Shortcut: reads the output to its end.
  Captured read_all() { return output_.read_all(); }

 private:
  std::shared_ptr<HijackedStream> connection_;
  Output output_;
};

}  // namespace docker::sdk
