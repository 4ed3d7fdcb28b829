# Sakuga: the two commands for a fresh Debian 12 machine are `make demo` and `make test`.
# Every target installs what is missing first (scripts/install-deps.sh, fast when all is present).
PRESET ?= release
BUILD_DIR := build
JOBS ?= $(shell nproc)
SAKUGA := $(BUILD_DIR)/sakuga

.PHONY: all deps configure build demo test bench clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then cmake --preset $(PRESET) $(CMAKE_ARGS); fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(SAKUGA) build examples/demo --target all
	@ls -l examples/demo/out/demo.mp4 examples/demo/out/animatic.mp4

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD_DIR)/bench/sakuga_bench --benchmark_min_time=0.2
	@scripts/bench-build.sh
	@scripts/bench-paint.sh 3
	@scripts/bench-episode.sh

clean:
	rm -rf $(BUILD_DIR) examples/demo/.sakuga examples/demo/out
