// docker-cpp-testenv: prepares and cleans the daemon the tests use, through
// our own client (no docker CLI involved).
//   seed [TAR]   imports busybox:latest from Debian's busybox-static when absent
//   cleanup      removes every container, network, volume and image the tests made
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/tar_writer.hpp"
#include "support/test_env.hpp"

namespace {

using docker::Request;
using nlohmann::json;
using namespace docker::testing;

std::string run_capture(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = ::pclose(p);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(cmd + " failed");
  return out;
}

// A root file system holding /bin/busybox and a link per applet.
std::string busybox_rootfs() {
  const std::string busybox = "/bin/busybox";
  std::ifstream in(busybox, std::ios::binary);
  if (!in) throw std::runtime_error("no " + busybox + " (apt-get install busybox-static)");
  std::stringstream bytes;
  bytes << in.rdbuf();
  TarWriter tar;
  for (auto dir : {"bin", "tmp", "etc", "proc", "sys", "dev", "root", "var"}) tar.add_directory(dir);
  tar.add_file("bin/busybox", bytes.str(), 0755);
  std::istringstream applets(run_capture(busybox + " --list"));
  for (std::string name; std::getline(applets, name);)
    if (!name.empty() && name != "busybox") tar.add_symlink("bin/" + name, "busybox");
  tar.add_file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
  tar.add_file("etc/group", "root:x:0:\n");
  return tar.finish();
}

bool image_exists(docker::Client& c, std::string_view ref) {
  try {
    c.call(Request{"GET", "/images/" + std::string(ref) + "/json"});
    return true;
  } catch (const docker::NotFound&) {
    return false;
  }
}

int seed(docker::Client& c) {
  if (image_exists(c, kBusybox)) return 0;
  Request req{"POST", "/images/create?fromSrc=-&repo=busybox&tag=latest"};
  req.headers.set("Content-Type", "application/x-tar");
  req.body = busybox_rootfs();
  auto resp = c.call(std::move(req));
  if (!image_exists(c, kBusybox)) throw std::runtime_error("import did not create busybox:latest: " + resp.body);
  std::cerr << "testenv: seeded busybox:latest\n";
  return 0;
}

std::string label_filter() { return docker::url_encode(json{{"label", {std::string(kTestLabel)}}}.dump()); }

int cleanup(docker::Client& c) {
  int removed = 0;
  auto each = [&](const std::string& list, const char* key, auto&& remove) {
    auto items = json::parse(c.call(Request{"GET", list}).body);
    if (key) items = items[key];
    if (!items.is_array()) return;
    for (auto& item : items) {
      try {
        if (remove(item)) ++removed;
      } catch (const docker::Error& e) {
        std::cerr << "testenv: " << e.what() << "\n";
      }
    }
  };
  each("/containers/json?all=1&filters=" + label_filter(), nullptr, [&](const json& it) {
    c.call(Request{"DELETE", "/containers/" + it["Id"].get<std::string>() + "?force=1&v=1"});
    return true;
  });
  each("/networks?filters=" + label_filter(), nullptr, [&](const json& it) {
    c.call(Request{"DELETE", "/networks/" + it["Id"].get<std::string>()});
    return true;
  });
  each("/volumes?filters=" + label_filter(), "Volumes", [&](const json& it) {
    c.call(Request{"DELETE", "/volumes/" + it["Name"].get<std::string>() + "?force=1"});
    return true;
  });
  each("/images/json?all=1", nullptr, [&](const json& it) {
    const auto& tags = it.value("RepoTags", json::array());
    bool ours = false;
    for (auto& t : tags) ours |= t.is_string() && t.get<std::string>().find(kTestPrefix) != std::string::npos;
    if (!ours) return false;
    c.call(Request{"DELETE", "/images/" + it["Id"].get<std::string>() + "?force=1"});
    return true;
  });
  std::cerr << "testenv: removed " << removed << " test objects\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  try {
    auto client = client_from_env();
    if (cmd == "seed") return seed(*client);
    if (cmd == "cleanup") return cleanup(*client);
    std::cerr << "usage: docker-cpp-testenv seed|cleanup\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "docker-cpp-testenv " << cmd << ": " << e.what() << "\n";
    return 1;
  }
}
