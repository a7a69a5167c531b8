# Sentinel: the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
APT_PACKAGES := libcairo2-dev libharfbuzz-dev liblapack-dev libblas-dev libopenblas-dev libpng-dev \
                libdeflate-dev libfontconfig1-dev libfreetype-dev zlib1g-dev fonts-dejavu-core pkg-config
TEST_PACKAGES := poppler-utils
SWIFT ?= swift
DEMO_OUT ?= demo-report
# Release builds link the Swift runtime and Foundation statically when the toolchain ships them
# (lib/swift_static beside its bin/): ~5 MiB less peak memory for the demo and no dynamic
# relocation of the Swift libraries at start-up. Outputs are byte-identical either way.
SWIFT_STATIC := $(shell d=$$(dirname "$$(readlink -f "$$(command -v $(SWIFT))")" 2>/dev/null); [ -d "$$d/../lib/swift_static" ] && echo --static-swift-stdlib)
RELEASE_FLAGS ?= $(SWIFT_STATIC)

.PHONY: deps test-deps build release demo test bench browser-check clean templates

# Installs the missing Debian packages when run as root; otherwise prints the one line needed.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing" >&2; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >&2 || exit 1; \
	  else \
	    echo "Missing system packages. Run:  sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(TEST_PACKAGES)"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product sentinel $(RELEASE_FLAGS)

demo: release
	.build/release/sentinel demo --out "$(DEMO_OUT)" --force

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

bench: release
	bash Benchmarks/run.sh

browser-check: release
	bash Benchmarks/browser-check.sh

clean:
	rm -rf .build

# Regenerate the template copies compiled into the executable after editing templates/ or site/.
templates:
	tools/bundle-templates.sh
