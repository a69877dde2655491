// The raw-socket floor: a minimal hand-written HTTP/1.1 client on a POSIX
// unix socket. It writes a fixed request, parses the status line and
// Content-Length / chunked framing minimally, and reads the body into a
// reused buffer. No JSON parsing, no allocation per request. This is the
// cheapest a client can reasonably be; every other peer is compared to it.
//
//   bench-raw requests ping|version|containers|inspect N [parse]
//                                          inspect: of $BENCH_CONTAINER_ID; parse (needs
//                                          simdjson): the body gathered into one reused
//                                          buffer and parsed by simdjson's DOM, the fastest
//                                          parse known: the floor for a client that decodes
//   bench-raw logs CONTAINER_ID            reads the logs body, counts bytes
//   bench-raw attach CONTAINER_ID          reads an attach's hijacked stream to its close, counts bytes
//   bench-raw lifecycle N                  N × create/start/wait/remove of busybox `true`
//                                          (fixed request bytes; the Id and StatusCode
//                                          found by string search, no JSON parser)
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"

#if DOCKER_BENCH_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace {

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "bench-raw: %s\n", msg.c_str());
  std::exit(1);
}

int dial(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket: " + std::string(std::strerror(errno)));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof(addr.sun_path)) die("socket path too long");
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    die("connect " + path + ": " + std::strerror(errno));
  return fd;
}

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      die("write: " + std::string(std::strerror(errno)));
    }
    s.remove_prefix(std::size_t(n));
  }
}

bool ieq_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if ((line[i] | 0x20) != (name[i] | 0x20)) return false;
  return true;
}

// A connection with one read buffer; bytes past a response stay for the next.
class Conn {
 public:
  explicit Conn(int fd, std::size_t cap = 64 * 1024) : fd_(fd), buf_(cap, '\0') {}
  ~Conn() { ::close(fd_); }

  // Reads one response; `on_body` sees every body byte range. Returns the status.
  template <class F>
  int read_response(bool head_request, F&& on_body) {
    // Head: until CRLFCRLF.
    std::size_t end;
    for (;;) {
      std::string_view have(buf_.data() + beg_, len_ - beg_);
      auto p = have.find("\r\n\r\n");
      if (p != std::string_view::npos) {
        end = beg_ + p + 4;
        break;
      }
      if (!fill()) die("connection closed in response head");
    }
    std::string_view head(buf_.data() + beg_, end - beg_);
    if (head.size() < 12 || head.substr(0, 5) != "HTTP/") die("bad status line");
    int status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
    long long content_length = -1;
    bool chunked = false;
    std::size_t pos = head.find("\r\n") + 2;
    while (pos < head.size()) {
      std::size_t eol = head.find("\r\n", pos);
      std::string_view line = head.substr(pos, eol - pos);
      if (ieq_prefix(line, "content-length:")) {
        content_length = std::strtoll(line.data() + 15, nullptr, 10);
      } else if (ieq_prefix(line, "transfer-encoding:")) {
        chunked = line.find("chunked") != std::string_view::npos;
      }
      pos = eol + 2;
    }
    beg_ = end;
    if (head_request || status == 204 || status == 304) return status;
    if (chunked) {
      for (;;) {
        std::size_t eol;
        for (;;) {
          std::string_view have(buf_.data() + beg_, len_ - beg_);
          eol = have.find("\r\n");
          if (eol != std::string_view::npos) break;
          if (!fill()) die("connection closed in chunk size");
        }
        unsigned long long size = std::strtoull(buf_.data() + beg_, nullptr, 16);
        beg_ += eol + 2;
        if (size == 0) {  // last chunk, then (no trailers) CRLF
          while (len_ - beg_ < 2)
            if (!fill()) die("connection closed in last chunk");
          beg_ += 2;
          return status;
        }
        body(size, on_body);
        while (len_ - beg_ < 2)
          if (!fill()) die("connection closed after chunk");
        beg_ += 2;
      }
    } else if (content_length >= 0) {
      body((unsigned long long)content_length, on_body);
    } else {  // until close
      for (;;) {
        if (len_ > beg_) {
          on_body(buf_.data() + beg_, len_ - beg_);
          beg_ = len_;
        }
        if (!fill()) break;
      }
    }
    return status;
  }

 private:
  template <class F>
  void body(unsigned long long size, F& on_body) {
    while (size > 0) {
      if (len_ == beg_ && !fill()) die("connection closed in body");
      std::size_t take = std::min<unsigned long long>(size, len_ - beg_);
      on_body(buf_.data() + beg_, take);
      beg_ += take;
      size -= take;
    }
  }
  // Compacts and reads more; false at EOF.
  bool fill() {
    if (beg_ == len_)
      beg_ = len_ = 0;
    else if (len_ == buf_.size()) {
      std::memmove(buf_.data(), buf_.data() + beg_, len_ - beg_);
      len_ -= beg_;
      beg_ = 0;
      if (len_ == buf_.size()) die("response head larger than the buffer");
    }
    for (;;) {
      ssize_t n = ::read(fd_, buf_.data() + len_, buf_.size() - len_);
      if (n < 0) {
        if (errno == EINTR) continue;
        die("read: " + std::string(std::strerror(errno)));
      }
      len_ += std::size_t(n);
      return n > 0;
    }
  }

  int fd_;
  std::string buf_;
  std::size_t beg_ = 0, len_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3)
    die("usage: bench-raw requests ping|version|containers|inspect N [parse] | logs ID | attach ID | lifecycle N");
  std::string mode = argv[1];
  int fd = dial(bench::socket_path());
  Conn conn(fd);
  std::size_t bytes = 0;
  auto sink = [&](const char*, std::size_t k) { bytes += k; };
  if (mode == "requests") {
    std::string what = argv[2];
    long n = argc > 3 ? std::atol(argv[3]) : 2000;
    std::string req;
    if (what == "ping")
      req = "GET /_ping HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
    else if (what == "version")
      req = "GET /v1.41/version HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
    else if (what == "containers")
      req = "GET /v1.41/containers/json HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
    else if (what == "inspect") {
      const char* id = std::getenv("BENCH_CONTAINER_ID");
      if (!id || !*id) die("inspect: set BENCH_CONTAINER_ID");
      req = "GET /v1.41/containers/" + std::string(id) +
            "/json HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
    } else
      die("unknown workload " + what);
    bool parse = argc > 4 && std::strcmp(argv[4], "parse") == 0;
    auto measure = [&](auto&& call) {
      call();  // warm-up, like every peer
      double c0 = bench::cpu_now(), t0 = bench::wall_now();
      BENCH_COLLECT_ON();
      for (long i = 0; i < n; ++i) call();
      BENCH_COLLECT_OFF();
      bench::report_loop(bench::cpu_now() - c0, bench::wall_now() - t0, n);
    };
    if (!parse) {
      measure([&] {
        write_all(fd, req);
        int st = conn.read_response(false, sink);
        if (st != 200) die("status " + std::to_string(st));
      });
    } else {
#if DOCKER_BENCH_HAVE_SIMDJSON
      // Allocated once: the body's bytes plus the padding simdjson reads past its end.
      std::vector<char> body(1 << 20);
      simdjson::dom::parser parser;
      measure([&] {
        std::size_t len = 0;
        write_all(fd, req);
        int st = conn.read_response(false, [&](const char* p, std::size_t k) {
          if (len + k + simdjson::SIMDJSON_PADDING > body.size()) die("body larger than the parse buffer");
          std::memcpy(body.data() + len, p, k);
          len += k;
        });
        if (st != 200) die("status " + std::to_string(st));
        simdjson::dom::element doc;
        if (parser.parse(body.data(), len, false).get(doc)) die("simdjson: the body does not parse");
        bytes += len;
      });
#else
      die("parse: bench-raw was built without simdjson");
#endif
    }
  } else if (mode == "logs") {
    std::string req = "GET /v1.41/containers/" + std::string(argv[2]) +
                      "/logs?stdout=1&stderr=1&follow=0 HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
    double t0 = bench::wall_now();
    write_all(fd, req);
    int st = conn.read_response(false, sink);
    if (st != 200) die("status " + std::to_string(st));
    std::printf("bytes=%zu wall_s=%.6f\n", bytes, bench::wall_now() - t0);
  } else if (mode == "attach") {
    // The hijacked stream of an attach: the 101 head, then bytes until the close.
    std::string req = "POST /v1.41/containers/" + std::string(argv[2]) +
                      "/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n"
                      "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
    double t0 = bench::wall_now();
    write_all(fd, req);
    int st = conn.read_response(false, sink);
    if (st != 101 && st != 200) die("status " + std::to_string(st));
    std::printf("bytes=%zu wall_s=%.6f\n", bytes, bench::wall_now() - t0);
  } else if (mode == "lifecycle") {
    long n = std::atol(argv[2]);
    static const std::string create_body =
        R"({"Image":"busybox:latest","Cmd":["true"],"Labels":{"org.docker-cpp.bench":"lifecycle","org.docker-cpp.test":"1"},)"
        R"("HostConfig":{"NetworkMode":"none"}})";
    const std::string create =
        "POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(create_body.size()) + "\r\n\r\n" + create_body;
    std::string body, req;
    auto collect = [&](const char* p, std::size_t k) { body.append(p, k); };
    auto call = [&](const std::string& r, int want) {
      body.clear();
      write_all(fd, r);
      int st = conn.read_response(false, collect);
      if (st != want) die("status " + std::to_string(st) + ": " + body);
    };
    auto cycle = [&] {
      call(create, 201);
      auto at = body.find("\"Id\":\"");
      if (at == std::string::npos) die("no Id in " + body);
      std::string id = body.substr(at + 6, 64);
      req = "POST /v1.41/containers/" + id +
            "/start HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\nContent-Length: 0\r\n\r\n";
      call(req, 204);
      req =
          "POST /v1.41/containers/" + id +
          "/wait?condition=not-running HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\nContent-Length: 0\r\n\r\n";
      call(req, 200);
      if (body.find("\"StatusCode\":0") == std::string::npos) die("exit status: " + body);
      req = "DELETE /v1.41/containers/" + id + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: bench-raw\r\n\r\n";
      call(req, 204);
    };
    cycle();  // warm-up, like every peer
    double c0 = bench::cpu_now(), t0 = bench::wall_now();
    for (long i = 0; i < n; ++i) cycle();
    bench::report_loop(bench::cpu_now() - c0, bench::wall_now() - t0, n);
  } else {
    die("unknown mode " + mode);
  }
  return 0;
}
