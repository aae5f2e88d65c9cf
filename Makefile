# The two commands of the README: `make serve` and `make test`. Both set up .venv from
# requirements.lock first, with nothing but Python 3.11, make and git on the machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
# Zensical (Material's successor) has a venv of its own, so .venv stays as requirements.lock says.
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed-$(shell cksum < requirements-zensical.lock | cut -d' ' -f1)
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv serve build check test test-fast bench dist edition manifest reference zensical clean

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

$(ZSTAMP): requirements-zensical.lock
	test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	rm -f $(ZVENV)/.installed-* && touch $@

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000; rebuild and reload on change
	$(BIN)/python -m atlas serve --port 8000

build: $(STAMP)  ## write the static site to site/ (the last good site stays if anything fails)
	$(BIN)/python -m atlas build

check: $(STAMP)  ## check every record: schema, ids, relations, quotes against the sources
	$(BIN)/python -m atlas check

# The tests run in TEST_JOBS processes (pytest-xdist); the built sites are shared by them.
TEST_JOBS ?= auto
PYTEST    := $(BIN)/python -m pytest -n $(TEST_JOBS)

test: $(STAMP)   ## lint, then every test, browser tests included
	$(BIN)/ruff check scripts tests
	$(PYTEST)

test-fast: $(STAMP)  ## the editor's quick loop: lint and every test but the browser's
	$(BIN)/ruff check scripts tests
	$(PYTEST) -m "not browser" -q

dist: build  ## the built site as dist/innovation-hub-atlas-<edition>.tar.gz and .zip
	$(BIN)/python -m atlas dist

bench: $(STAMP)  ## measure build time, page weight, search payload and latency at 1×, 10×, 100× → docs/benchmark.md
	$(BIN)/python -m atlas.bench

edition: $(STAMP)  ## record the current data as edition VERSION (make edition VERSION=1.1)
	@test -n "$(VERSION)" || { echo "make edition VERSION=x.y"; exit 2; }
	$(BIN)/python -m atlas edition $(VERSION)

manifest: build  ## add the addresses the new build publishes to data/published-urls.txt
	$(BIN)/python -m atlas manifest

reference: $(STAMP)  ## regenerate the README's record-model reference
	$(BIN)/python -m atlas reference --write

zensical: $(STAMP) $(ZSTAMP)  ## build the generated pages with Zensical into build/zensical/<lang>/ (not site/) → docs/zensical.md
	$(BIN)/python -m atlas.zensical_build

clean:
	rm -rf build site site.old .site-staging-* dist
