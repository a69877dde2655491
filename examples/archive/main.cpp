// archive: files into and out of a container as tar streams, what `docker
// cp` does underneath: put a tar written here in memory, stat the file, and
// get it back as a tar.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs busybox.
#include <cstdio>
#include <iostream>
#include <string>

#include "docker/sdk/v1_55.hpp"

namespace {

std::string octal(unsigned long value, int digits) {
  char text[24];
  std::snprintf(text, sizeof text, "%0*lo", digits, value);
  return text;
}

// One regular file as a POSIX ustar archive: a 512-byte header, the data
// padded to a 512-byte block, then two zero blocks.
std::string tar_of(const std::string& name, const std::string& data) {
  std::string header(512, '\0');
  auto put = [&](std::size_t at, const std::string& text) { header.replace(at, text.size(), text); };
  put(0, name);
  put(100, octal(0644, 7));          // mode
  put(124, octal(data.size(), 11));  // size
  put(136, octal(1700000000, 11));   // mtime
  header[156] = '0';                 // a regular file
  put(257, "ustar");
  put(263, "00");
  put(148, "        ");  // the checksum counts itself as spaces
  unsigned long sum = 0;
  for (unsigned char c : header) sum += c;
  put(148, octal(sum, 6));
  return header + data + std::string((512 - data.size() % 512) % 512, '\0') + std::string(1024, '\0');
}

}  // namespace

int main() try {
  auto docker = docker::v1_55::Docker::from_env();
  auto archive = docker.archive();
  // Archives work on a container that is not running: create one, do not start it.
  // Removed (forced) when main returns or throws: no container is left behind.
  docker::v1_55::ScopedContainer scoped(docker.create({.image = "busybox:latest", .cmd = {"true"}}));
  auto& container = *scoped;
  // PUT: the tar is extracted into the directory /tmp.
  archive.put(container.id(), "/tmp", docker::StreamBody::from_string(tar_of("greeting.txt", "hello, tar\n")));

  auto stat = archive.stat(container.id(), "/tmp/greeting.txt");  // HEAD: no tar
  std::cout << "stat: " << stat.name << ", " << stat.size << " bytes, mode " << octal(stat.mode & 0777, 3) << "\n";

  // GET: a tar of the path, pulled as it is read (read_all: it is small).
  std::string tar = archive.get(container.id(), "/tmp/greeting.txt")->read_all();
  auto size = std::stoul(tar.substr(124, 12), nullptr, 8);
  std::cout << "got: " << tar.substr(0, tar.find('\0')) << ", " << size << " bytes: " << tar.substr(512, size);

  try {
    archive.stat(container.id(), "/no/such/file");
  } catch (const docker::NotFound&) {
    std::cout << "stat of a missing path: NotFound\n";
  }
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "archive: " << e.what() << "\n";
  return 1;
}
