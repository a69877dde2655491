// Builds a directory like `docker build DIR -t TAG`, printing the step lines
// as they come, then the image id.
//   build DIR [TAG]
#include <iostream>

#include "docker/files/tar.hpp"
#include "docker/sdk/v1_55.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: build DIR [TAG]\n";
    return 2;
  }
  try {
    auto docker = docker::v1_55::Docker::from_env();
    docker::v1_55::BuildOptions options;
    if (argc > 2) options.tags = {argv[2]};
    options.labels["org.docker-cpp.example"] = "build";
    auto build = docker.build(argv[1], options);
    std::string id = build.wait([](const docker::v1_55::BuildMessage& m) {
      if (m.kind == docker::v1_55::BuildMessage::Kind::stream) std::cout << m.stream << std::flush;
      if (m.kind == docker::v1_55::BuildMessage::Kind::status) std::cout << m.status << " " << m.progress << "\n";
    });
    std::cout << "built " << id << "\n";
  } catch (const docker::v1_55::BuildError& e) {
    std::cerr << "build failed: " << e.message() << "\n";
    for (const auto& line : e.output()) std::cerr << "  | " << line << "\n";
    return 1;
  } catch (const docker::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
