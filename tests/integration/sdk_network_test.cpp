// docker::sdk::Networks against the daemon, with real networking: two
// busybox containers on user networks reach each other by name and by a
// connect() alias, and stop resolving it after disconnect(); inspect shows
// the create options; list and prune filtered by a label unique to the test;
// the typed error of each bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sdk_resource_fixture.hpp"
#include "server_differences.hpp"

using sdk_test::message_of;

namespace {

class SdkNetworks : public sdk_test::SdkResourceFixture {
 protected:
  /// A started busybox httpd on `network` serving `marker` on port 8080.
  std::string start_server(const std::string& network, const std::string& marker) {
    auto o = on_network(
        {"sh", "-c", "mkdir -p /www && echo " + marker + " > /www/index.html && exec httpd -f -p 8080 -h /www"},
        network);
    auto server = create(o);
    server.start();
    return *o.name;
  }

  /// Runs a busybox on `network` fetching http://host:8080/ (retrying while
  /// the server starts); prints the body's last line. Through nc: the image's
  /// static wget crashes (glibc NSS), its nc resolves names.
  docker::sdk::RunResult fetch(const std::string& network, const std::string& host, int attempts = 50) {
    return docker().run(on_network({"sh", "-c",
                                    "for i in $(seq 1 " + std::to_string(attempts) +
                                        "); do "
                                        "out=$(printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " +
                                        host +
                                        " 8080) && [ -n \"$out\" ] && "
                                        "{ echo \"$out\" | tail -n 1; exit 0; }; sleep 0.2; done; exit 1"},
                                   network));
  }

  std::vector<std::string> names_listed(const docker::Filters& filters) {
    std::vector<std::string> names;
    for (const auto& n : docker().networks().list(filters)) names.push_back(n.Name.value_or(""));
    std::sort(names.begin(), names.end());
    return names;
  }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_F(SdkNetworks, ContainersReachEachOtherByNameAndByAlias) {
  auto networks = docker().networks();
  auto front = create_network(network_options("front"));
  auto prefix = random_subnet_prefix();
  auto back_options = network_options("back");
  back_options.ipam = {{.subnet = prefix + "0/24", .gateway = prefix + "1"}};
  auto back = create_network(back_options);

  const std::string marker = "served-" + tag_;
  auto server = start_server(front, marker);

  // By container name on the network it was created on.
  auto by_name = fetch(front, server);
  EXPECT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_name.out, marker + "\n");

  // By an alias on a second network, at a fixed address.
  const std::string alias = "alias-" + tag_;
  networks.connect(back, server, {.aliases = {alias}, .ipv4_address = prefix + "50"});
  auto inspected = networks.inspect(back);
  ASSERT_TRUE(inspected.Containers.has_value());
  auto server_id = docker().container(server).inspect().Id.value();
  ASSERT_EQ(inspected.Containers->count(server_id), 1u);
  EXPECT_EQ(inspected.Containers->at(server_id).IPv4Address.value_or(""), prefix + "50/24");
  auto by_alias = fetch(back, alias);
  EXPECT_EQ(by_alias.exit_code, 0) << by_alias.err;
  EXPECT_EQ(by_alias.out, marker + "\n");

  // Disconnected: the alias no longer resolves on that network (still by name on the first).
  networks.disconnect(back, server);
  EXPECT_EQ(networks.inspect(back).Containers.value_or({}).count(server_id), 0u);
  auto after = fetch(back, alias, /*attempts=*/1);
  EXPECT_NE(after.exit_code, 0);
  EXPECT_NE(after.err.find("bad address"), std::string::npos) << after.err;
  EXPECT_EQ(fetch(front, server).out, marker + "\n");
}

TEST_F(SdkNetworks, InspectShowsTheCreateOptions) {
  SKIP_ON_PODMAN("inspect shows no IPRange and not the driver option com.docker.network.driver.mtu");
  auto prefix = random_subnet_prefix();
  auto o = network_options("internal");
  o.driver = "bridge";
  o.internal = true;
  o.ipam = {{.subnet = prefix + "0/24", .gateway = prefix + "1", .ip_range = prefix + "128/25"}};
  o.driver_options = {{"com.docker.network.driver.mtu", "1400"}};
  o.labels["extra"] = "yes";
  auto created = docker().networks().create(o);
  EXPECT_FALSE(created.id.empty());

  auto info = docker().networks().inspect(o.name);
  EXPECT_EQ(info.Id.value_or(""), created.id);
  EXPECT_EQ(info.Name.value_or(""), o.name);
  EXPECT_EQ(info.Driver.value_or(""), "bridge");
  EXPECT_TRUE(info.Internal.value_or(false));
  EXPECT_EQ(info.Labels.value_or({}), o.labels);
  EXPECT_EQ(info.Options.value_or({}).count("com.docker.network.driver.mtu"), 1u);
  ASSERT_TRUE(info.IPAM.has_value() && info.IPAM->Config.has_value());
  ASSERT_EQ(info.IPAM->Config->size(), 1u);
  const auto& pool = info.IPAM->Config->front();
  EXPECT_EQ(pool.Subnet.value_or(""), prefix + "0/24");
  EXPECT_EQ(pool.Gateway.value_or(""), prefix + "1");
  EXPECT_EQ(pool.IPRange.value_or(""), prefix + "128/25");

  // The options take effect: a container's address comes from the range, its MTU from the driver option.
  auto routes = docker().run(on_network({"ip", "-4", "addr", "show", "eth0"}, o.name));
  EXPECT_EQ(routes.exit_code, 0) << routes.err;
  auto inet = routes.out.find("inet " + prefix);
  ASSERT_NE(inet, std::string::npos) << routes.out;
  EXPECT_GE(std::stoi(routes.out.substr(inet + 5 + prefix.size())), 128) << routes.out;  // in .128/25
  EXPECT_NE(routes.out.find("mtu 1400"), std::string::npos) << routes.out;
}

TEST_F(SdkNetworks, ListFilteredByLabelFindsExactlyTheTestsNetworks) {
  auto a = create_network(network_options("list-a"));
  auto b = create_network(network_options("list-b"));
  auto other = network_options("list-other");
  other.labels = {{std::string(docker::testing::kTestLabel), tag_ + "-other"}};
  create_network(other);

  EXPECT_EQ(names_listed(label_filter()), sorted({a, b}));
  EXPECT_EQ(names_listed({{"name", {a}}}), std::vector<std::string>{a});
}

TEST_F(SdkNetworks, RemoveThenNotFound) {
  auto name = create_network(network_options("remove"));
  docker().networks().remove(name);
  EXPECT_THROW((void)docker().networks().inspect(name), docker::NotFound);
  auto message = message_of<docker::NotFound>([&] { docker().networks().remove(name); });
  EXPECT_NE(message.find(name), std::string::npos) << message;
}

TEST_F(SdkNetworks, PruneFilteredByLabelRemovesOnlyTheTestsNetworks) {
  auto a = create_network(network_options("prune-a"));
  auto b = create_network(network_options("prune-b"));
  auto other = network_options("prune-other");
  other.labels = {{std::string(docker::testing::kTestLabel), tag_ + "-other"}};
  create_network(other);
  // A network in use is not pruned.
  auto busy = create_network(network_options("prune-busy"));
  create(on_network({"sleep", "60"}, busy)).start();

  auto removed = docker().networks().prune(label_filter());
  EXPECT_EQ(sorted(removed), sorted({a, b}));
  EXPECT_THROW((void)docker().networks().inspect(a), docker::NotFound);
  EXPECT_EQ(docker().networks().inspect(other.name).Name.value_or(""), other.name);
  EXPECT_EQ(docker().networks().inspect(busy).Name.value_or(""), busy);

  // The same through system(): nothing left to prune.
  auto again = docker().system().prune_networks(label_filter());
  EXPECT_TRUE(again.removed.empty());
  EXPECT_EQ(again.space_reclaimed, 0);
}

TEST_F(SdkNetworks, BadInputIsTyped) {
  auto networks = docker().networks();
  // Refused before sending (dockerd 20.10 answers 500 "invalid name: ").
  auto empty = message_of<docker::InvalidInput>([&] { networks.create({.name = ""}); });
  EXPECT_NE(empty.find("NetworkOptions::name"), std::string::npos) << empty;
  EXPECT_THROW((void)networks.inspect(""), docker::InvalidInput);

  // The daemon's answer to a subnet that is no CIDR.
  auto bad = network_options("bad-subnet");
  bad.ipam = {{.subnet = "not-a-subnet"}};
  auto subnet = message_of<docker::ApiError>([&] { networks.create(bad); });
  EXPECT_NE(subnet.find("not-a-subnet"), std::string::npos) << subnet;
  EXPECT_THROW(networks.create(bad), docker::Internal);  // dockerd 20.10: 500
  EXPECT_THROW((void)networks.inspect(bad.name), docker::NotFound);

  // connect(): a missing network, a missing container, each named.
  auto taken = create_network(network_options("taken"));
  auto running = create(on_network({"sleep", "60"}, taken));
  running.start();
  auto missing_network = docker::testing::unique_name("missing-net");
  auto no_network = message_of<docker::NotFound>([&] { networks.connect(missing_network, running.id()); });
  EXPECT_NE(no_network.find(missing_network), std::string::npos) << no_network;
  auto missing_container = missing_name();
  auto no_container = message_of<docker::NotFound>([&] { networks.connect(taken, missing_container); });
  EXPECT_NE(no_container.find(missing_container), std::string::npos) << no_container;
  auto other = create_network(network_options("other"));
  auto not_connected = message_of<docker::Internal>([&] { networks.disconnect(other, running.id()); });  // 500
  EXPECT_NE(not_connected.find("is not connected"), std::string::npos) << not_connected;
}

TEST_F(SdkNetworks, NameInUseSecondConnectAndRemoveInUse) {
  SKIP_ON_PODMAN("500 \"network already exists\", 500 \"network is already connected\", 500 \"network is being used\"");
  auto networks = docker().networks();
  // A name taken: Conflict (CheckDuplicate), and still one network of that name.
  auto taken = network_options("taken");
  networks.create(taken);
  auto duplicate = message_of<docker::Conflict>([&] { networks.create(taken); });
  EXPECT_NE(duplicate.find(taken.name), std::string::npos) << duplicate;
  EXPECT_EQ(names_listed({{"name", {taken.name}}}).size(), 1u);

  auto running = create(on_network({"sleep", "60"}, taken.name));
  running.start();
  // Connected already: the daemon refuses a second endpoint.
  auto twice = message_of<docker::Forbidden>([&] { networks.connect(taken.name, running.id()); });  // 403
  EXPECT_NE(twice.find("already exists"), std::string::npos) << twice;
  // A network with a container on it cannot be removed.
  auto in_use = message_of<docker::Forbidden>([&] { networks.remove(taken.name); });  // 403
  EXPECT_NE(in_use.find("active endpoints"), std::string::npos) << in_use;
}

TEST_F(SdkNetworks, ConnectOfAStoppedContainerToAMissingNetworkFailsAtStart) {
  SKIP_ON_PODMAN("connect() itself answers NotFound");
  // dockerd only records the network of a container that is not running
  // (a swarm network may appear later): the error comes with start().
  auto container = create(on_network({"true"}, create_network(network_options("stopped"))));
  auto missing_network = docker::testing::unique_name("missing-net");
  EXPECT_NO_THROW(docker().networks().connect(missing_network, container.id()));
  auto at_start = message_of<docker::NotFound>([&] { container.start(); });
  EXPECT_NE(at_start.find(missing_network), std::string::npos) << at_start;
}
