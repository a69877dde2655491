// Writes a POSIX ustar archive in memory: enough for test images and archive
// uploads (regular files, directories, symlinks).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace docker::testing {

class TarWriter {
 public:
  void add_file(std::string_view path, std::string_view content, unsigned mode = 0644);
  void add_directory(std::string_view path, unsigned mode = 0755);
  void add_symlink(std::string_view path, std::string_view target);
  /// Appends the end-of-archive marker and returns the archive.
  std::string finish();

 private:
  void add_header(std::string_view path, char type, std::uint64_t size, unsigned mode, std::string_view link_target);
  std::string out_;
};

}  // namespace docker::testing
