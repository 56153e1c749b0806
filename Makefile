# Kafka Error Index. `make site` builds site/, `make test` runs every test; both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint lint-changed check-generated serve bench audit coverage refresh lock clean extract

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

site: $(STAMP)  ## lint, generate and build site/ (mkdocs build --strict)
	$(BIN)/python -m generator build

test: $(STAMP)  ## the whole test suite, including a strict build and the browser tests
	$(BIN)/python -m pytest

lint: $(STAMP)  ## check every record
	$(BIN)/python -m generator lint

BASE ?= origin/main
lint-changed: $(STAMP)  ## report only records changed against $(BASE) (annotations on GitHub Actions)
	$(BIN)/python -m generator lint --changed $(BASE)

check-generated: $(STAMP)  ## fail if a generated file kept in git is stale (regenerate-then-compare)
	$(BIN)/python -m generator refresh --check

serve: $(STAMP)  ## preview on http://127.0.0.1:8000 with live reload of records and templates
	$(BIN)/python -m generator generate
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --livereload --dirty --no-strict  # preview; builds stay strict

coverage: $(STAMP)
	$(BIN)/python -m generator coverage

bench: $(STAMP)  ## speed and size benchmarks (not part of make test)
	$(BIN)/python -m benchmarks

# package.json pins the two dependencies Lighthouse asks for as "latest" (overrides), so `npm ci` keeps matching the lock.
node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund

audit: site node_modules/.package-lock.json  ## Lighthouse (mobile) on four pages, served gzip-compressed (not part of make test)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python -m benchmarks.audit

refresh: $(STAMP)  ## rewrite generated files kept in git (CONTRIBUTING rule table, data/published.txt)
	$(BIN)/python -m generator refresh

KAFKA_RELEASE ?= 4.1.1
extract:  ## re-extract the Kafka source tables: make extract KAFKA_SRC=<source tree at the tag> KAFKA_COMMIT=<sha>
	@test -n "$(KAFKA_SRC)" -a -n "$(KAFKA_COMMIT)" || { echo "usage: make extract KAFKA_SRC=<tree> KAFKA_COMMIT=<sha> [KAFKA_RELEASE=4.1.1]"; exit 2; }
	@test -x .venv-extract/bin/python || $(PYTHON) -m venv .venv-extract
	.venv-extract/bin/python -m pip install --quiet --disable-pip-version-check -r scripts/requirements-extract.txt
	.venv-extract/bin/python scripts/extract_kafka_source.py $(KAFKA_SRC) --version $(KAFKA_RELEASE) --commit $(KAFKA_COMMIT) --out data/facts
	cd data/facts && sha256sum *.tsv > SHA256SUMS

lock:  ## re-resolve requirements.in into requirements.lock (needs the network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned dependency lock for Kafka Error Index (Python 3.11+)."; \
	  echo "# Generated from requirements.in by 'make lock'; do not edit by hand."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site docs .site.* .pytest_cache
