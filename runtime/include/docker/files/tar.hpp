// Tar archives of host files, for build contexts and docker cp: written as a
// pull-style stream (a request body sent as it is read, one block of file
// data in memory at a time) and extracted from one, safely (no entry lands
// outside the destination; nothing half-written is left on failure).
// Implemented over libarchive, which stays out of this header and is loaded
// (libarchive.so.13) the first time a tar is made or extracted, not at
// start-up: when it cannot be, those calls throw FileError naming it.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "docker/errors.hpp"
#include "docker/http.hpp"

namespace docker::files {

/// A host file-system failure: a path that is missing, unreadable or in the
/// way, an archive that cannot be written or read. `file()` names the host
/// path or the archive entry.
class FileError : public Error {
 public:
  /// `message` says what failed; `file` is the host path or entry concerned.
  explicit FileError(std::string message, std::string file = {})
      : Error("file error", 0, std::move(message), {}, {}), file_(std::move(file)) {}
  /// The host path or archive entry the failure is about.
  const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
};

/// An archive entry that would land outside the destination: an absolute
/// name, a `..` component, or a path through a symbolic link. `file()` is the
/// entry's name as the archive gives it.
class UnsafeArchiveEntry : public FileError {
 public:
  /// The same constructor as FileError: `file` is the entry's name.
  using FileError::FileError;
};

/// What a tar filter says about one entry.
enum class TarFilter {
  include,    // archive it (and, for a directory, look inside)
  skip,       // leave it out; for a directory, still look inside (an exception may re-include a child)
  skip_tree,  // leave it out with everything below it
};

/// How tar_stream() names and filters what it archives.
struct TarOptions {
  /// The name the source itself gets in the archive. Empty: a directory's
  /// entries go at the archive's root with no entry for the directory itself
  /// (a build context); a file gets its own file name.
  std::string top_name{};
  /// Asked for every entry below the source (path relative to it,
  /// '/'-separated, no leading "./"); unset: everything goes in.
  std::function<TarFilter(const std::string& relative_path, bool is_directory)> filter{};
};

/// A tar of `source` (a file, a directory tree or a symbolic link, which is
/// archived, not followed), produced as it is read: regular files,
/// directories (empty ones too), symbolic links; modes and mtimes kept;
/// owner root (0:0), as the docker CLI sends them; names longer than 100
/// bytes in pax headers. Other file types (sockets, devices, fifos) are left out.
///
/// Walks the tree once before returning, so that a missing source or an
/// unreadable file or directory raises FileError (naming it) before anything
/// is sent. A file that changes afterwards raises FileError from read_some.
/// The length is unknown (a chunked upload).
StreamBody tar_stream(const std::filesystem::path& source, TarOptions options = {});

/// How extract_tar() places what it extracts.
struct ExtractOptions {
  /// The archive holds one top entry (a file or one directory tree, as GET
  /// /containers/{id}/archive gives): it becomes `destination` itself.
  /// Otherwise `destination` becomes a new directory holding the entries.
  bool single_top_entry = false;
};

/// Extracts the tar `archive` to `destination`, whose parent must exist and
/// which must not exist (except, with single_top_entry, a regular file the
/// extracted file replaces). Modes, mtimes and symbolic links are kept
/// (owners are not: the files belong to the caller).
///
/// Extraction goes into a temporary sibling directory, renamed into place at
/// the end; on any failure it is removed, so nothing half-written is left.
/// Throws UnsafeArchiveEntry for an entry escaping the destination, FileError
/// for host failures, and whatever reading `archive` throws.
void extract_tar(ByteReader& archive, const std::filesystem::path& destination, const ExtractOptions& options = {});

}  // namespace docker::files
