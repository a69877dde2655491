// Definitions of Container<Api>::copy_to / copy_from (docker cp), over the
// archive endpoints and the runtime's tar facility (docker/files/tar.hpp).
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "docker/errors.hpp"
#include "docker/files/tar.hpp"
#include "docker/sdk/container.hpp"
#include "docker/sdk/impl/archive.hpp"

namespace docker::sdk {

namespace internal {

/// "/a/b/" → {"/a", "b"}; "/a" → {"/", "a"}; "b" → {".", "b"}.
inline std::pair<std::string, std::string> split_container_path(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? std::string("/") : path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace internal

template <class Api>
void Container<Api>::copy_to(const std::string& host_path_text, const std::string& container_path) {
  const std::filesystem::path host_path(host_path_text);
  struct stat st {};
  if (::lstat(host_path.c_str(), &st) != 0)
    throw files::FileError("cannot copy " + host_path.string() + " into the container: it does not exist",
                           host_path.string());
  constexpr Route route = internal::put_archive_route<Api>();
  const std::string archive_path = route.fill({id_});
  if (container_path.empty()) throw InvalidInput("copy_to: the container path is empty", route.method, archive_path);
  Archive<Api> archive(client_, options_);
  auto [parent, name] = internal::split_container_path(container_path);
  std::string directory = parent;
  std::string top_name = name;
  try {
    auto existing = archive.stat(id_, container_path);
    if (existing.is_directory()) {
      // Into the directory, under the host file's own name (docker cp).
      directory = container_path;
      auto host_name = host_path.filename().empty() ? host_path.parent_path().filename() : host_path.filename();
      top_name = host_name.string();
    } else if (S_ISDIR(st.st_mode)) {
      throw InvalidInput("cannot copy the directory " + host_path.string() + " onto the file " + container_path,
                         route.method, archive_path);
    }
  } catch (const NotFound&) {
    // A new name in an existing directory (the PUT says NotFound when that directory is missing).
  }
  if (top_name.empty() || top_name == "/" || top_name == "." || top_name == "..")
    throw InvalidInput("copy_to: cannot name a copy \"" + container_path + "\"", route.method, archive_path);
  archive.put(id_, directory, files::tar_stream(host_path, {.top_name = top_name}));
}

template <class Api>
void Container<Api>::copy_from(const std::string& container_path, const std::string& host_path_text) {
  namespace fs = std::filesystem;
  const fs::path host_path(host_path_text);
  auto name = internal::split_container_path(container_path).second;
  if (name.empty() || name == "/" || name == "." || name == "..")
    throw InvalidInput("copy_from: give a file or directory, not \"" + container_path + "\"",
                       internal::get_archive_route<Api>().method, internal::get_archive_route<Api>().fill({id_}));
  fs::path target = host_path;
  std::error_code ec;
  if (fs::is_directory(host_path, ec)) {
    target = host_path / name;  // into the directory (docker cp)
  } else {
    auto parent = fs::absolute(host_path, ec).parent_path();
    if (!fs::is_directory(parent, ec))
      throw files::FileError(
          "cannot copy to " + host_path.string() + ": the directory " + parent.string() + " does not exist",
          parent.string());
  }
  auto tar = Archive<Api>(client_, options_).get(id_, container_path);
  files::extract_tar(*tar, target, {.single_top_entry = true});
}

}  // namespace docker::sdk
