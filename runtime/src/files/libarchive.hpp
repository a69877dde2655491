// libarchive, loaded on first use: the runtime does not link it, so a program
// that never writes or reads a tar (a unix-socket call) does not load it and
// what it pulls in (libxml2, ICU, the compressors, nettle, acl) at start-up.
// tar.cpp calls libarchive only through this table. <archive.h> is still
// included for the prototypes (each pointer has its function's exact type)
// and the constants.
#pragma once

#include <archive.h>
#include <archive_entry.h>

namespace docker::files::internal {

static_assert(ARCHIVE_VERSION_NUMBER >= 3003000 && ARCHIVE_VERSION_NUMBER < 4000000,
              "libarchive 3.3 or later (soname 13) is needed");

/// The library loaded: every libarchive 3.x installs it under this name.
inline constexpr const char* kLibArchiveSoname = "libarchive.so.13";

/// Every libarchive function the runtime calls.
#define DOCKER_CPP_LIBARCHIVE_FUNCTIONS(X) \
  X(archive_entry_copy_hardlink)           \
  X(archive_entry_copy_pathname)           \
  X(archive_entry_copy_stat)               \
  X(archive_entry_copy_symlink)            \
  X(archive_entry_filetype)                \
  X(archive_entry_free)                    \
  X(archive_entry_hardlink)                \
  X(archive_entry_new)                     \
  X(archive_entry_pathname)                \
  X(archive_entry_set_gid)                 \
  X(archive_entry_set_nlink)               \
  X(archive_entry_set_size)                \
  X(archive_entry_set_uid)                 \
  X(archive_entry_size)                    \
  X(archive_error_string)                  \
  X(archive_read_data_block)               \
  X(archive_read_free)                     \
  X(archive_read_new)                      \
  X(archive_read_next_header)              \
  X(archive_read_open)                     \
  X(archive_read_support_format_gnutar)    \
  X(archive_read_support_format_tar)       \
  X(archive_write_close)                   \
  X(archive_write_data)                    \
  X(archive_write_data_block)              \
  X(archive_write_disk_new)                \
  X(archive_write_disk_set_options)        \
  X(archive_write_finish_entry)            \
  X(archive_write_free)                    \
  X(archive_write_header)                  \
  X(archive_write_new)                     \
  X(archive_write_open)                    \
  X(archive_write_set_bytes_per_block)     \
  X(archive_write_set_format_pax_restricted)

/// One typed pointer per function, named as the function.
struct LibArchive {
// NOLINTNEXTLINE(bugprone-macro-parentheses): `name` is a member and `::name` a function; neither can be parenthesized.
#define DOCKER_CPP_LIBARCHIVE_MEMBER(name) decltype(&::name) name = nullptr;
  DOCKER_CPP_LIBARCHIVE_FUNCTIONS(DOCKER_CPP_LIBARCHIVE_MEMBER)
#undef DOCKER_CPP_LIBARCHIVE_MEMBER
};

/// libarchive's functions, loaded (dlopen of kLibArchiveSoname, then each
/// symbol) on the first call, once per process and thread-safely; the library
/// stays loaded. Throws FileError naming the library and the loader's reason
/// when it cannot be loaded or lacks a function; a later call tries again.
const LibArchive& libarchive();

/// Loads `soname` and resolves every function, uncached (libarchive() with
/// kLibArchiveSoname; tests pass other names). Throws as libarchive() does.
LibArchive load_libarchive(const char* soname);

}  // namespace docker::files::internal
