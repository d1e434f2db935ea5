# allocsim — `make demo` and `make test` work on a fresh Debian machine with
# the Swift toolchain: they install libgsl-dev, libproj-dev (and pkg-config)
# when missing.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN_DIR = $(shell $(SWIFT) build -c release --show-bin-path)
DEMO_OUT ?= Reports/demo

FUZZ_SECONDS ?= 600
FUZZ_BIN = .build-fuzz/release/allocsim-fuzz

.PHONY: deps pydeps build demo test fuzz fuzz-build bench bench-kernel crn browser-test slurm-test clean

# GSL and PROJ from Debian's packages, found through pkg-config.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl || ! pkg-config --exists proj || ! pkg-config --exists zlib; then \
	  echo "allocsim: installing libgsl-dev, libproj-dev, zlib1g-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev libproj-dev zlib1g-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product allocsim

# Runs the bundled Guam Monte Carlo scenario, one audited round (with each
# application's exact chance), a comparison (5 dispensary certificates
# instead of 3), the scorecard and ten years of the program, and writes HTML
# reports under Reports/demo/.
demo: build
	$(BIN_DIR)/allocsim run Scenarios/guam.yaml --out $(DEMO_OUT)/guam
	$(BIN_DIR)/allocsim allocate Scenarios/guam-round.yaml --odds exact --out $(DEMO_OUT)/guam-round
	$(BIN_DIR)/allocsim compare Scenarios/guam.yaml --set certificates.dispensary=5 --quiet --out $(DEMO_OUT)/compare
	$(BIN_DIR)/allocsim scorecard Scenarios/guam.yaml --quiet --out $(DEMO_OUT)/scorecard
	$(BIN_DIR)/allocsim program Scenarios/guam-program.yaml --quiet --out $(DEMO_OUT)/program
	@echo
	@echo "Monte Carlo report: $(CURDIR)/$(DEMO_OUT)/guam/report.html"
	@echo "Single round report: $(CURDIR)/$(DEMO_OUT)/guam-round/report.html"
	@echo "Comparison report: $(CURDIR)/$(DEMO_OUT)/compare/report.html"
	@echo "Scorecard report: $(CURDIR)/$(DEMO_OUT)/scorecard/report.html"
	@echo "Program report: $(CURDIR)/$(DEMO_OUT)/program/report.html"

# The performance figures of the README: wall time and peak memory.
bench: build
	@command -v /usr/bin/time >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time >/dev/null; }
	@echo "== Scenarios/guam.yaml, 1,000,000 replicates"
	/usr/bin/time -f "wall %e s, peak %M KB" $(BIN_DIR)/allocsim run Scenarios/guam.yaml --replicates 1000000 --quiet --out /tmp/allocsim-bench-guam
	@echo "== sweep: 1,000 cells x 1,000 replicates of Scenarios/guam.yaml (compare with the 1,000,000-replicate run)"
	rm -rf /tmp/allocsim-bench-sweep /tmp/allocsim-bench-guam /tmp/allocsim-bench-az /tmp/allocsim-bench-compare
	/usr/bin/time -f "wall %e s, peak %M KB" $(BIN_DIR)/allocsim sweep Scenarios/guam.yaml --lhs 1000 --param policy.schoolBufferFeet=500:1500 --replicates 1000 --quiet --out /tmp/allocsim-bench-sweep
	@echo "== Benchmarks/arizona-scale.yaml, 100,000 replicates"
	/usr/bin/time -f "wall %e s, peak %M KB" $(BIN_DIR)/allocsim run Benchmarks/arizona-scale.yaml --replicates 100000 --quiet --out /tmp/allocsim-bench-az
	@echo "== compare: Scenarios/guam.yaml with 5 dispensary certificates, 1,000,000 paired replicates"
	/usr/bin/time -f "wall %e s, peak %M KB" $(BIN_DIR)/allocsim compare Scenarios/guam.yaml --set certificates.dispensary=5 --replicates 1000000 --quiet --out /tmp/allocsim-bench-compare

# The replicate loop against ../shared/perf/guam_kernel.c: CPU time,
# instructions (callgrind) and heap allocations per replicate, in one run.
bench-kernel: build
	@command -v valgrind >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq valgrind >/dev/null; }
	Benchmarks/replicate-bench.sh $(BIN_DIR)/allocsim ../shared/perf/guam_kernel.c

# The variance reduction of common random numbers in `allocsim compare`
# (README, "Comparing policies").
crn: build
	Benchmarks/crn-variance.sh $(BIN_DIR)/allocsim 20000

# The whole test suite (Swift Testing); snapshots are never recorded here.
# pandas and DuckDB in .build-py/, for the test that loads a sweep's tidy
# files in them (TidyLoadTests). Best effort: without PyPI the test is
# skipped, and says so.
pydeps:
	@[ -x .build-py/bin/python ] && .build-py/bin/python -c 'import pandas, duckdb' 2>/dev/null || \
	  { python3 -m venv .build-py && .build-py/bin/pip install -q pandas duckdb; } || \
	  echo "allocsim: pandas/duckdb not installed (no PyPI?); the tidy-file loading test will be skipped"

test: deps
	-@$(MAKE) --no-print-directory pydeps
	SNAPSHOT_TESTING_RECORD=never $(SWIFT) build --build-tests
	SNAPSHOT_TESTING_RECORD=never $(SWIFT) test --skip-build

# The libFuzzer target (Sources/allocsim-fuzz), built with coverage
# instrumentation in its own build folder.
fuzz-build: deps
	$(SWIFT) build -c release --scratch-path .build-fuzz --product allocsim-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DALLOCSIM_LIBFUZZER -Xcc -fsanitize=fuzzer-no-link

# Fuzzes the scenario loader, one round and a 20-replicate batch for
# FUZZ_SECONDS (default 600), seeded from Scenarios/ and the test fixtures.
# A crash is saved under Tests/Fixtures/fuzz/ (crash-*), where an ordinary
# test replays it from then on: commit it with the fix.
fuzz: fuzz-build
	@rm -rf .build-fuzz/corpus && mkdir -p .build-fuzz/corpus Tests/Fixtures/fuzz
	@cp Scenarios/*.yaml Benchmarks/*.yaml Tests/Fixtures/hostile/*.yaml .build-fuzz/corpus/
	@cp Tests/Fixtures/fuzz/* .build-fuzz/corpus/ 2>/dev/null || true
	$(FUZZ_BIN) .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
	  -artifact_prefix=Tests/Fixtures/fuzz/ -print_final_stats=1

# Renders every kind of report (round, batch, sweep, comparison) in
# headless Chromium (installed when missing) to PNG and PDF, checks none is
# blank, and refreshes the README's screenshots. The PDFs go to
# Reports/demo/printed/, outside the report folders (allocsim replaces a
# folder only when it holds nothing but its own outputs).
browser-test: demo
	rm -rf $(DEMO_OUT)/sweep
	$(BIN_DIR)/allocsim sweep Scenarios/guam.yaml --sobol 16 --param policy.schoolBufferFeet=500.0:1500.0 \
	  --param certificates.dispensary=2:6 --replicates 300 --quiet --out $(DEMO_OUT)/sweep
	@mkdir -p $(DEMO_OUT)/printed
	.ci/render-report $(DEMO_OUT)/guam/report.html Reports/demo-report.png $(DEMO_OUT)/printed/guam.pdf
	.ci/render-report $(DEMO_OUT)/guam-round/report.html Reports/round-report.png $(DEMO_OUT)/printed/guam-round.pdf
	.ci/render-report $(DEMO_OUT)/sweep/report.html Reports/sweep-report.png $(DEMO_OUT)/printed/sweep.pdf
	.ci/render-report $(DEMO_OUT)/compare/report.html Reports/compare-report.png $(DEMO_OUT)/printed/compare.pdf
	.ci/render-report $(DEMO_OUT)/scorecard/report.html Reports/scorecard-report.png $(DEMO_OUT)/printed/scorecard.pdf
	.ci/render-report $(DEMO_OUT)/program/report.html Reports/program-report.png $(DEMO_OUT)/printed/program.pdf

# Installs Slurm and munge, starts a one-node cluster on loopback, submits a
# generated sweep script and checks the merged result equals an unsharded run.
slurm-test: build
	ALLOCSIM=$(BIN_DIR)/allocsim .ci/slurm-integration

clean:
	rm -rf .build .build-fuzz $(DEMO_OUT)
