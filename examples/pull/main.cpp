// pull: pulls an image with one progress bar per layer, like `docker pull`.
//
//   pull IMAGE[:TAG]
//
// Credentials come from config.json (DOCKER_CONFIG) as with the CLI. On a
// terminal the bars are redrawn in place; otherwise each layer's status is
// printed as a line when it changes (not on every progress tick).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "docker/sdk/progress.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55/image_api.hpp"

namespace {

struct Layer {
  std::string id;
  std::string status;
  std::string bar;  // empty unless the daemon reported bytes
};

std::string human_bytes(std::int64_t n) {
  const char* units[] = {"B", "kB", "MB", "GB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1000 && u < 3) v /= 1000, ++u;
  char out[32];
  std::snprintf(out, sizeof out, u == 0 ? "%.0f%s" : "%.1f%s", v, units[u]);
  return out;
}

// "[=====>      ]  1.2MB/4.5MB", from the message's byte counts.
std::string bar_of(const docker::v1_55::ProgressMessage& m) {
  if (!m.current || !m.total || *m.total <= 0) return {};
  constexpr int kWidth = 30;
  auto filled = static_cast<int>(kWidth * std::min<std::int64_t>(*m.current, *m.total) / *m.total);
  std::string bar = "[" + std::string(filled, '=') + (filled < kWidth ? ">" : "") +
                    std::string(kWidth - filled - (filled < kWidth ? 1 : 0), ' ') + "]";
  return bar + " " + human_bytes(*m.current) + "/" + human_bytes(*m.total);
}

class Display {
 public:
  explicit Display(bool terminal) : terminal_(terminal) {}

  void update(const docker::v1_55::ProgressMessage& m) {
    // Messages without a layer id are the pull's own lines ("Pulling from …", "Digest: …", "Status: …").
    if (m.id.empty() || m.status.starts_with("Pulling from")) {
      print_line(m.id.empty() ? m.status : m.id + ": " + m.status);
      return;
    }
    auto& layer = find(m.id);
    bool changed = layer.status != m.status;
    layer.status = m.status;
    layer.bar = bar_of(m);
    if (terminal_)
      redraw();
    else if (changed)
      std::cout << layer.id << ": " << layer.status << "\n";
  }

 private:
  Layer& find(const std::string& id) {
    for (auto& l : layers_)
      if (l.id == id) return l;
    layers_.push_back({id, "", ""});
    if (terminal_) std::cout << "\n", ++drawn_;  // room for its line
    return layers_.back();
  }

  void print_line(const std::string& text) {
    std::cout << text << "\n";
    // A line printed below the bars pushes them up: redraw them below it.
    if (terminal_ && drawn_ > 0) {
      drawn_ = 0;
      for (std::size_t i = 0; i < layers_.size(); ++i) std::cout << "\n", ++drawn_;
      redraw();
    }
  }

  void redraw() {
    std::cout << "\x1b[" << drawn_ << "A";  // back to the first bar
    for (const auto& l : layers_) std::cout << "\x1b[2K" << l.id << ": " << l.status << " " << l.bar << "\n";
    std::cout.flush();
  }

  bool terminal_;
  std::vector<Layer> layers_;
  std::size_t drawn_ = 0;
};

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::cerr << "usage: pull IMAGE[:TAG]\n";
    return 2;
  }
  auto docker = docker::v1_55::Docker::from_env();
  Display display(::isatty(STDOUT_FILENO) == 1);
  docker.images().pull(argv[1]).wait([&](const docker::v1_55::ProgressMessage& m) { display.update(m); });
  return 0;
} catch (const docker::Error& e) {
  std::cerr << "pull: " << e.what() << "\n";
  return 1;
}
