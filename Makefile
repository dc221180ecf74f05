# Entry points. `make test` and `make equivalence` are the two set-up commands of the README: each installs the
# dependencies (npm ci) and compiles dist/ (make build) when they are missing or out of date.
NODE := node --import tsx
CLI := node bin/ktrdr-train.js
# What dist/ is built from: a change to any of these rebuilds it.
BUILD_INPUTS := $(shell find reference legacy harness strategies -type f) tsconfig.json tsconfig.build.json package.json

.PHONY: install build test equivalence equivalence-full quality typecheck lint format coverage properties bench soak

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
