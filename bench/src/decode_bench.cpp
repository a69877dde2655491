// Decoding a recorded 200-container GET /containers/json payload, in process,
// with Google Benchmark (CPU time per decode):
//   nlohmann DOM parse only, nlohmann SAX with a no-op handler, simdjson DOM
//   parse (a floor; optional), and our generated decode into typed structs.
//
//   bench-decode [google benchmark flags]          fixture from $BENCH_FIXTURE
//   bench-decode once KIND FILE N                  N decodes of one KIND (for callgrind)
//     KIND: dom | sax | simdjson | ours | version (FILE ignored) | inspect | info | df | images
//     (the last four: FILE is that payload, decoded as in payload_ours/KIND)
//   BENCH_SCALE_FILES="a.json b.json …" bench-decode [flags]
//     also registers scale_ours/ITEMS, scale_ours_reused/ITEMS (into one vector kept
//     across iterations) and scale_simdjson/ITEMS for each file
//     (py/synth.py containers: the same containers at 200, 2 000, 20 000):
//     how the cost per container grows with the payload; each reports
//     faults_per_item (minor page faults: first touches of fresh memory),
//     sys_us_per_item (kernel CPU, mostly those faults) and item_bytes
//     (sizeof the decoded element)
//   BENCH_PAYLOADS="inspect=FILE info=FILE df=FILE images=FILE" bench-decode [flags]
//     also registers payload_ours/KIND and payload_simdjson/KIND for each: the
//     body of GET /containers/{id}/json, /info, /system/df or /images/json
//     decoded into the type the bindings return, and simdjson's DOM of the same bytes
//   version_ours, version_dom, version_simdjson: dockerd 20.10's GET /version
//     body (~850 bytes, common.hpp) as docker::decode<SystemVersion>, an
//     nlohmann DOM, a simdjson DOM
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common.hpp"

#if DOCKER_BENCH_HAVE_SIMDJSON
#include <simdjson.h>
#endif
#if DOCKER_BENCH_HAVE_OURS
#include "docker/internal/json_support.hpp"
#include "docker/model/codec.hpp"
#include DOCKER_BENCH_API_HEADER
namespace api = docker::DOCKER_BENCH_API_NS;
#endif

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "bench-decode: cannot read " << path << "\n";
    std::exit(1);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& fixture() {
  static const std::string data = [] {
    const char* p = std::getenv("BENCH_FIXTURE");
    if (!p || !*p) {
      std::cerr << "bench-decode: set BENCH_FIXTURE to a GET /containers/json payload\n";
      std::exit(1);
    }
    return read_file(p);
  }();
  return data;
}

struct NoopSax : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override { throw e; }
};

std::size_t decode_dom(const std::string& s) { return nlohmann::json::parse(s).size(); }
std::size_t decode_sax(const std::string& s) {
  NoopSax sax;
  return nlohmann::json::sax_parse(s, &sax) ? 1 : 0;
}
#if DOCKER_BENCH_HAVE_SIMDJSON
std::size_t decode_simdjson(simdjson::dom::parser& parser, const simdjson::padded_string& s) {
  simdjson::dom::array arr;
  if (parser.parse(s).get_array().get(arr)) std::abort();
  return arr.size();
}
#endif
#if DOCKER_BENCH_HAVE_OURS
std::size_t decode_ours(const std::string& s) {
  return docker::decode<std::vector<api::ContainerSummary>>(std::string_view(s)).size();
}
#endif

void set_counters(benchmark::State& state, std::size_t items) {
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(fixture().size()));
  state.counters["containers"] = double(items);
}

void BM_nlohmann_dom(benchmark::State& state) {
  std::size_t items = 0;
  for (auto _ : state) benchmark::DoNotOptimize(items = decode_dom(fixture()));
  set_counters(state, items);
}
void BM_nlohmann_sax_noop(benchmark::State& state) {
  std::size_t items = 0;
  for (auto _ : state) benchmark::DoNotOptimize(items = decode_sax(fixture()));
  set_counters(state, items);
}
#if DOCKER_BENCH_HAVE_SIMDJSON
void BM_simdjson_dom(benchmark::State& state) {
  simdjson::padded_string s(fixture());
  simdjson::dom::parser parser;
  std::size_t items = 0;
  for (auto _ : state) benchmark::DoNotOptimize(items = decode_simdjson(parser, s));
  set_counters(state, items);
}
BENCHMARK(BM_simdjson_dom);
#endif
#if DOCKER_BENCH_HAVE_OURS
void BM_ours_typed(benchmark::State& state) {
  std::size_t items = 0;
  for (auto _ : state) benchmark::DoNotOptimize(items = decode_ours(fixture()));
  set_counters(state, items);
}
BENCHMARK(BM_ours_typed);
#endif
BENCHMARK(BM_nlohmann_dom);
BENCHMARK(BM_nlohmann_sax_noop);

// GET /version's body (dockerd 20.10, ~850 bytes): the typed decode that
// SystemApi::system_version does after Client::call, and two floors.
std::string_view version_body() { return bench::kVersionBody; }
void set_version_counters(benchmark::State& state) {
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(version_body().size()));
}
#if DOCKER_BENCH_HAVE_OURS
void BM_version_ours(benchmark::State& state) {
  for (auto _ : state) {
    auto v = docker::decode<api::SystemVersion>(version_body());
    benchmark::DoNotOptimize(v.ApiVersion.has_value());
  }
  set_version_counters(state);
}
BENCHMARK(BM_version_ours);
#endif
void BM_version_dom(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(version_body()).size());
  set_version_counters(state);
}
BENCHMARK(BM_version_dom);
#if DOCKER_BENCH_HAVE_SIMDJSON
void BM_version_simdjson(benchmark::State& state) {
  simdjson::padded_string s(version_body());
  simdjson::dom::parser parser;
  for (auto _ : state) {
    simdjson::dom::object o;
    if (parser.parse(s).get_object().get(o)) std::abort();
    benchmark::DoNotOptimize(o.size());
  }
  set_version_counters(state);
}
BENCHMARK(BM_version_simdjson);
#endif

// Minor faults and kernel CPU over a benchmark's loop, per item decoded:
// what fresh memory costs (the kernel zero-fills every page on first touch).
class FaultCounter {
 public:
  FaultCounter() : faults_(bench::minor_faults()), sys_(bench::sys_cpu_now()) {}
  void report(benchmark::State& state, std::size_t items, std::size_t item_bytes) const {
    double n = double(state.iterations()) * double(items);
    if (n <= 0) return;
    state.counters["faults_per_item"] = double(bench::minor_faults() - faults_) / n;
    state.counters["sys_us_per_item"] = (bench::sys_cpu_now() - sys_) * 1e6 / n;
    if (item_bytes) state.counters["item_bytes"] = double(item_bytes);
  }

 private:
  long faults_;
  double sys_;
};

// The scaling benchmarks: one pair per file of $BENCH_SCALE_FILES. Labels
// carry the container count; set_counters' "containers" counter too.
void register_scale_benchmarks() {
  const char* env = std::getenv("BENCH_SCALE_FILES");
  if (!env || !*env) return;
  std::istringstream files(env);
  std::string path;
  while (files >> path) {
    auto text = std::make_shared<std::string>(read_file(path));
    std::size_t items = nlohmann::json::parse(*text).size();
    // Appended, not `"literal" + string`: g++ 12 warns falsely (-Wrestrict) on that.
    auto name = [items](const char* kind) {
      std::string n = kind;
      n += '/';
      n += std::to_string(items);
      return n;
    };
#if DOCKER_BENCH_HAVE_OURS
    benchmark::RegisterBenchmark(name("scale_ours").c_str(), [text](benchmark::State& state) {
      std::size_t n = 0;
      FaultCounter faults;
      for (auto _ : state) benchmark::DoNotOptimize(n = decode_ours(*text));
      faults.report(state, n, sizeof(api::ContainerSummary));
      state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text->size()));
      state.counters["containers"] = double(n);
    });
    // The same decode into one vector kept across iterations (its capacity
    // stays): what growing the vector and faulting in fresh pages cost.
    benchmark::RegisterBenchmark(name("scale_ours_reused").c_str(), [text](benchmark::State& state) {
      std::vector<api::ContainerSummary> out;
      FaultCounter faults;
      for (auto _ : state) {
        docker::internal::read_document(std::string_view(*text), out);
        benchmark::DoNotOptimize(out.data());
      }
      faults.report(state, out.size(), sizeof(api::ContainerSummary));
      state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text->size()));
      state.counters["containers"] = double(out.size());
    });
#endif
#if DOCKER_BENCH_HAVE_SIMDJSON
    benchmark::RegisterBenchmark(name("scale_simdjson").c_str(), [text](benchmark::State& state) {
      simdjson::padded_string s(*text);
      simdjson::dom::parser parser;
      std::size_t n = 0;
      FaultCounter faults;
      for (auto _ : state) benchmark::DoNotOptimize(n = decode_simdjson(parser, s));
      faults.report(state, n, 0);
      state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text->size()));
      state.counters["containers"] = double(n);
    });
#endif
  }
}

// Item 3's other payloads, each decoded into what its operation returns
// (named through the operation, so the bench follows the bindings' types).
#if DOCKER_BENCH_HAVE_OURS
template <class T>
void decode_payload(std::string_view text) {
  auto v = docker::decode<T>(text);
  benchmark::DoNotOptimize(v);
}
using InspectResult = decltype(std::declval<api::ContainerApi&>().container_inspect(api::ContainerInspectParams{}));
using InfoResult = decltype(std::declval<api::SystemApi&>().system_info());
using DataUsageResult = decltype(std::declval<api::SystemApi&>().system_data_usage());
using ImageListResult = decltype(std::declval<api::ImageApi&>().image_list());

// The decode of a payload KIND; nullptr for an unknown kind.
void (*payload_decoder(const std::string& kind))(std::string_view) {
  if (kind == "inspect") return decode_payload<InspectResult>;
  if (kind == "info") return decode_payload<InfoResult>;
  if (kind == "df") return decode_payload<DataUsageResult>;
  if (kind == "images") return decode_payload<ImageListResult>;
  return nullptr;
}
#endif

void register_payload_benchmarks() {
  const char* env = std::getenv("BENCH_PAYLOADS");
  if (!env || !*env) return;
  std::istringstream pairs(env);
  std::string pair;
  while (pairs >> pair) {
    auto eq = pair.find('=');
    if (eq == std::string::npos) {
      std::cerr << "bench-decode: BENCH_PAYLOADS wants KIND=FILE, not " << pair << "\n";
      std::exit(1);
    }
    std::string kind = pair.substr(0, eq);
    auto text = std::make_shared<std::string>(read_file(pair.substr(eq + 1)));
#if DOCKER_BENCH_HAVE_OURS
    auto decode = payload_decoder(kind);
    if (!decode) {
      std::cerr << "bench-decode: unknown payload kind " << kind << " (inspect, info, df, images)\n";
      std::exit(1);
    }
    decode(*text);  // a payload our decoder refuses fails here, before any timing
    benchmark::RegisterBenchmark((std::string("payload_ours/") + kind).c_str(),
                                 [text, decode](benchmark::State& state) {
                                   for (auto _ : state) decode(*text);
                                   state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text->size()));
                                 });
#endif
#if DOCKER_BENCH_HAVE_SIMDJSON
    benchmark::RegisterBenchmark((std::string("payload_simdjson/") + kind).c_str(), [text](benchmark::State& state) {
      simdjson::padded_string s(*text);
      simdjson::dom::parser parser;
      for (auto _ : state) {
        simdjson::dom::element doc;
        if (parser.parse(s).get(doc)) std::abort();
        benchmark::DoNotOptimize(doc);
      }
      state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text->size()));
    });
#endif
  }
}

int run_once(const std::string& kind, const std::string& file, long n) {
  std::string s = read_file(file);
  std::size_t items = 0;
  auto loop = [&](auto&& f) {
    items = f();  // warm-up outside the collected region
    BENCH_COLLECT_ON();
    for (long i = 0; i < n; ++i) items = f();
    BENCH_COLLECT_OFF();
  };
  double c0 = bench::cpu_now();
  if (kind == "dom")
    loop([&] { return decode_dom(s); });
  else if (kind == "sax")
    loop([&] { return decode_sax(s); });
#if DOCKER_BENCH_HAVE_SIMDJSON
  else if (kind == "simdjson") {
    simdjson::padded_string ps(s);
    simdjson::dom::parser parser;
    loop([&] { return decode_simdjson(parser, ps); });
  }
#endif
#if DOCKER_BENCH_HAVE_OURS
  else if (kind == "ours")
    loop([&] { return decode_ours(s); });
  else if (kind == "version")  // FILE is ignored: the /version body of common.hpp
    loop([&] { return std::size_t(docker::decode<api::SystemVersion>(version_body()).ApiVersion.has_value()); });
  else if (auto decode = payload_decoder(kind))
    loop([&] { return decode(s), std::size_t(1); });
#endif
  else {
    std::cerr << "bench-decode: unknown or unavailable kind " << kind << "\n";
    return 2;
  }
  std::printf("cpu_s=%.6f n=%ld items=%zu\n", bench::cpu_now() - c0, n, items);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::strcmp(argv[1], "once") == 0) return run_once(argv[2], argv[3], std::atol(argv[4]));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fixture();
  register_scale_benchmarks();
  register_payload_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
