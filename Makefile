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

.PHONY: all deps configure build run test unit bindings check-all-versions bench clean

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

# Generates and compiles bindings for any spec file: make bindings SPEC=path/to/v1.NN.yaml
bindings: deps
	@test -n "$(SPEC)" || { echo "usage: make bindings SPEC=path/to/v1.NN.yaml" >&2; exit 2; }
	$(eval V := $(shell $(PYTHON) -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["info"]["version"])' "$(SPEC)"))
	cmake -S . -B $(BUILD)/bindings-$(V) -G Ninja -DPython3_EXECUTABLE=$(PYTHON) -DDOCKER_CPP_API_VERSIONS="$(V)" \
	  -DDOCKER_CPP_SPEC="$(abspath $(SPEC))" -DDOCKER_CPP_BUILD_TESTS=OFF -DDOCKER_CPP_BUILD_EXAMPLES=OFF >/dev/null
	cmake --build $(BUILD)/bindings-$(V) -j $(JOBS)
	@echo "bindings for API $(V) in $(BUILD)/bindings-$(V)/generated"

bench: deps
	@$(CONFIGURE) -DDOCKER_CPP_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	tests/daemon/with-daemon $(BUILD) bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
