// Copies a file into a new busybox container and back, like `docker cp`
// twice, and says what it did.
//   cp FILE
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "docker/files/tar.hpp"
#include "docker/sdk/v1_55.hpp"

namespace fs = std::filesystem;

static std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: cp FILE\n";
    return 2;
  }
  fs::path file = argv[1];
  try {
    auto docker = docker::v1_55::Docker::from_env();
    auto container = docker.create({.image = "busybox:latest",
                                    .cmd = {"true"},
                                    .labels = {{"org.docker-cpp.example", "cp"}},
                                    .network_mode = "none"});
    struct Remove {
      docker::v1_55::Container& c;
      ~Remove() {
        try {
          c.remove({.force = true});
        } catch (const docker::Error&) {
        }
      }
    } remove{container};

    std::string in_container = "/tmp/" + file.filename().string();
    container.copy_to(file, in_container);
    std::cout << "copied " << file.string() << " (" << fs::file_size(file) << " bytes) to "
              << container.id().substr(0, 12) << ":" << in_container << "\n";

    fs::path back = fs::temp_directory_path() / ("docker-cpp-cp-" + container.id().substr(0, 12));
    container.copy_from(in_container, back);
    std::cout << "copied " << container.id().substr(0, 12) << ":" << in_container << " back to " << back.string()
              << " (" << fs::file_size(back) << " bytes)\n";
    bool same = contents(file) == contents(back);
    std::cout << (same ? "contents match" : "contents differ") << "\n";
    fs::remove(back);
    return same ? 0 : 1;
  } catch (const docker::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
