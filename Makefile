# Entry points; see README.md. Each installs the Debian packages it needs
# first (scripts/deps.sh groups: build, daemon, test) and configures only when
# needed (scripts/configure.sh).
BUILD   ?= build
API     ?= 1.55
JOBS    ?= 2
SPEC    ?=
CMAKE_ARGS ?=
# Release: debug info makes the generated models ~60% slower to compile.
BUILD_TYPE ?= Release

# Debian's interpreter: scripts/deps.sh installs Jinja2 and PyYAML for it.
PYTHON  ?= /usr/bin/python3

CONFIGURE = scripts/configure.sh $(BUILD) $(CONFIGURE_TESTS) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
            -DPython3_EXECUTABLE=$(PYTHON) "-DDOCKER_CPP_API_VERSIONS=$(API)" $(CONFIGURE_EXTRA) $(CMAKE_ARGS)
# What the hello example needs: the runtime, the 1.55 bindings, the sdk layer,
# and the helper that seeds busybox into the daemon.
RUN_TARGETS = hello docker-cpp-testenv

.PHONY: help all deps configure build run test docs test-podman unit test-asan test-tsan fuzz dist debs test-packages bindings check-all-versions check-add-subdirectory install bench bench-quick swarm-demo clean

all: build

help:
	@echo "make run     build only what examples/hello needs (runtime, API 1.55 bindings, sdk, hello)"
	@echo "             and run it against a daemon (a private dockerd is started when none answers)"
	@echo "make test    configure with the tests, build everything (also the API 1.25/1.41/1.56"
	@echo "             compile checks) and run every test; installs the test packages"
	@echo "make build   the library, the bindings of API=\"$(API)\" and the examples; no daemon packages"
	@echo "make unit    the tests that need no daemon"
	@echo "make test-podman  the integration tests against a private Podman service (part of make test)"
	@echo "make test-asan / test-tsan / fuzz   sanitizer lanes and libFuzzer targets (FUZZ_SECONDS=60 each)"
	@echo "make docs    the API reference (Doxygen) in $(BUILD)/docs/html; installs the docs packages"
	@echo "make dist    docker-cpp-<version>.tar.gz with the generated bindings of API=\"$(API)\": builds with CMake + g++ only"
	@echo "make debs    Debian packages from that tarball: libdocker-cpp-dev, libdocker-cpp-api-1.NN-dev per version"
	@echo "make test-packages  debs of API 1.55 and 1.41, checked and consumed (find_package, pkg-config) against a daemon"
	@echo "make swarm-demo  a two-node swarm: two private dockerds in network namespaces, a service spread"
	@echo "             over both, one drained (tests/swarm/two-node.sh; root; also ctest -L swarm)"
	@echo "make bench   every benchmark workload against its peers (bench/README.md); bench-quick: each briefly (~1 min)"
	@echo "other: bindings SPEC=…, check-all-versions, check-add-subdirectory, install PREFIX=…, clean"

# Every group: what `make test` installs.
deps:
	@scripts/deps.sh build daemon test docs

configure:
	@scripts/deps.sh build
	@$(CONFIGURE)

# The library, the bindings of $(API) and the examples (the tests too when
# `make test` configured them); installs no daemon.
build:
	@scripts/deps.sh build
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS)

# Builds only what the hello example needs and runs it against a daemon
# (started if none answers).
run:
	@scripts/deps.sh build daemon
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS) --target $(RUN_TARGETS)
	tests/daemon/with-daemon $(BUILD) $(BUILD)/examples/hello/hello

# The API reference: Doxygen over the runtime, the layer and the $(API)
# bindings (generated first) into $(BUILD)/docs/html (README "API reference").
docs:
	@scripts/deps.sh build docs
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS) --target docs

# Every test: the integration tests against Podman, then (ctest, whose summary
# closes the log) generator, unit, docs snippets, the API reference (Doxygen
# ~2 s, Chromium and linkchecker ~30 s: label docs), integration against dockerd.
test: CONFIGURE_TESTS = --tests
test:
	@scripts/deps.sh build daemon test docs
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS)
	$(MAKE) --no-print-directory test-podman
	tests/daemon/with-daemon $(BUILD) ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The integration tests again, against a private `podman system service`
# (README "Podman"); skips, saying why, when Podman cannot start here.
test-podman:
	@scripts/deps.sh test
	cmake --build $(BUILD) -j $(JOBS) --target docker_integration_tests docker-cpp-testenv
	tests/daemon/with-podman $(BUILD) $(BUILD)/tests/docker_integration_tests

# Sanitizer lanes and fuzzing (scripts/sanitizer-lane.sh), each in its own
# build folder under $(BUILD): ASan + UBSan over the unit and integration
# tests; TSan over the concurrency tests; every libFuzzer target of
# tests/fuzz for FUZZ_SECONDS each. CI runs all three.
FUZZ_SECONDS ?= 60
test-asan:
	@scripts/deps.sh build daemon test sanitize
	JOBS=$(JOBS) scripts/sanitizer-lane.sh asan $(BUILD)
test-tsan:
	@scripts/deps.sh build test sanitize
	JOBS=$(JOBS) scripts/sanitizer-lane.sh tsan $(BUILD)
fuzz:
	@scripts/deps.sh build test sanitize
	JOBS=$(JOBS) scripts/sanitizer-lane.sh fuzz $(BUILD) $(FUZZ_SECONDS)

# A two-node swarm (tests/swarm/two-node.sh): two private containerd + dockerd
# pairs, each in a network namespace of its own joined by a veth pair; the
# layer inits, joins, spreads a service over both nodes and drains one. Needs
# root; skips (saying why) where namespaces or daemons cannot be made. Part
# of `make test` as the ctest `swarm_two_node` (label swarm).
swarm-demo: CONFIGURE_TESTS = --tests
swarm-demo:
	@scripts/deps.sh build daemon test
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS) --target docker-cpp-swarm-two-node docker-cpp-testenv
	tests/swarm/two-node.sh $(BUILD)

# Unit tests only: no daemon.
unit: CONFIGURE_TESTS = --tests
unit:
	@scripts/deps.sh build test
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L 'unit|codegen'

# Releases (README.md, "Packages"): the source tarball with pre-generated
# bindings, and Debian packages built from it without Python or network.
dist:
	@scripts/deps.sh build
	scripts/dist.sh $(BUILD) "$(API)"
debs:
	@scripts/deps.sh build
	JOBS=$(JOBS) scripts/debs.sh $(BUILD) "$(API)"
# Two API versions: their packages must install side by side.
PACKAGE_APIS ?= 1.55 1.41
test-packages:
	@scripts/deps.sh build daemon
	JOBS=$(JOBS) scripts/debs.sh $(BUILD) "$(PACKAGE_APIS)"
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS) --target docker-cpp-testenv
	tests/daemon/with-daemon $(BUILD) tests/packages/check.sh $(BUILD) $(BUILD)/packages-check

# Generates, compiles (-Werror) and smoke-tests bindings for any spec file:
#   make bindings SPEC=path/to/v1.NN.yaml
# Build folder $(BUILD)/bindings-1.NN; the smoke test (ping, version, container
# create/start/wait/remove) runs against the daemon through negotiation.
bindings:
	@scripts/deps.sh build daemon test
	@test -n "$(SPEC)" || { echo "usage: make bindings SPEC=path/to/v1.NN.yaml" >&2; exit 2; }
	$(eval V := $(shell $(PYTHON) -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["info"]["version"])' "$(SPEC)"))
	$(eval ID := $(subst .,_,$(V)))
	cmake -S . -B $(BUILD)/bindings-$(V) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON) \
	  -DDOCKER_CPP_API_VERSIONS="$(V)" -DDOCKER_CPP_SPEC="$(abspath $(SPEC))" -DDOCKER_CPP_COMPILE_TEST_VERSIONS="$(V)" \
	  -DDOCKER_CPP_BUILD_TESTS=ON -DDOCKER_CPP_INSTALL=OFF $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD)/bindings-$(V) -j $(JOBS) --target docker_codegen_compile_v$(ID) docker_smoke_tests docker-cpp-testenv
	$(BUILD)/bindings-$(V)/tests/codegen/docker_codegen_compile_v$(ID)
	tests/daemon/with-daemon $(BUILD)/bindings-$(V) $(BUILD)/bindings-$(V)/tests/smoke/docker_smoke_tests --gtest_filter='Smoke/v$(ID).*'
	@echo "bindings for API $(V) in $(BUILD)/bindings-$(V)/generated/v$(ID)"

# Every shared spec: generated, compiled warning-free one version after the
# other (-j $(JOBS) each) and its compile test run; then the generator tests.
SPECS_DIR ?= ../shared/specs
ALL_VERSIONS = $(shell ls $(SPECS_DIR) | sed -n 's/^v\(1\.[0-9]*\)\.yaml$$/\1/p' | sort -t. -k2,2n)
check-all-versions:
	@scripts/deps.sh build test
	@test -n "$(ALL_VERSIONS)" || { echo "no v1.NN.yaml in $(SPECS_DIR)" >&2; exit 2; }
	cmake -S . -B $(BUILD)/all-versions -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON) \
	  -DDOCKER_CPP_API_VERSIONS="$(API)" -DDOCKER_CPP_COMPILE_TEST_VERSIONS="$(ALL_VERSIONS)" \
	  -DDOCKER_CPP_BUILD_TESTS=ON -DDOCKER_CPP_INSTALL=OFF $(CMAKE_ARGS) >/dev/null
	@set -e; for v in $(ALL_VERSIONS); do \
	  id=$$(echo $$v | tr . _); echo "== API $$v"; \
	  cmake --build $(BUILD)/all-versions -j $(JOBS) --target docker_codegen_compile_v$$id; \
	  $(BUILD)/all-versions/tests/codegen/docker_codegen_compile_v$$id; \
	done
	ctest --test-dir $(BUILD)/all-versions --output-on-failure -R '^codegen_python$$'
	@echo "all $(words $(ALL_VERSIONS)) API versions compiled: $(ALL_VERSIONS)"

# tests/consumer built through add_subdirectory (as FetchContent would) and run
# against the daemon; `ctest -L install` covers the installed package.
check-add-subdirectory: build
	@scripts/deps.sh daemon
	cmake -S tests/consumer -B $(BUILD)/consumer-subdir -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DPython3_EXECUTABLE=$(PYTHON) -DDOCKER_CPP_SOURCE_DIR=$(CURDIR) $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD)/consumer-subdir -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) $(BUILD)/consumer-subdir/consumer

# Installs into PREFIX (default /usr/local): headers, libraries, CMake package, pkg-config files.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

bench: CONFIGURE_EXTRA = -DDOCKER_CPP_BUILD_BENCH=ON
bench: deps
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) bench/run.sh $(BUILD)

# A cheap regression guard: every workload briefly (small N, 1 rep, no
# callgrind, no 1 GiB log container), the ratios printed; ~1 minute after the
# build. Never fails on a slow number.
bench-quick: CONFIGURE_EXTRA = -DDOCKER_CPP_BUILD_BENCH=ON
bench-quick: deps
	@$(CONFIGURE)
	cmake --build $(BUILD) -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) env BENCH_QUICK=1 bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
