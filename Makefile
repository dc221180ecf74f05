# Entry points. `make test` and `make equivalence` are the two set-up commands of the README: each installs the
# dependencies (npm ci) and compiles dist/ (make build) when they are missing or out of date.
NODE := node --import tsx
CLI := node bin/ktrdr-train.js
# What dist/ is built from: a change to any of these rebuilds it.
BUILD_INPUTS := $(shell find reference legacy harness strategies -type f) tsconfig.json tsconfig.build.json package.json

.PHONY: install build test equivalence equivalence-full gate-stability quality typecheck lint format coverage properties bench soak oracle-deps oracle-properties oracle-indicator-table mutation

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json

dist/.build-stamp: node_modules/.package-lock.json $(BUILD_INPUTS)
	$(NODE) harness/tools/build.ts

build: dist/.build-stamp

test: build
	$(NODE) bin/test.ts

equivalence: build
	$(CLI) equivalence --profile quick

equivalence-full: build
	$(CLI) equivalence --profile full

# The quick gate GATE_RUNS times (default 5) under load it creates → reports/gate-stability.json
gate-stability: build
	$(NODE) harness/tools/gate-stability.ts

typecheck: install
	npx tsc -p .

lint: install
	npx eslint .

format: install
	npx prettier --write .

quality: typecheck lint
	npx prettier --check .

coverage: build
	npx c8 --reporter=text-summary --reporter=json-summary --report-dir coverage $(NODE) bin/test.ts || true
	$(NODE) harness/tools/coverage-by-folder.ts coverage/coverage-summary.json

properties: install
	KTRDR_PROPERTY_RUNS=1000 $(NODE) bin/test.ts --files tests/property

bench: build
	$(CLI) bench --suite paired --report-dir reports

soak: install
	KTRDR_SOAK=1 $(NODE) bin/test.ts --files tests/integration/host-load.spec.ts

# Debian packages for harness/oracle (KTRDR's own code as the path ktrdr_py; run by /usr/bin/python3).
ORACLE_DEBS := python3-pandas python3-numpy python3-torch python3-yaml python3-pydantic python3-sklearn \
	python3-dotenv python3-tomli python3-httpx python3-aiohttp python3-psutil

oracle-deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(ORACLE_DEBS)

# Properties against KTRDR's own code (tests/property/oracle-*.spec.ts): skipped, and counted so, without a
# checkout. The checkout: KTRDR_SRC, else /work/ktrdr-1e0933c5.
oracle-properties: install
	KTRDR_ORACLE_PROPERTIES=1 $(NODE) bin/test.ts --files tests/property/oracle-stages.spec.ts,tests/property/oracle-indicator-classes.spec.ts

# Every registry indicator type against KTRDR's own class (harness/tools/oracle-indicator-table.ts): the per-type
# max |diff| of local_new and local_old → reports/oracle-indicator-table.{md,json}; exit 2 without a checkout.
oracle-indicator-table: install
	$(NODE) harness/tools/oracle-indicator-table.ts

# The mutation sweep of the gate (harness/mutation, docs/testing-guide.md "Mutation sweep"): every mutant of the stage
# code of indicators, fuzzy, features, labels and the split → reports/mutation.{json,html}. A sample:
# `make mutation MUTATION_ARGS='--max 100 --seed 7'`.
MUTATION_FILES := 'reference/indicators/**/*.ts' 'reference/fuzzy/**/*.ts' 'reference/features/**/*.ts' \
	'reference/labels/**/*.ts' reference/pipeline/split.ts
MUTATION_ARGS ?=

mutation: build
	$(CLI) mutate --files $(MUTATION_FILES) $(MUTATION_ARGS)
