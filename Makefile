# Entry points; see README.md. Everything installs what it needs first.
BUILD   ?= build
API     ?= 1.55
JOBS    ?= 2
SPEC    ?=
CMAKE_ARGS ?=
# Release: debug info makes the generated models ~60% slower to compile.
BUILD_TYPE ?= Release

# Debian's interpreter: scripts/deps.sh installs Jinja2 and PyYAML for it.
PYTHON  ?= /usr/bin/python3

CONFIGURE = cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON) \
            -DDOCKER_CPP_API_VERSIONS="$(API)" $(CMAKE_ARGS)

.PHONY: all deps configure build run test unit bindings check-all-versions check-add-subdirectory install bench clean

all: build

deps:
	@scripts/deps.sh

configure: deps
	@$(CONFIGURE) >/dev/null

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Builds everything and runs the hello example against a daemon (started if none answers).
run: build
	tests/daemon/with-daemon $(BUILD) $(BUILD)/examples/hello/hello

# Every test: generator, unit, integration against the daemon.
test: build
	tests/daemon/with-daemon $(BUILD) ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Unit tests only: no daemon.
unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L 'unit|codegen'

# Generates, compiles (-Werror) and smoke-tests bindings for any spec file:
#   make bindings SPEC=path/to/v1.NN.yaml
# Build folder $(BUILD)/bindings-1.NN; the smoke test (ping, version, container
# create/start/wait/remove) runs against the daemon through negotiation.
bindings: deps
	@test -n "$(SPEC)" || { echo "usage: make bindings SPEC=path/to/v1.NN.yaml" >&2; exit 2; }
	$(eval V := $(shell $(PYTHON) -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["info"]["version"])' "$(SPEC)"))
	$(eval ID := $(subst .,_,$(V)))
	cmake -S . -B $(BUILD)/bindings-$(V) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON) \
	  -DDOCKER_CPP_API_VERSIONS="$(V)" -DDOCKER_CPP_SPEC="$(abspath $(SPEC))" -DDOCKER_CPP_COMPILE_TEST_VERSIONS="$(V)" \
	  -DDOCKER_CPP_INSTALL=OFF $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD)/bindings-$(V) -j $(JOBS) --target docker_codegen_compile_v$(ID) docker_smoke_tests docker-cpp-testenv
	$(BUILD)/bindings-$(V)/tests/codegen/docker_codegen_compile_v$(ID)
	tests/daemon/with-daemon $(BUILD)/bindings-$(V) $(BUILD)/bindings-$(V)/tests/smoke/docker_smoke_tests --gtest_filter='Smoke/v$(ID).*'
	@echo "bindings for API $(V) in $(BUILD)/bindings-$(V)/generated/v$(ID)"

# Every shared spec: generated, compiled warning-free one version after the
# other (-j $(JOBS) each) and its compile test run; then the generator tests.
SPECS_DIR ?= ../shared/specs
ALL_VERSIONS = $(shell ls $(SPECS_DIR) | sed -n 's/^v\(1\.[0-9]*\)\.yaml$$/\1/p' | sort -t. -k2,2n)
check-all-versions: deps
	@test -n "$(ALL_VERSIONS)" || { echo "no v1.NN.yaml in $(SPECS_DIR)" >&2; exit 2; }
	cmake -S . -B $(BUILD)/all-versions -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPython3_EXECUTABLE=$(PYTHON) \
	  -DDOCKER_CPP_API_VERSIONS="$(API)" -DDOCKER_CPP_COMPILE_TEST_VERSIONS="$(ALL_VERSIONS)" \
	  -DDOCKER_CPP_INSTALL=OFF $(CMAKE_ARGS) >/dev/null
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
	cmake -S tests/consumer -B $(BUILD)/consumer-subdir -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DPython3_EXECUTABLE=$(PYTHON) -DDOCKER_CPP_SOURCE_DIR=$(CURDIR) $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD)/consumer-subdir -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) $(BUILD)/consumer-subdir/consumer

# Installs into PREFIX (default /usr/local): headers, libraries, CMake package, pkg-config files.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

bench: deps
	@$(CONFIGURE) -DDOCKER_CPP_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
