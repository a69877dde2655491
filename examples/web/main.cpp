// web: serves a page from busybox httpd on a port of 127.0.0.1 that the
// daemon picks, waits until the port answers, fetches the page over a plain
// socket, prints it and removes the container.
//
// Connects like the docker CLI (DOCKER_HOST, contexts, …); needs the
// busybox:latest image and the daemon's bridge network.
#include <chrono>
#include <iostream>
#include <string>

#include "docker/sdk/v1_55.hpp"
#include "http_get.hpp"

int main() try {
  using namespace std::chrono_literals;
  auto docker = docker::v1_55::Docker::from_env();
  docker::v1_55::ContainerOptions options{
      .image = "busybox:latest",
      .cmd = {"sh", "-c",
              "mkdir -p /www && echo '<h1>Hello from busybox httpd</h1>' > /www/index.html && "
              "exec httpd -f -p 80 -h /www"},
      .name = "docker-cpp-example-web-" + std::to_string(::getpid()),
      .labels = {{"org.docker-cpp.example", "web"}},
      .ports = {docker::v1_55::PortMapping::parse("127.0.0.1::80/tcp")},  // host port: the daemon's choice
  };
  // Removed (forced) when main returns or throws: no container is left behind.
  docker::v1_55::ScopedContainer container(docker.create(options));
  container->start();
  auto bound = container->wait_for_port("80/tcp", 30s);
  std::cout << "serving on http://" << bound.host_ip << ":" << bound.host_port << "/\n";
  auto response = http_get(bound.host_ip, bound.host_port, "/index.html");
  auto body = response.find("\r\n\r\n");
  std::cout << (body == std::string::npos ? response : response.substr(body + 4));
  return 0;
} catch (const std::exception& e) {  // docker::Error, or http_get's own
  std::cerr << "web: " << e.what() << "\n";
  return 1;
}
