# Entry points. `make test` and `make equivalence` are the two set-up commands of the README.
NODE := node --import tsx
CLI := node bin/ktrdr-train.js

.PHONY: install test equivalence equivalence-full gate-stability quality typecheck lint format coverage properties bench soak

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json

test: install
	$(NODE) bin/test.ts

equivalence: install
	$(CLI) equivalence --profile quick

equivalence-full: install
	$(CLI) equivalence --profile full

# The quick gate GATE_RUNS times (default 5) under load it creates → reports/gate-stability.json
gate-stability: install
	$(NODE) harness/tools/gate-stability.ts

typecheck: install
	npx tsc -p .

lint: install
	npx eslint .

format: install
	npx prettier --write .

quality: typecheck lint
	npx prettier --check .

coverage: install
	npx c8 --reporter=text-summary --reporter=json-summary --report-dir coverage $(NODE) bin/test.ts || true
	$(NODE) harness/tools/coverage-by-folder.ts coverage/coverage-summary.json

properties: install
	KTRDR_PROPERTY_RUNS=1000 $(NODE) bin/test.ts --files tests/property

bench: install
	$(CLI) bench --suite paired --report-dir reports

soak: install
	KTRDR_SOAK=1 $(NODE) bin/test.ts --files tests/integration/host-load.spec.ts
