# lexsearch — the two commands a new user needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/lexsearch
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
FUZZTIME ?= 30s
# Corpus sizes `make bench` measures; BENCH_DOCS=2000 is a quick run.
BENCH_DOCS ?= 10000,100000
BENCH_FLAGS ?=

.PHONY: build run test lint vet bench fuzz golden clean loadtest

build:
	$(GO) build -o $(BIN) ./cmd/lexsearch

# Build, index the embedded corpus into $(DATA) if it has no index yet, serve.
run: build
	./$(BIN) serve -addr $(ADDR) -data $(DATA)

# What CI runs: formatting, vet, then every test with the race detector.
test: lint
	$(GO) test -race -count=1 ./...

lint: vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags loadtest ./cmd/lexsearch

# Speed and memory live here, never in unit tests: the machines are shared.
# The Go benchmarks, then lexbench: ingest, index size, memory, ready time
# and query latency over HTTP at BENCH_DOCS documents, beside raw bleve,
# written to BENCHMARKS.md (BENCH_FLAGS=-profile adds the top CPU costs).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./...
	$(GO) run ./cmd/lexbench -docs $(BENCH_DOCS) -bin $(BIN) $(BENCH_FLAGS)

# Loopback only, bounded in time and count: LOADTEST_CLIENTS clients search
# for LOADTEST_DURATION while LOADTEST_DOCS generated documents go through a
# real server's POST /documents (none sent after LOADTEST_MAX_TIME); prints
# requests, 5xx, 429s, p50/p99, peak RSS and documents lost. Takes both
# cores for the duration.
LOADTEST_CLIENTS  ?= 32
LOADTEST_DURATION ?= 60s
LOADTEST_DOCS     ?= 5000
LOADTEST_MAX_TIME ?= 10m
loadtest: build
	LOADTEST_BIN=$(CURDIR)/$(BIN) LOADTEST_CLIENTS=$(LOADTEST_CLIENTS) LOADTEST_DURATION=$(LOADTEST_DURATION) \
	LOADTEST_DOCS=$(LOADTEST_DOCS) LOADTEST_MAX_TIME=$(LOADTEST_MAX_TIME) $(GO) test -tags loadtest -run '^TestLoad$$' -count=1 -v -timeout 20m ./cmd/lexsearch

# Each fuzz target for $(FUZZTIME); new crashers land in testdata/fuzz/.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Rewrite golden files; review `git diff` afterwards.
golden:
	$(GO) test ./... -update

clean:
	rm -rf bin $(DATA)
