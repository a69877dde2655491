// bench-logserver SOCKET MIB: replays a container log stream as fast as the
// kernel allows, so that log readers are measured client-bound instead of
// bound by dockerd reading its json-file log.
//
// The bytes are what dockerd 20.10 sends for GET /containers/{id}/logs of a
// non-TTY container whose output came in 16 KiB messages: HTTP/1.1 200,
// chunked, one 8-byte-header frame (stream 1, 16384 bytes of 'x') per chunk.
// Any request whose target contains "/logs" gets MIB MiB of payload, and so
// do attach and exec start, hijacked (101, then bare frames, then close; exec
// create and inspect answered as dockerd does);
// /containers/{id}/json a minimal non-TTY inspect (docker-py asks); /_ping
// "OK"; /containers/json an empty list and /version dockerd 20.10's answer
// and the container lifecycle (create 201 with a fixed Id, start 204, wait
// 200 StatusCode 0, DELETE 204) stand in when no daemon answers
// (BENCH_FAKE_DAEMON=1 in run.sh); anything else 404. One thread per connection, keep-alive.
// Runs until killed (run.sh starts it in the background and kills its pid).
//
// bench-logserver SOCKET MIB EVENTS_FILE: also serves GET /events from a
// file of JSON lines (py/synth.py events): `until=N` in the query sends the
// first N lines (the clients pass N as their `until`, which they forward
// unchanged), then ends the stream as dockerd does when `until` has passed.
// One HTTP chunk per event, as dockerd flushes each event; the chunks are
// written ~64 KiB per write() so that the server is never the bottleneck.
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common.hpp"

namespace {

constexpr std::size_t kFrame = 16384;
constexpr std::size_t kFramesPerBlock = 64;  // ~1 MiB written per write()

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += k;
    n -= std::size_t(k);
  }
  return true;
}

// The replayed output, kFramesPerBlock frames (stream 1, kFrame bytes of 'x'
// each) per block: as HTTP chunks for logs, bare for a hijacked stream.
struct Blocks {
  std::string chunked;
  std::string raw;
};

Blocks make_blocks() {
  const unsigned char header[8] = {
      1, 0, 0, 0, (kFrame >> 24) & 0xff, (kFrame >> 16) & 0xff, (kFrame >> 8) & 0xff, kFrame & 0xff};
  std::string frame(reinterpret_cast<const char*>(header), 8);
  frame.append(kFrame, 'x');
  char size_line[16];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", kFrame + 8);
  Blocks b;
  for (std::size_t i = 0; i < kFramesPerBlock; ++i) {
    b.chunked += size_line;
    b.chunked += frame;
    b.chunked += "\r\n";
    b.raw += frame;
  }
  return b;
}

// Writes `frames` frames out of `block` (kFramesPerBlock frames a block).
bool write_frames(int fd, const std::string& block, std::size_t frames) {
  bool ok = true;
  for (; ok && frames >= kFramesPerBlock; frames -= kFramesPerBlock) ok = write_all(fd, block.data(), block.size());
  if (ok && frames) ok = write_all(fd, block.data(), frames * (block.size() / kFramesPerBlock));
  return ok;
}

// Offsets of the starts of the lines of `events`, plus its end.
std::vector<std::size_t> line_starts(const std::string& events) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i] == '\n' && i + 1 < events.size()) starts.push_back(i + 1);
  starts.push_back(events.size());
  return starts;
}

bool send_events(int fd, const std::string& events, const std::vector<std::size_t>& starts, std::size_t n) {
  n = std::min(n, starts.size() - 1);
  std::string out;
  out.reserve(70 * 1024);
  char size_line[24];
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t len = starts[i + 1] - starts[i];
    out.append(size_line, std::size_t(std::snprintf(size_line, sizeof size_line, "%zx\r\n", len)));
    out.append(events, starts[i], len);
    out += "\r\n";
    if (out.size() >= 64 * 1024) {
      if (!write_all(fd, out.data(), out.size())) return false;
      out.clear();
    }
  }
  out += "0\r\n\r\n";
  return write_all(fd, out.data(), out.size());
}

// The headers of every answer, after its status line.
constexpr char kCommonHeaders[] =
    "Api-Version: 1.41\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/bench-logserver\r\n";

// Writes a whole answer with a JSON body: "HTTP/1.1 STATUS", the common
// headers, Content-Type and Content-Length, then BODY.
bool write_json_answer(int fd, std::string_view status, std::string_view body) {
  std::string h = "HTTP/1.1 ";
  h += status;
  h += "\r\n";
  h += kCommonHeaders;
  h += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  h += body;
  return write_all(fd, h.data(), h.size());
}

struct Events {
  std::string text;
  std::vector<std::size_t> starts;
};

void serve(int fd, std::size_t frames, const Blocks& blocks, const Events& events) {
  std::string in;
  char buf[4096];
  for (;;) {
    std::size_t end;
    while ((end = in.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) {
        ::close(fd);
        return;
      }
      in.append(buf, std::size_t(n));
    }
    std::string head = in.substr(0, end);
    in.erase(0, end + 4);
    // A request body (POST /containers/create) is read and dropped.
    std::size_t body_length = 0;
    for (std::size_t at = 0; (at = head.find("\r\n", at)) != std::string::npos;) {
      at += 2;
      if (strncasecmp(head.c_str() + at, "content-length:", 15) == 0)
        body_length = std::size_t(std::strtoull(head.c_str() + at + 15, nullptr, 10));
    }
    while (in.size() < body_length) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) {
        ::close(fd);
        return;
      }
      in.append(buf, std::size_t(n));
    }
    in.erase(0, body_length);
    std::string_view first(head.data(), head.find("\r\n") == std::string::npos ? head.size() : head.find("\r\n"));
    bool ok;
    auto is = [&](std::string_view method, std::string_view part) {
      return first.rfind(method, 0) == 0 && first.find(part) != std::string_view::npos;
    };
    if (is("POST ", "/attach?") || (is("POST ", "/exec/") && first.find("/start") != std::string_view::npos)) {
      // A hijacked stream, as dockerd answers attach and exec start: 101, then
      // the bare frames until the process ends, which closes the connection.
      std::string h = std::string("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n") +
                      "Connection: Upgrade\r\nUpgrade: tcp\r\n" + kCommonHeaders + "\r\n";
      if (write_all(fd, h.data(), h.size())) write_frames(fd, blocks.raw, frames);
      ::close(fd);
      return;
    } else if (is("POST ", "/exec")) {  // exec create
      static const char body[] = "{\"Id\":\"e0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\"}\n";
      ok = write_json_answer(fd, "201 Created", body);
    } else if (is("GET ", "/exec/")) {  // exec inspect, after the stream ended
      static const char body[] = "{\"ExitCode\":0,\"Running\":false,\"Pid\":0}\n";
      ok = write_json_answer(fd, "200 OK", body);
    } else if (is("POST ", "/containers/create")) {
      static const char body[] =
          "{\"Id\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"Warnings\":[]}\n";
      ok = write_json_answer(fd, "201 Created", body);
    } else if (is("POST ", "/wait")) {
      static const char body[] = "{\"Error\":null,\"StatusCode\":0}\n";
      ok = write_json_answer(fd, "200 OK", body);
    } else if (is("POST ", "/start") || is("DELETE ", "/containers/")) {
      std::string h = std::string("HTTP/1.1 204 No Content\r\n") + kCommonHeaders + "\r\n";
      ok = write_all(fd, h.data(), h.size());
    } else if (first.find("/events") != std::string_view::npos && !events.text.empty()) {
      std::size_t n = events.starts.size() - 1;
      auto u = first.find("until=");
      if (u != std::string_view::npos) n = std::size_t(std::strtoull(first.data() + u + 6, nullptr, 10));
      std::string h = std::string("HTTP/1.1 200 OK\r\n") + kCommonHeaders +
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
      ok = write_all(fd, h.data(), h.size()) && send_events(fd, events.text, events.starts, n);
    } else if (first.find("/logs") != std::string_view::npos) {
      std::string h = std::string("HTTP/1.1 200 OK\r\n") + kCommonHeaders + "Transfer-Encoding: chunked\r\n\r\n";
      ok = write_all(fd, h.data(), h.size()) && write_frames(fd, blocks.chunked, frames) &&
           write_all(fd, "0\r\n\r\n", 5);
    } else if (first.find("/containers/") != std::string_view::npos && first.find("/json") != std::string_view::npos &&
               first.find("/containers/json") == std::string_view::npos) {
      // docker-py inspects the container (TTY or not) before reading its logs.
      static const char body[] = "{\"Id\":\"bench\",\"Config\":{\"Tty\":false}}";
      ok = write_json_answer(fd, "200 OK", body);
    } else if (first.find("/containers/json") != std::string_view::npos ||
               first.find("/version") != std::string_view::npos) {
      // Stand-ins for a daemon (BENCH_FAKE_DAEMON=1): no running containers, and
      // dockerd 20.10.24's /version (same members and size).
      const char* body = first.find("/version") != std::string_view::npos ? bench::kVersionBody : "[]\n";
      ok = write_json_answer(fd, "200 OK", body);
    } else if (first.find("/_ping") != std::string_view::npos) {
      std::string h = std::string("HTTP/1.1 200 OK\r\n") + kCommonHeaders +
                      "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\n";
      if (first.rfind("HEAD ", 0) != 0) h += "OK";  // a HEAD answer has no body (Go pings with HEAD)
      ok = write_all(fd, h.data(), h.size());
    } else {
      static const char body[] =
          "{\"message\":\"bench-logserver serves only logs, events, inspect, version, list and ping\"}";
      ok = write_json_answer(fd, "404 Not Found", body);
    }
    if (!ok) {
      ::close(fd);
      return;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench-logserver SOCKET MIB [EVENTS_FILE]\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::string path = argv[1];
  std::size_t frames = std::size_t(std::atol(argv[2])) * (1024 * 1024 / kFrame);
  static const Blocks blocks = make_blocks();
  static Events events;
  if (argc > 3) {
    std::ifstream in(argv[3], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "bench-logserver: cannot read %s\n", argv[3]);
      return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    events.text = ss.str();
    events.starts = line_starts(events.text);
  }
  int lfd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    std::fprintf(stderr, "bench-logserver: path too long\n");
    return 1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  ::unlink(path.c_str());
  if (::bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(lfd, 16) != 0) {
    std::perror("bench-logserver: bind/listen");
    return 1;
  }
  for (;;) {
    int fd = ::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      std::perror("bench-logserver: accept");
      return 1;
    }
    std::thread([fd, frames] { serve(fd, frames, blocks, events); }).detach();
  }
}
