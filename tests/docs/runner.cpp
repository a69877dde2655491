// main() of every docs snippet program: `--list`, or `--run N` against the
// daemon named by DOCKER_HOST (exit 77, skipped, when it is unset).
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "docs_snippet_runner.hpp"

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "--list";
  if (cmd == "--list") {
    for (int i = 0; i < docs::snippet_count; ++i)
      std::cout << i << '\t' << docs::snippets[i].where << '\t' << docs::snippets[i].mode << '\n';
    return 0;
  }
  int i = argc > 2 ? std::atoi(argv[2]) : -1;
  if (cmd != "--run" || i < 0 || i >= docs::snippet_count || !docs::snippets[i].run) {
    std::cerr << "usage: " << argv[0] << " --list | --run N\n";
    return 2;
  }
  const char* host = std::getenv("DOCKER_HOST");
  if (!host || !*host) {
    std::cout << docs::snippets[i].where << ": DOCKER_HOST not set: compiled, not run\n";
    return 77;
  }
  try {
    int rc = docs::snippets[i].run();
    if (rc != 0) std::cerr << docs::snippets[i].where << ": returned " << rc << "\n";
    return rc;
  } catch (const std::exception& e) {
    std::cerr << docs::snippets[i].where << ": " << e.what() << "\n";
    return 1;
  }
}
