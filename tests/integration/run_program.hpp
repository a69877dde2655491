// Runs an example as a whole program with a clean Docker environment plus
// the variables a test sets (the CLI's variables of the outer environment
// must not leak in: the test says exactly how the program connects).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace docker::testing {

struct ProgramResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string output;  // stdout and stderr
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline ProgramResult run_program(const std::string& program, const std::map<std::string, std::string>& env,
                                 const std::vector<std::string>& args = {}) {
  std::string command =
      "env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_CONFIG -u DOCKER_TLS_VERIFY "
      "-u DOCKER_TLS -u DOCKER_CERT_PATH -u DOCKER_API_VERSION";
  for (const auto& [name, value] : env) command += " " + name + "=" + shell_quote(value);
  command += " " + shell_quote(program);
  for (const auto& arg : args) command += " " + shell_quote(arg);
  command += " 2>&1";
  ProgramResult result;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return result;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) result.output.append(buf, n);
  int status = ::pclose(p);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace docker::testing
