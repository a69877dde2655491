// The kitchen-sink bindings (golden/) in use: models keep absent/null/value,
// unknown fields and enum values; operations build exactly the request the
// daemon expects. Requests go to a FakeDoer.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "docker/internal/json_support.hpp"
#include "docker/internal/query.hpp"
#include "docker/model/codec.hpp"
#include "docker/v1_99.hpp"
#include "support/fake_doer.hpp"

namespace ks = docker::v1_99;
using nlohmann::json;

namespace {

json round_trip_json(std::string_view text, auto tag) {
  using T = decltype(tag);
  return json::parse(docker::encode(docker::decode<T>(text)));
}

}  // namespace

TEST(KitchenSinkModels, AbsentNullAndValueStayDistinct) {
  auto s = docker::decode<ks::Scalars>(R"({"Text": "x", "Nullable": null})");
  EXPECT_TRUE(s.Text.has_value());
  EXPECT_EQ(*s.Text, "x");
  EXPECT_TRUE(s.Nullable.is_null());
  EXPECT_TRUE(s.Flag.is_absent());
  EXPECT_EQ(json::parse(docker::encode(s)), json::parse(R"({"Text": "x", "Nullable": null})"));

  ks::Scalars built;
  built.Flag = false;
  built.Nullable = nullptr;
  EXPECT_EQ(json::parse(docker::encode(built)), json::parse(R"({"Flag": false, "Nullable": null})"));
}

// Members in any order decode alike, whatever order the decoder saw last
// (it tries the member that followed last time first) and on any thread.
TEST(KitchenSinkModels, MembersInAnyOrderDecodeAlike) {
  std::vector<std::string> members = {R"("Plain":1)",       R"("I32":-2)",          R"("U64":18446744073709551615)",
                                      R"("Ratio":0.5)",     R"("Flag":true)",       R"("Text":"t")",
                                      R"("Nullable":null)", R"("Extra":{"k":[1]})", R"("Either":[1,"x"])",
                                      R"("Created":"c")"};
  auto object = [](const std::vector<std::string>& ms) {
    std::string text = "{";
    for (const auto& m : ms) text += (text.size() > 1 ? "," : "") + m;
    return text + "}";
  };
  std::vector<std::string> orders;
  std::mt19937 random(7);
  for (int i = 0; i < 20; ++i) {
    orders.push_back(object(members));
    std::shuffle(members.begin(), members.end(), random);
  }
  auto dup = members;
  dup.push_back(R"("Text":"last")");  // the last of duplicate members wins
  orders.push_back(object(dup));
  orders.push_back(R"({ "Text" : "spaced" ,"Flag":false})");
  orders.push_back(R"({"Text": "space after the colon","Flag": false})");
  for (int round = 0; round < 2; ++round)
    for (const auto& text : orders) EXPECT_EQ(round_trip_json(text, ks::Scalars{}), json::parse(text)) << text;

  // Broken text fails as the general way fails it, also right after the
  // decoder learnt to expect exactly these members in this order.
  for (const char* bad : {R"({,"Plain":1,"I32":2})", R"({"Plain":1"I32":2})", R"({"Plain":1,,"I32":2})",
                          R"({"Plain":1,"I32":2,})", R"({"Plain":1,"I32":2"})"}) {
    (void)docker::decode<ks::Scalars>(R"({"Plain":1,"I32":2})");
    EXPECT_THROW((void)docker::decode<ks::Scalars>(bad), docker::DecodeError) << bad;
  }

  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const auto& text = orders[(t * 7 + i) % orders.size()];
        if (json::parse(docker::encode(docker::decode<ks::Scalars>(text))) != json::parse(text)) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(KitchenSinkModels, UnknownFieldsAreKeptAndWrittenBack) {
  const char* text = R"({"Id": "a", "Mode": "brand-new", "Note": "n", "Own": true,
                         "Later": {"nested": [1, 2]}})";
  auto c = docker::decode<ks::Combined>(text);
  EXPECT_EQ(*c.Id, "a");
  EXPECT_EQ((*c.unknown_fields)["Later"]["nested"][1], 2);
  EXPECT_EQ(json::parse(docker::encode(c)), json::parse(text));
}

TEST(KitchenSinkModels, OneRefAllOfWithOwnPropertiesKeepsBoth) {
  // Like NetworkInspect: allOf [Base] beside its own properties; none may end
  // up in unknown_fields.
  const char* text = R"({"Id": "a", "Status": "ok", "Peers": {"p": {"Note": "n"}}})";
  auto e = docker::decode<ks::Extended>(text);
  EXPECT_EQ(e.Id.value(), "a");
  EXPECT_EQ(e.Status.value(), "ok");
  EXPECT_EQ(e.Peers->at("p").Note.value(), "n");
  EXPECT_TRUE(e.unknown_fields->is_null() || e.unknown_fields->empty()) << e.unknown_fields->dump();
  EXPECT_EQ(round_trip_json(text, ks::Extended{}), json::parse(text));

  auto w = docker::decode<ks::WithSiblings>(R"({"Grown": {"Note": "n", "Size": 3}})");
  EXPECT_EQ(w.Grown->Note.value(), "n");
  EXPECT_EQ(w.Grown->Size.value(), 3);
  EXPECT_TRUE(w.Grown->unknown_fields->is_null() || w.Grown->unknown_fields->empty());
}

TEST(KitchenSinkModels, UnknownEnumValuesAreKept) {
  auto c = docker::decode<ks::Combined>(R"({"Mode": "brand-new"})");
  EXPECT_FALSE(c.Mode->is_known());
  EXPECT_EQ(c.Mode->str(), "brand-new");
  c.Mode = ks::Mode(ks::Mode::on_failure);
  EXPECT_TRUE(c.Mode->is_known());
  EXPECT_TRUE(*c.Mode == ks::Mode::on_failure);
  EXPECT_EQ(json::parse(docker::encode(c))["Mode"], "on-failure");
  EXPECT_EQ(ks::Mode::empty, "");
  EXPECT_EQ(ks::Mode::unless_stopped, "unless-stopped");  // added by a patch
}

TEST(KitchenSinkModels, KeywordAndMacroIdentifiersKeepTheirJsonKeys) {
  const char* text = R"({"default": "d", "private": true, "new": 1, "continue": false, "for": "f",
                         "major": 2, "minor": 3, "linux": "l", "unix": "u", "os.version": "10",
                         "one-shot": true, "9lives": "cat", "Platform2": {"Platform2": "p"}})";
  auto p = docker::decode<ks::Platform>(text);
  EXPECT_EQ(*p.default_, "d");
  EXPECT_EQ(*p.major_, 2);
  EXPECT_EQ(*p.minor_, 3);
  EXPECT_EQ(*p.os_version, "10");
  EXPECT_TRUE(*p.one_shot);
  EXPECT_EQ(*p._9lives, "cat");
  EXPECT_EQ(*p.Platform2->Platform2_, "p");
  EXPECT_TRUE(p.unknown_fields->is_null() || p.unknown_fields->empty());
  EXPECT_EQ(round_trip_json(text, ks::Platform{}), json::parse(text));
}

TEST(KitchenSinkModels, Uint64CarriesTheFullRange) {
  auto s = docker::decode<ks::Scalars>(R"({"U64": 18446744073709551615, "I64": -9223372036854775808})");
  EXPECT_EQ(*s.U64, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(*s.I64, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(docker::encode(s), R"({"I64":-9223372036854775808,"U64":18446744073709551615})");
  auto w = docker::decode<ks::WrongType>(R"({"Count": 18446744073709551615})");  // patched type
  EXPECT_EQ(*w.Count, std::numeric_limits<std::uint64_t>::max());
}

TEST(KitchenSinkModels, SetLikeMapsAndNullPortBindings) {
  const char* text = R"({"ExposedPorts": {"80/tcp": {}, "53/udp": {}},
                         "Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}], "53/udp": null},
                         "Matrix": [[1, 2], [65535]], "Labels": {"a": "b"},
                         "Anything": {"x": [true, null]}, "GoType": 5, "Modes": ["", "weird"],
                         "Platform": {"new": 7},
                         "Inline": {"Kind": "gamma", "Deep": {"Value": "v"}}, "Items": [{"Name": "n"}]})";
  auto c = docker::decode<ks::Collections>(text);
  EXPECT_EQ(c.ExposedPorts->count("80/tcp"), 1u);
  EXPECT_TRUE(c.Ports->at("53/udp").is_null());
  EXPECT_EQ(*c.Ports->at("80/tcp")->at(0).HostPort, "8080");
  EXPECT_EQ(c.Matrix->at(1).at(0), 65535);
  EXPECT_FALSE(c.Inline->Kind->is_known());
  EXPECT_EQ(*c.Inline->Deep->Value, "v");
  EXPECT_EQ(*c.Platform->new_, 7);
  EXPECT_EQ(json::parse(docker::encode(c)), json::parse(text));

  ks::Collections built;
  built.ExposedPorts = docker::KeySet{"22/tcp"};
  EXPECT_EQ(docker::encode(built), R"({"ExposedPorts":{"22/tcp":{}}})");
}

TEST(KitchenSinkModels, DecodeErrorsAreTyped) {
  EXPECT_THROW(docker::decode<ks::Scalars>("{"), docker::DecodeError);
  EXPECT_THROW(docker::decode<ks::Scalars>(R"({"Text": 5})"), docker::DecodeError);
  EXPECT_THROW(docker::decode<ks::Scalars>("[]"), docker::DecodeError);
  try {
    docker::decode<ks::Collections>(R"({"Inline": {"Deep": {"Value": 1}}})");
    FAIL() << "decoded a number as a string";
  } catch (const docker::FieldDecodeError& e) {
    EXPECT_EQ(e.field_path(), "Inline.Deep.Value");
  }
}

TEST(KitchenSinkEscaping, PathSegmentsCannotChangeTheRoute) {
  using docker::internal::escape_path_name;
  using docker::internal::escape_path_segment;
  EXPECT_EQ(escape_path_segment("abc_1.2-x"), "abc_1.2-x");
  EXPECT_EQ(escape_path_segment(".."), "%2E%2E");
  EXPECT_EQ(escape_path_segment("a/b?c#d e%"), "a%2Fb%3Fc%23d%20e%25");
  EXPECT_EQ(escape_path_name("library/busybox:latest"), "library/busybox:latest");
  EXPECT_EQ(escape_path_name("reg:5000/a/../b@sha256:ab"), "reg:5000/a/%2E%2E/b@sha256:ab");
  EXPECT_EQ(escape_path_name("x?y"), "x%3Fy");
}

TEST(KitchenSinkEscaping, QueryValues) {
  docker::internal::QueryString q;
  q.add("all", true);
  q.add("limit", std::optional<std::int64_t>{});
  q.add("names", std::vector<std::string>{"a b", "c&d"});
  q.add_json("filters", docker::Filters{{"label", {"x=y"}}});
  EXPECT_EQ(q.str(), "?all=1&names=a%20b&names=c%26d&filters=%7B%22label%22%3A%5B%22x%3Dy%22%5D%7D");
  EXPECT_EQ(docker::internal::QueryString().str(), "");
}

class KitchenSinkOperations : public ::testing::Test {
 protected:
  std::shared_ptr<docker::testing::FakeDoer> doer = std::make_shared<docker::testing::FakeDoer>();
  docker::Client client{doer, ks::api_version, docker::ClientOptions{ks::api_version, false, "test"}};
};

TEST_F(KitchenSinkOperations, JsonResponseAndQuery) {
  doer->push(200, R"({"Id": "x", "Future": 1})");
  ks::SinkApi api(client);
  auto result = api.thing_inspect({.id = "my/../thing", .size = true, .limit = 5});
  EXPECT_EQ(*result.Id, "x");
  auto req = doer->last();
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.target, "/v1.99/things/my%2F..%2Fthing/json?size=1&limit=5");
}

TEST_F(KitchenSinkOperations, JsonBodyAndRegistryAuth) {
  doer->push(201, R"({"Id": "new", "Warnings": []})");
  ks::SinkApi api(client);
  ks::ThingCreateParams params;
  params.body.major_ = 1;
  params.body.Scalars.emplace().U64 = 1;
  docker::RegistryAuth credentials;
  credentials.username = "u";
  credentials.password = "p";
  params.x_registry_auth = credentials;
  auto created = api.thing_create(params);
  EXPECT_EQ(*created.Id, "new");
  auto req = doer->last();
  EXPECT_EQ(req.target, "/v1.99/things/create");
  EXPECT_EQ(json::parse(req.body), json::parse(R"({"major": 1, "Scalars": {"U64": 1}})"));
  EXPECT_EQ(req.headers.get("Content-Type").value_or(""), "application/json");
  // base64url of {"username":"u","password":"p"} (Go's field order)
  EXPECT_EQ(req.headers.get("X-Registry-Auth").value_or(""), "eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAifQ==");
}

TEST_F(KitchenSinkOperations, EmptyAndTextResponses) {
  doer->push(204);
  doer->push(200, "OK", {{"Content-Type", "text/plain"}});
  ks::SinkApi sink(client);
  sink.thing_delete({.id = "a b", .force = false});
  EXPECT_EQ(doer->last().target, "/v1.99/things/a%20b?force=0");
  EXPECT_EQ(doer->last().method, "DELETE");
  EXPECT_EQ(ks::SystemApi(client).ping(), "OK");
}

TEST_F(KitchenSinkOperations, ImageNamesKeepSlashes) {
  doer->push(201);
  ks::ImageApi(client).image_tag({.name = "localhost:5000/team/app", .repo = "x"});
  EXPECT_EQ(doer->last().target, "/v1.99/images/localhost:5000/team/app/tag?repo=x");
}

// Params::route is what the generated call sends: the same method, and
// route.target() builds the same target (escaping included) for code that
// builds the request by hand.
TEST_F(KitchenSinkOperations, RouteDataMatchesTheRequestSent) {
  static_assert(std::string_view(ks::ThingInspectParams::route.method) == "GET");
  static_assert(std::string_view(ks::ThingInspectParams::route.path) == "/things/{id}/json");
  static_assert(ks::ImageTagParams::route.slashed == 1 && ks::ThingInspectParams::route.slashed == 0);
  static_assert(ks::ThingInspectParams::Since::limit > ks::ThingInspectParams::Since::operation);

  doer->push(200, R"({"Id": "x"})");
  ks::SinkApi(client).thing_inspect({.id = "my/../thing", .size = true});
  docker::internal::QueryString q;
  q.add("size", true);
  EXPECT_EQ(doer->last().method, ks::ThingInspectParams::route.method);
  EXPECT_EQ(doer->last().target, "/v1.99" + ks::ThingInspectParams::route.target({"my/../thing"}, q));

  doer->push(201);
  ks::ImageApi(client).image_tag({.name = "localhost:5000/team/../app", .repo = "x"});
  docker::internal::QueryString repo;
  repo.add("repo", "x");
  EXPECT_EQ(doer->last().target, "/v1.99" + ks::ImageTagParams::route.target({"localhost:5000/team/../app"}, repo));
  EXPECT_EQ(ks::ImageTagParams::route.fill({"a/b"}), "/images/a/b/tag");
  EXPECT_EQ(ks::ThingDeleteParams::route.fill({"a/b"}), "/things/a%2Fb");
  EXPECT_EQ(ks::ThingListParams::route.fill({}), "/things");
}

TEST(KitchenSinkRoutes, WrongNumberOfValuesIsInvalidInput) {
  try {
    (void)ks::ThingDeleteParams::route.fill({"a", "b"});
    FAIL() << "no exception";
  } catch (const docker::InvalidInput& e) {
    EXPECT_EQ(e.message(), "/things/{id}: 2 value(s) for 1 path parameter(s)");
    EXPECT_EQ(e.method(), "DELETE");
    EXPECT_EQ(e.path(), "/things/{id}");
  }
  EXPECT_THROW((void)ks::ThingDeleteParams::route.fill({}), docker::InvalidInput);
}

TEST_F(KitchenSinkOperations, MessageStreamFromAStreamedBody) {
  doer->push(200, "{\"status\":\"a\"}\n{\"status\":\"b\",\"extra\":1}\n");
  ks::ImageApi api(client);
  ks::BuildParams params;
  params.input_stream.reader = std::make_shared<docker::StringReader>("tar bytes");
  params.buildargs = std::map<std::string, std::string>{{"A", "1"}};
  auto stream = api.build(params);
  auto first = stream.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first->status, "a");
  auto second = stream.next();
  ASSERT_TRUE(second);
  EXPECT_EQ((*second->unknown_fields)["extra"], 1);
  EXPECT_FALSE(stream.next());
  auto req = doer->last();
  EXPECT_EQ(req.target, "/v1.99/build?buildargs=%7B%22A%22%3A%221%22%7D");
  EXPECT_EQ(req.body, "tar bytes");
  EXPECT_EQ(req.headers.get("Content-Type").value_or(""), "application/octet-stream");
}

TEST_F(KitchenSinkOperations, HeaderJson) {
  // base64 of {"name":"f","size":3}
  doer->push(200, "", {{"X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZiIsInNpemUiOjN9"}});
  auto stat = ks::SinkApi(client).thing_archive_info({.id = "c", .path = "/etc/f"});
  EXPECT_EQ(*stat.name, "f");
  EXPECT_EQ(*stat.size, 3);
  EXPECT_EQ(doer->last().method, "HEAD");
  EXPECT_EQ(doer->last().target, "/v1.99/things/c/archive?path=%2Fetc%2Ff");
}

TEST_F(KitchenSinkOperations, LogsAreDemultiplexed) {
  std::string frame("\x01\0\0\0\0\0\0\x02hi", 10);
  doer->push(200, frame, {{"Content-Type", "application/vnd.docker.multiplexed-stream"}});
  auto out = ks::SinkApi(client).thing_logs({.id = "c", .follow = {}});
  std::string stdout_text, stderr_text;
  out.read_all(stdout_text, stderr_text);
  EXPECT_EQ(stdout_text, "hi");
}

TEST_F(KitchenSinkOperations, AttachHijacksTheConnection) {
  doer->push(101, "");
  auto hijacked = ks::SinkApi(client).thing_attach({.id = "c"});
  EXPECT_TRUE(hijacked.stream);
  auto req = doer->last();
  EXPECT_EQ(req.target, "/v1.99/things/c/attach");
  EXPECT_EQ(req.headers.get("Connection").value_or(""), "Upgrade");
  EXPECT_EQ(req.headers.get("Upgrade").value_or(""), "tcp");
}

// Version facts (tests/codegen/spec/version-facts.yaml): a client pinned to an
// older version than the bindings refuses, before sending, what the daemon lacks.
class KitchenSinkVersions : public ::testing::Test {
 protected:
  static docker::ClientOptions speaking(docker::ApiVersion v) { return {v, false, "test"}; }
  std::shared_ptr<docker::testing::FakeDoer> doer = std::make_shared<docker::testing::FakeDoer>();
};

TEST_F(KitchenSinkVersions, OperationTooNewThrowsBeforeSending) {
  docker::Client client{doer, ks::api_version, speaking({1, 94})};
  try {
    (void)ks::SinkApi(client).thing_logs({.id = "c"});
    FAIL() << "no VersionError";
  } catch (const docker::VersionError& e) {
    EXPECT_STREQ(e.what(), "version error: `thing_logs` needs API >= 1.95; the daemon speaks 1.94");
  }
  EXPECT_TRUE(doer->requests().empty());
}

TEST_F(KitchenSinkVersions, ParameterTooNewThrowsOnlyWhenSet) {
  docker::Client client{doer, ks::api_version, speaking({1, 96})};
  ks::SinkApi api(client);
  EXPECT_THROW(api.thing_inspect({.id = "x", .limit = 5}), docker::VersionError);
  EXPECT_TRUE(doer->requests().empty());
  doer->push(200, "{}");
  api.thing_inspect({.id = "x", .size = true});
  EXPECT_EQ(doer->last().target, "/v1.96/things/x/json?size=1");
}

TEST_F(KitchenSinkVersions, ParameterAsOldAsItsOperationOrWithAGapHasNoCheck) {
  docker::Client client{doer, ks::api_version, speaking({1, 95})};
  doer->push(200, "");
  doer->push(204, "");
  ks::SinkApi api(client);
  (void)api.thing_logs({.id = "c", .follow = true, .framing = docker::OutputFraming::raw});
  api.thing_delete({.id = "c", .force = true});  // listed 1.90 and 1.97..: first seen wins
  EXPECT_EQ(doer->requests().size(), 2u);
}

TEST_F(KitchenSinkVersions, FieldTooNewIsLeftOutOfTheBody) {
  docker::Client client{doer, ks::api_version, speaking({1, 94})};
  doer->push(201, R"({"Id": "new"})");
  ks::ThingCreateParams params;
  params.body.Scalars.emplace().U64 = 7;
  params.body.Scalars->U32 = 3;
  params.body.Platform2.emplace().Architecture = "arm64";  // new on this path, old on another
  ks::SinkApi(client).thing_create(params);
  EXPECT_EQ(json::parse(doer->last().body),
            json::parse(R"({"Scalars": {"U32": 3}, "Platform2": {"Architecture": "arm64"}})"));
}

TEST_F(KitchenSinkVersions, EverythingIsSentAtASufficientVersion) {
  docker::Client client{doer, ks::api_version, speaking({1, 97})};
  doer->push(201, R"({"Id": "new"})");
  doer->push(200, "{}");
  ks::ThingCreateParams params;
  params.body.Scalars.emplace().U64 = 7;
  ks::SinkApi api(client);
  api.thing_create(params);
  EXPECT_EQ(json::parse(doer->last().body), json::parse(R"({"Scalars": {"U64": 7}})"));
  api.thing_inspect({.id = "x", .limit = 5});
  EXPECT_EQ(doer->last().target, "/v1.97/things/x/json?limit=5");
}

TEST(KitchenSinkVersionEncoding, OnlyEncodingForAVersionDropsFields) {
  ks::Scalars s;
  s.U64 = 7;
  s.Text = "t";
  EXPECT_EQ(json::parse(docker::encode(s)), json::parse(R"({"U64": 7, "Text": "t"})"));
  EXPECT_EQ(json::parse(docker::encode_for(s, {1, 90})), json::parse(R"({"Text": "t"})"));
  EXPECT_EQ(json::parse(docker::encode_for(s, {1, 95})), json::parse(R"({"U64": 7, "Text": "t"})"));
  // The scope ends with the call: a plain encode afterwards writes everything again.
  EXPECT_EQ(json::parse(docker::encode(s)), json::parse(R"({"U64": 7, "Text": "t"})"));
}

TEST(KitchenSinkModels, LegacyShapesDecodeIntoTheirMembersAndNothingIsDropped) {
  // Retired: dropped in 1.97 (tests/codegen/spec/legacy-fields.yaml); typed for older daemons.
  auto old =
      docker::decode<ks::Collections>(R"({"Retired": 7, "Labels": ["a", "b"], "Gone": {"Name": "n", "Inner": true}})");
  EXPECT_EQ(old.Retired.value(), 7);
  // Labels: a map now, an array of strings until 1.95: the same key, a second member.
  EXPECT_TRUE(old.Labels.is_absent());
  EXPECT_EQ(old.Labels_legacy.value(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(old.Gone->Name.value(), "n");
  EXPECT_EQ(old.Gone->Inner.value(), true);
  EXPECT_TRUE(old.unknown_fields->is_null() || old.unknown_fields->empty()) << old.unknown_fields->dump();

  auto now = docker::decode<ks::Collections>(R"({"Labels": {"k": "v"}, "Retired": null})");
  EXPECT_EQ(now.Labels->at("k"), "v");
  EXPECT_TRUE(now.Labels_legacy.is_absent());
  EXPECT_TRUE(now.Retired.is_null());

  // A value of neither shape stays in unknown_fields: no decode error, nothing lost.
  const char* neither = R"({"Labels": 5, "Retired": "soon", "Gone": [1]})";
  auto odd = docker::decode<ks::Collections>(neither);
  EXPECT_TRUE(odd.Labels.is_absent());
  EXPECT_TRUE(odd.Labels_legacy.is_absent());
  EXPECT_TRUE(odd.Retired.is_absent());
  EXPECT_EQ(odd.unknown_fields, json::parse(neither));
  EXPECT_EQ(round_trip_json(neither, ks::Collections{}), json::parse(neither));

  // A value that fits a shape only part of the way (an array of strings but
  // for one item; an object whose member has another type) is read once from
  // its start and kept whole, and the members after it decode as usual.
  const char* partway = R"({"Labels": ["a", ["b"], "c"], "Gone": {"Inner": true, "Name": 5}, "Retired": 3})";
  auto part = docker::decode<ks::Collections>(partway);
  EXPECT_TRUE(part.Labels.is_absent());
  EXPECT_TRUE(part.Labels_legacy.is_absent());
  EXPECT_TRUE(part.Gone.is_absent());
  EXPECT_EQ(part.Retired.value(), 3);
  EXPECT_EQ(part.unknown_fields, json::parse(R"({"Labels": ["a", ["b"], "c"], "Gone": {"Inner": true, "Name": 5}})"));
  // Reading back leaves no trace: 600 such values (each entered two arrays
  // deep before failing) do not add up to the nesting limit of 512.
  std::string many = "{";
  for (int i = 0; i < 600; ++i) many += R"("Labels": [["b"]], )";
  many += R"("Retired": 4})";
  auto repeated = docker::decode<ks::Collections>(many);
  EXPECT_EQ(repeated.Retired.value(), 4);
  EXPECT_EQ(repeated.unknown_fields, json::parse(R"({"Labels": [["b"]]})"));
  // Text that is not JSON fails where it breaks, as any other member does.
  try {
    (void)docker::decode<ks::Collections>(R"({"Labels": ["a", "b" "c"], "Retired": 3})");
    ADD_FAILURE() << "broken text decoded";
  } catch (const docker::DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("at byte 21"), std::string::npos) << e.what();
  }

  // Written back as decoded; left out of a request encoded for a version without the shape.
  const char* text = R"({"Retired": 7, "Labels": ["a"]})";
  EXPECT_EQ(round_trip_json(text, ks::Collections{}), json::parse(text));
  auto decoded = docker::decode<ks::Collections>(text);
  EXPECT_EQ(json::parse(docker::encode_for(decoded, docker::ApiVersion{1, 95})), json::parse(text));
  EXPECT_EQ(json::parse(docker::encode_for(decoded, docker::ApiVersion{1, 97})), json::object());
}
