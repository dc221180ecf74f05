# Entry points. `make test` and `make equivalence` are the two set-up commands of the README.
NODE := node --import tsx
CLI := node bin/ktrdr-train.js

.PHONY: install test equivalence equivalence-full gate-stability quality typecheck lint format coverage properties bench soak oracle-deps oracle-properties oracle-indicator-table

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
