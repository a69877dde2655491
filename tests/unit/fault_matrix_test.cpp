// The fault matrix (issue 17, item 2) as one table: what a scripted hostile
// peer on the other end of the socket does, the call a user would make (the
// Doer for HTTP framing, docker::Client + the generated v1_55 bindings where a
// model is decoded, the layer where container output is read), and the typed
// error that must come back within the deadline, without a crash and with
// bounded memory. Several rows repeat a focused test elsewhere
// (transport_http1_test.cpp, hostile_peer_test.cpp, streams_output_test.cpp):
// this file is the one place a reader sees the whole matrix. When the suite
// ran, the table (case → error → elapsed ms → peak RSS growth) is printed at
// the end of the run, ready to paste into a note.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/http1_fixture.hpp"
#include "support/signal.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// --- what a case is ---------------------------------------------------------------

/// Shared by the peer's handlers and the test of one case.
struct PeerState {
  std::atomic<int> posts{0};  // non-idempotent requests the peer has read
  Signal go;                  // the test tells the peer to go on
  Signal done;                // the peer tells the test it did
};

/// What the test side holds while a case runs.
struct Target {
  LoopbackServer& server;
  std::shared_ptr<Doer> doer;
  std::shared_ptr<Client> client;  // pinned to 1.55: every request reaches the script
  CallOptions options;             // carries the case's deadline
  PeerState& state;
};

using Peer = std::function<void(PeerConnection&, PeerState&)>;

struct FaultCase {
  std::string name;
  std::string peer_does;  // for the printed matrix
  Peer peer;
  std::string call_name;  // for the printed matrix
  std::function<void(Target&)> call;
  std::string expected;  // the error's type name, or "ok"
  milliseconds deadline;
  /// Peak RSS growth allowed during the call (0: not measured).
  long rss_limit_kib = 0;
  /// Checks after the call: POST counts, the next call on a fresh connection.
  std::function<void(Target&)> after = {};
};

void PrintTo(const FaultCase& c, std::ostream* os) { *os << c.name; }

/// The most specific type name of the error in flight.
std::string error_type(std::exception_ptr error, std::string& message) {
  try {
    std::rethrow_exception(error);
  } catch (const docker::FieldDecodeError& e) {
    message = e.what();
    return "FieldDecodeError";
  }
#define DOCKER_CPP_CLASSIFY(Type) \
  catch (const Type& e) {         \
    message = e.what();           \
    return #Type;                 \
  }
  DOCKER_CPP_CLASSIFY(DecodeError)
  DOCKER_CPP_CLASSIFY(Timeout)
  DOCKER_CPP_CLASSIFY(Cancelled)
  DOCKER_CPP_CLASSIFY(ProtocolError)
  DOCKER_CPP_CLASSIFY(StreamError)
  DOCKER_CPP_CLASSIFY(TransportError)
  DOCKER_CPP_CLASSIFY(VersionError)
  DOCKER_CPP_CLASSIFY(NotFound)
  DOCKER_CPP_CLASSIFY(Conflict)
  DOCKER_CPP_CLASSIFY(Internal)
  DOCKER_CPP_CLASSIFY(ApiError)
  DOCKER_CPP_CLASSIFY(Error)
#undef DOCKER_CPP_CLASSIFY
  catch (const std::exception& e) {
    message = e.what();
    return "untyped std::exception";
  }
  catch (...) {
    return "untyped";
  }
}

// --- memory -------------------------------------------------------------------------

/// A field of /proc/self/status in kB (VmRSS: resident now, VmHWM: peak).
long status_kib(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':')
      return std::stol(line.substr(field.size() + 1));
  return -1;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0), so that the peak seen
/// after a case is that case's own.
bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

// --- the printed matrix ------------------------------------------------------------

struct Row {
  std::string name, peer_does, call, expected, got;
  long elapsed_ms;
  long rss_growth_kib;  // -1: not measured
};

std::mutex rows_mutex;
std::vector<Row>& rows() {
  static std::vector<Row> all;
  return all;
}

class MatrixPrinter : public ::testing::Environment {
 public:
  void TearDown() override {
    std::lock_guard lock(rows_mutex);
    if (rows().empty()) return;
    std::printf("\nFault matrix (tests/unit/fault_matrix_test.cpp)\n\n");
    std::printf("| case | peer | call | error | ms | peak RSS growth |\n|---|---|---|---|---|---|\n");
    for (const auto& r : rows()) {
      std::string got = r.got == r.expected ? r.got : r.got + " (expected " + r.expected + ")";
      std::string rss = r.rss_growth_kib < 0 ? "" : std::to_string((r.rss_growth_kib + 1023) / 1024) + " MiB";
      std::printf("| %s | %s | %s | %s | %ld | %s |\n", r.name.c_str(), r.peer_does.c_str(), r.call.c_str(),
                  got.c_str(), r.elapsed_ms, rss.c_str());
    }
    std::fflush(stdout);
  }
};
[[maybe_unused]] auto* const matrix_printer = ::testing::AddGlobalTestEnvironment(new MatrixPrinter);

// --- peers ------------------------------------------------------------------------

constexpr std::string_view kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
constexpr std::string_view kMuxHead =
    "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nConnection: close\r\n\r\n";
constexpr std::string_view kJsonUntilClose =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
constexpr std::string_view kUpgraded =
    "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
    "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";

std::string with_length(int status, std::string_view body, std::string_view type = "application/json") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + std::string(type) +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

/// Reads the request, sends `bytes`, closes.
Peer answer_and_close(std::string bytes) {
  return [bytes](PeerConnection& c, PeerState&) {
    if (!c.read_request()) return;
    c.send(bytes);
    c.close();
  };
}

/// Reads the request, sends `bytes`, then holds the connection open.
Peer answer_and_hold(std::string bytes) {
  return [bytes](PeerConnection& c, PeerState&) {
    if (!c.read_request()) return;
    c.send(bytes);
    c.hang();
  };
}

/// Reads the request, sends `head`, then `piece` again and again until the
/// client goes away (at most `limit` bytes), then `tail` and close.
Peer answer_without_end(std::string head, std::string piece, std::size_t limit = std::size_t{1} << 30,
                        std::string tail = {}) {
  return [head, piece, limit, tail](PeerConnection& c, PeerState&) {
    if (!c.read_request()) return;
    c.send(head);
    for (std::size_t sent = 0; sent < limit && !c.broken(); sent += piece.size()) c.send(piece);
    c.send(tail);
    c.close();
  };
}

/// Reads the request, sends `head`, then one byte of `drip` every 20 ms.
Peer slowloris(std::string head, std::string drip) {
  return [head, drip](PeerConnection& c, PeerState&) {
    if (!c.read_request()) return;
    c.send(head);
    for (std::size_t i = 0; !c.broken(); ++i) {
      c.send(drip.substr(i % drip.size(), 1));
      std::this_thread::sleep_for(20ms);
    }
  };
}

/// Answers every request on every connection with `reply`, counting POSTs.
Peer serve_all(std::string reply) {
  return [reply](PeerConnection& c, PeerState& s) {
    while (auto req = c.read_request()) {
      if (req->method == "POST") ++s.posts;
      c.send(reply);
    }
  };
}

/// Connection 1 runs `first`; later connections answer everything with `reply`.
Peer first_connection(Peer first, std::string reply = std::string(kOk)) {
  auto rest = serve_all(std::move(reply));
  return [first, rest](PeerConnection& c, PeerState& s) { (c.index() == 1 ? first : rest)(c, s); };
}

/// An 8-byte multiplexed-stream header and payload.
std::string frame(std::uint8_t stream, std::uint32_t length, std::string_view payload) {
  std::string out(8, '\0');
  out[0] = static_cast<char>(stream);
  out[4] = static_cast<char>(length >> 24);
  out[5] = static_cast<char>(length >> 16);
  out[6] = static_cast<char>(length >> 8);
  out[7] = static_cast<char>(length);
  return out.append(payload);
}
std::string frame(std::uint8_t stream, std::string_view payload) {
  return frame(stream, static_cast<std::uint32_t>(payload.size()), payload);
}

// --- calls ------------------------------------------------------------------------

Request request(Target& t, std::string method, std::string target) {
  Request req = make_request(std::move(method), std::move(target));
  req.options = t.options;
  return req;
}

/// A buffered GET through the Doer (the deadline covers the body).
std::string doer_get(Target& t, std::string target = "/containers/json") {
  return t.doer->do_request(request(t, "GET", std::move(target))).read_body();
}

v1_55::ContainerApi containers(Target& t) { return v1_55::ContainerApi(*t.client); }
v1_55::Container layer_container(Target& t) { return v1_55::Container(t.client, "c1", t.options); }

/// Follows the logs through the layer, discarding what comes (memory stays the library's).
void follow_logs(Target& t) {
  auto logs = layer_container(t).logs({.follow = true});
  while (logs.next()) {
  }
}

/// Reads the event stream through the generated binding to its end.
void read_events(Target& t) {
  auto events = v1_55::SystemApi(*t.client).system_events({}, t.options);
  while (events.next()) {
  }
}

v1_55::ContainerCreateResponse create_container(Target& t) {
  v1_55::ContainerCreateParams p{.body = decode<v1_55::ContainerCreateRequest>(R"({"Image":"busybox"})")};
  p.name = "once";
  return containers(t).container_create(p, t.options);
}

/// The next call is a list on a fresh connection, and no POST was sent twice.
std::function<void(Target&)> posted_once_then_fresh_list() {
  return [](Target& t) {
    EXPECT_EQ(t.state.posts.load(), 1) << "a non-idempotent request was sent again";
    CallOptions bounded;
    bounded.with_timeout(5s);
    EXPECT_NO_THROW(containers(t).container_list({}, bounded));
    EXPECT_EQ(t.state.posts.load(), 1) << "a non-idempotent request was sent again";
  };
}

// --- the matrix -------------------------------------------------------------------

const std::string kBigHeader = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70000, 'a') + "\r\n\r\n";
std::string many_headers() {
  std::string out = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 20000; ++i) out += "X-A: b\r\n";
  return out + "\r\n";
}

std::vector<FaultCase> cases() {
  const milliseconds quick = 5s;  // error cases: must come well before it
  std::vector<FaultCase> all = {
      // --- the response head
      {"close_before_head", "reads the GET, closes", answer_and_close(""), "Doer GET", [](Target& t) { doer_get(t); },
       "TransportError", quick, 0,
       [](Target& t) { EXPECT_EQ(t.server.requests(), 1) << "retried on a fresh connection"; }},
      {"close_inside_head", "half a head, closes", answer_and_close("HTTP/1.1 200 OK\r\nContent-"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"garbage_status", "`HTTP/1.1 abc OK`", answer_and_hold("HTTP/1.1 abc OK\r\n\r\n"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"not_http", "an ssh banner, holds", answer_and_hold("SSH-2.0-OpenSSH_9.2\r\n"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"header_too_large", "one 70 kB header, holds", answer_and_hold(kBigHeader), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"too_many_headers", "20000 headers, holds", answer_and_hold(many_headers()), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"slowloris_head", "a head, 1 byte / 20 ms, never ends", slowloris("HTTP/1.1 200 OK\r\n", "X-Slow: a\r\n"),
       "Doer GET, deadline 1 s", [](Target& t) { doer_get(t); }, "Timeout", 1s},
      {"interim_1xx", "100 and 103 before the 200", serve_all("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n" + std::string(kOk)),
       "Doer GET", [](Target& t) { EXPECT_EQ(doer_get(t), "ok"); }, "ok", quick},
      {"endless_1xx", "100 × 100 Continue, holds",
       [](PeerConnection& c, PeerState&) {
         if (!c.read_request()) return;
         for (int i = 0; i < 100; ++i) c.send("HTTP/1.1 100 Continue\r\n\r\n");
         c.hang();
       },
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick},

      // --- body framing
      {"content_length_short", "CL 10, 5 bytes, closes", answer_and_close("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"),
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"content_length_long", "CL 2 then a second response in the same write",
       first_connection(
           [](PeerConnection& c, PeerState&) {
             if (!c.read_request()) return;
             c.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray");
             while (c.read_request()) c.send("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nreused");
           },
           "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh"),
       "Doer GET ×2",
       [](Target& t) {
         EXPECT_EQ(doer_get(t), "ok");
         EXPECT_EQ(doer_get(t), "fresh") << "the bytes after the body were taken for the next reply";
       },
       "ok", quick},
      {"content_length_conflicting", "CL 2 and CL 5", answer_and_hold("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nokabc"),
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"content_length_and_chunked", "CL 3 + chunked",
       answer_and_hold("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"chunk_size_not_hex", "chunk size `zz`",
       answer_and_hold("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"chunk_size_overflow", "chunk size 2^68-1",
       answer_and_hold("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nabc\r\n"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"chunk_truncated", "chunk of 5, 2 bytes, closes",
       answer_and_close("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), "Doer GET",
       [](Target& t) { doer_get(t); }, "ProtocolError", quick},
      {"chunk_extension_without_end", "`5;` then 256 MiB of extension",
       answer_without_end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=", std::string(64 * 1024, 'a'),
                          std::size_t{256} << 20),
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick, 32 * 1024},
      {"trailers_without_end", "last chunk, then 256 MiB of trailer fields",
       [](PeerConnection& c, PeerState&) {
         if (!c.read_request()) return;
         c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
         std::string fields;
         while (fields.size() < 64 * 1024) fields += "X-Trailer: value\r\n";
         for (std::size_t sent = 0; sent < (std::size_t{256} << 20) && !c.broken(); sent += fields.size()) c.send(fields);
         c.close();
       },
       "Doer GET", [](Target& t) { doer_get(t); }, "ProtocolError", quick, 32 * 1024},
      {"body_never_ends", "CL 1000, 3 bytes, holds", answer_and_hold("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc"),
       "Doer GET, deadline 1 s", [](Target& t) { doer_get(t); }, "Timeout", 1s},
      {"slowloris_body", "CL 1e9, 1 byte / 20 ms", slowloris("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n", "x"),
       "Doer GET, deadline 1 s", [](Target& t) { doer_get(t); }, "Timeout", 1s},
      // A buffered call without a deadline stops at the 1 GiB body limit
      // (ByteReader::read_all); the peak is that limit plus the string's growth.
      {"model_body_without_end", "`[{},{},…` at full speed, never ends",
       answer_without_end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                          [] {
                            std::string body;
                            while (body.size() < 60000) body += "{},";
                            char size[16];
                            std::snprintf(size, sizeof size, "%zx\r\n", body.size() + 1);
                            return size + std::string("[") + body + "\r\n";
                          }()),
       "container_list, no deadline", [](Target& t) { containers(t).container_list({}, {}); }, "ProtocolError", 20s,
       1700 * 1024},
      {"error_body_without_end", "500, then 256 MiB of message", answer_without_end(
           "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"message\":\"",
           std::string(64 * 1024, 'm'), std::size_t{256} << 20),
       "container_list", [](Target& t) { containers(t).container_list({}, t.options); }, "Internal", quick, 16 * 1024},
      {"get_on_a_reused_connection_dropped", "answers, then reads the next GET and closes",
       first_connection([](PeerConnection& c, PeerState&) {
         if (!c.read_request()) return;
         c.send(kOk);
         if (c.read_request()) c.close();
       }),
       "Doer GET ×2",
       [](Target& t) {
         EXPECT_EQ(doer_get(t), "ok");
         EXPECT_EQ(doer_get(t), "ok");  // retried once, on a fresh connection
         EXPECT_EQ(t.server.accepts(), 2);
         EXPECT_EQ(t.server.requests(), 3);
       },
       "ok", quick},

      // --- models
      {"empty_200_for_a_model", "200, empty body", serve_all(with_length(200, "")), "system_version",
       [](Target& t) { v1_55::SystemApi(*t.client).system_version({}, t.options); }, "DecodeError", quick},
      {"204_for_a_model", "204", serve_all("HTTP/1.1 204 No Content\r\n\r\n"), "system_version",
       [](Target& t) { EXPECT_FALSE(v1_55::SystemApi(*t.client).system_version({}, t.options).Version); }, "ok",
       quick},
      {"deeply_nested_model", "an unknown member `[` × 1,000,000 deep",
       serve_all(with_length(200, "[{\"Id\":\"a\",\"Unknown\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}]")),
       "container_list", [](Target& t) { containers(t).container_list({}, t.options); }, "FieldDecodeError", quick},
      {"invalid_utf8_in_a_model", "`{\"Version\":\"\\xff\\xfe\"}`", serve_all(with_length(200, "{\"Version\":\"\xff\xfe\"}")),
       "system_version", [](Target& t) { v1_55::SystemApi(*t.client).system_version({}, t.options); },
       "FieldDecodeError", quick},
      {"lone_surrogate_in_a_model", "`\"\\ud800\"`", serve_all(with_length(200, R"({"Version":"\ud800"})")),
       "system_version", [](Target& t) { v1_55::SystemApi(*t.client).system_version({}, t.options); },
       "FieldDecodeError", quick},
      {"uint8_out_of_range", "changes Kind 256", serve_all(with_length(200, R"([{"Path":"/a","Kind":256}])")),
       "container_changes", [](Target& t) { containers(t).container_changes({.id = "c1"}, t.options); },
       "FieldDecodeError", quick},
      {"uint16_out_of_range", "PrivatePort 65536",
       serve_all(with_length(200, R"([{"Id":"a","Ports":[{"PrivatePort":65536,"Type":"tcp"}]}])")), "container_list",
       [](Target& t) { containers(t).container_list({}, t.options); }, "FieldDecodeError", quick},
      {"int32_out_of_range", "LocalLBIndex 2^31", serve_all(with_length(200, R"({"LocalLBIndex":2147483648})")),
       "Client::call + decode ServiceInfo",
       [](Target& t) {
         auto resp = t.client->call(request(t, "GET", "/services/s1"));
         docker::internal::decode_body<v1_55::ServiceInfo>(resp);
       },
       "FieldDecodeError", quick},
      {"uint32_out_of_range", "stats online_cpus 2^32",
       serve_all(with_length(200, R"({"cpu_stats":{"online_cpus":4294967296}})")), "container_stats (one shot)",
       [](Target& t) {
         auto stats = containers(t).container_stats({.id = "c1", .stream = false}, t.options);
         while (stats.next()) {
         }
       },
       "FieldDecodeError", quick},
      {"int64_out_of_range", "Created 2^63", serve_all(with_length(200, R"([{"Id":"a","Created":9223372036854775808}])")),
       "container_list", [](Target& t) { containers(t).container_list({}, t.options); }, "FieldDecodeError", quick},
      {"uint64_out_of_range", "Version.Index 2^64", serve_all(with_length(200, R"({"Version":{"Index":18446744073709551616}})")),
       "swarm_inspect", [](Target& t) { v1_55::SwarmApi(*t.client).swarm_inspect({}, t.options); },
       "FieldDecodeError", quick},
      {"negative_into_unsigned", "Version.Index -1", serve_all(with_length(200, R"({"Version":{"Index":-1}})")),
       "swarm_inspect", [](Target& t) { v1_55::SwarmApi(*t.client).swarm_inspect({}, t.options); },
       "FieldDecodeError", quick},

      // --- the connection between calls
      {"stray_bytes_on_idle_connection", "answers, then `garbage` while idle",
       first_connection([](PeerConnection& c, PeerState& s) {
         if (!c.read_request()) return;
         c.send(kOk);
         s.go.wait(5s);
         c.send("garbage\r\n");
         s.done.raise();
         c.hang();
       }),
       "Doer GET ×2",
       [](Target& t) {
         EXPECT_EQ(doer_get(t), "ok");
         t.state.go.raise();
         ASSERT_TRUE(t.state.done.wait(5s));
         EXPECT_EQ(doer_get(t), "ok");
         EXPECT_EQ(t.server.accepts(), 2);
       },
       "ok", quick},
      {"stray_response_on_idle_connection", "answers, then a second 200 while idle",
       first_connection(
           [](PeerConnection& c, PeerState& s) {
             if (!c.read_request()) return;
             c.send(kOk);
             s.go.wait(5s);
             c.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray");
             s.done.raise();
             c.hang();
           },
           "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh"),
       "Doer GET ×2",
       [](Target& t) {
         EXPECT_EQ(doer_get(t), "ok");
         t.state.go.raise();
         ASSERT_TRUE(t.state.done.wait(5s));
         EXPECT_EQ(doer_get(t), "fresh");
       },
       "ok", quick},

      // --- hijack (attach through the layer)
      {"hijack_answered_without_101", "200 with a JSON body to an attach",
       answer_and_hold(with_length(200, R"({"message":"hello"})")), "layer attach",
       [](Target& t) { layer_container(t).attach().read_all(); }, "ProtocolError", quick},
      {"hijack_404", "404 to an attach", answer_and_hold(with_length(404, R"({"message":"No such container: c1"})")),
       "layer attach", [](Target& t) { (void)layer_container(t).attach(); }, "NotFound", quick},
      {"hijack_101_then_close", "101, closes", answer_and_close(std::string(kUpgraded)), "layer attach + read_all",
       [](Target& t) {
         auto captured = layer_container(t).attach().read_all();
         EXPECT_EQ(captured.out + captured.err, "");
       },
       "ok", quick},
      {"hijack_101_with_data_in_the_same_write", "101 + a frame in one write, closes",
       answer_and_close(std::string(kUpgraded) + frame(1, "hello")), "layer attach + read_all",
       [](Target& t) { EXPECT_EQ(layer_container(t).attach().read_all().out, "hello"); }, "ok", quick},

      // --- multiplexed frames (followed logs through the layer)
      {"frame_stream_id_7", "a frame for stream 7", answer_and_hold(std::string(kMuxHead) + frame(1, "ok") + frame(7, "??")),
       "layer logs(follow)", follow_logs, "ProtocolError", quick},
      {"frame_length_0xFFFFFFFF", "a 4 GiB frame header, 256 MiB of it, closes",
       answer_without_end(std::string(kMuxHead) + frame(1, 0xFFFFFFFFu, ""), std::string(64 * 1024, 'p'),
                          std::size_t{256} << 20),
       "layer logs(follow)", follow_logs, "ProtocolError", quick, 32 * 1024},
      {"frame_truncated", "half a frame, closes", answer_and_close(std::string(kMuxHead) + frame(1, "abcdef").substr(0, 11)),
       "layer logs(follow)", follow_logs, "ProtocolError", quick},
      {"frame_stream_3_error", "a stream-3 (error) frame", answer_and_hold(std::string(kMuxHead) + frame(3, "boom\n")),
       "layer logs(follow)", follow_logs, "StreamError", quick},

      // --- JSON-message streams (events through the generated binding)
      // The reader's 16 MiB message limit; the peak is its buffer growing to it.
      {"oversized_json_message", "one event of 256 MiB", answer_without_end(std::string(kJsonUntilClose) + R"({"Type":")",
                                                                            std::string(64 * 1024, 'a'), std::size_t{256} << 20),
       "system_events", read_events, "ProtocolError", quick, 80 * 1024},
      {"deeply_nested_json_message", "`[` × 1,000,000 + `]` × 1,000,000",
       answer_and_close(std::string(kJsonUntilClose) + std::string(1000000, '[') + std::string(1000000, ']')),
       "system_events", read_events, "DecodeError", quick},
      {"invalid_utf8_in_a_message", "an event with `\\xc3\\x28`",
       // Typed messages are read straight from the text: the error names the member, as for a model.
       answer_and_close(std::string(kJsonUntilClose) + "{\"Type\":\"container\"}\n{\"Type\":\"\xc3\x28\"}\n"),
       "system_events", read_events, "FieldDecodeError", quick},
      {"lone_surrogate_in_a_message", "an event with `\\udc00`",
       answer_and_close(std::string(kJsonUntilClose) + R"({"Type":"container","Action":"\udc00"})" + "\n"),
       "system_events", read_events, "DecodeError", quick},

      // --- POSTs are never sent twice
      {"post_on_a_reused_connection_dropped", "answers a GET, reads the create, closes",
       first_connection(
           [](PeerConnection& c, PeerState& s) {
             if (!c.read_request()) return;
             c.send(with_length(200, "[]"));
             if (!c.read_request()) return;
             ++s.posts;
             c.close();
           },
           with_length(200, "[]")),
       "container_list, container_create",
       [](Target& t) {
         containers(t).container_list({}, t.options);
         create_container(t);
       },
       "TransportError", quick, 0, posted_once_then_fresh_list()},
      {"post_on_a_fresh_connection_dropped", "reads the create, closes",
       first_connection(
           [](PeerConnection& c, PeerState& s) {
             if (!c.read_request()) return;
             ++s.posts;
             c.close();
           },
           with_length(200, "[]")),
       "container_create", [](Target& t) { create_container(t); }, "TransportError", quick, 0,
       posted_once_then_fresh_list()},
      {"post_answer_cut_short", "reads the create, half the 201 body, closes",
       first_connection(
           [](PeerConnection& c, PeerState& s) {
             if (!c.read_request()) return;
             ++s.posts;
             c.send("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"Id\":");
             c.close();
           },
           with_length(200, "[]")),
       "container_create", [](Target& t) { create_container(t); }, "ProtocolError", quick, 0,
       posted_once_then_fresh_list()},
      {"post_answer_held", "reads the create, never answers", first_connection(
                                                                   [](PeerConnection& c, PeerState& s) {
                                                                     if (!c.read_request()) return;
                                                                     ++s.posts;
                                                                     c.hang();
                                                                   },
                                                                   with_length(200, "[]")),
       "container_create, deadline 1 s", [](Target& t) { create_container(t); }, "Timeout", 1s, 0,
       posted_once_then_fresh_list()},
  };
  return all;
}

// --- the test ---------------------------------------------------------------------

class FaultMatrix : public Http1Fixture, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(FaultMatrix, TypedErrorWithinTheDeadlineAndBoundedMemory) {
  const FaultCase& c = GetParam();
  auto state = std::make_shared<PeerState>();
  serve([state, peer = c.peer](PeerConnection& conn) { peer(conn, *state); });
  auto client = std::make_shared<Client>(doer_, ApiVersion{1, 55}, ClientOptions{.pinned_version = ApiVersion{1, 55}});
  Target target{*server_, doer_, client, {}, *state};

  const bool measure = c.rss_limit_kib > 0 && reset_peak_rss();
  const long rss_before = status_kib("VmRSS");
  target.options.with_timeout(c.deadline);
  const auto start = Clock::now();
  std::string got = "ok", message;
  try {
    c.call(target);
  } catch (...) {
    got = error_type(std::current_exception(), message);
  }
  const auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  const long growth = measure ? status_kib("VmHWM") - rss_before : -1;

  EXPECT_EQ(got, c.expected) << message;
  // The machine is shared: a margin over the deadline, not a tight bound.
  EXPECT_LT(elapsed, c.deadline + 750ms) << got << ": " << message;
  if (c.expected == "Timeout") EXPECT_GE(elapsed, c.deadline - 50ms) << "before the deadline";
#ifndef __SANITIZE_ADDRESS__  // ASan's quarantine holds freed memory: RSS says nothing there
  if (measure) EXPECT_LT(growth, c.rss_limit_kib) << "peak RSS grew " << growth << " kB";
#endif
  if (c.after) c.after(target);
  {
    std::lock_guard lock(rows_mutex);
    rows().push_back({c.name, c.peer_does, c.call_name, c.expected, got, static_cast<long>(elapsed.count()), growth});
  }
}

INSTANTIATE_TEST_SUITE_P(Issue17, FaultMatrix, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace docker::testing
