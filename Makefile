# The two commands: `make serve` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB := newsclaims.db
HOST := 127.0.0.1
PORT := 8001

.PHONY: serve db test test-fast check install browser bench clean

# Install the project and its test tools; redone when pyproject.toml changes.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(INSTALLED)

# (Re)build the database from the seed articles; unchanged articles are skipped.
db: $(INSTALLED)
	$(BIN)/newsclaims build seeds --db $(DB)

# Serve on 127.0.0.1, read-only; a later build shows up as soon as it commits.
# The default database is (re)built from the seeds first; DB=yours.db (several: DB="a.db b.db") is served as it is.
serve: $(INSTALLED) $(if $(filter newsclaims.db,$(DB)),db)
	$(BIN)/newsclaims serve $(DB) --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium, headless; installed once with apt-get.
browser:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Lint and type check (rules in pyproject.toml): a few seconds, before either suite.
check: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy build/newsclaims plugins

test: check browser
	$(BIN)/pytest

# The suite less its slow and browser tests (see the markers in pyproject.toml): seconds, for the edit-test loop.
test-fast: check
	$(BIN)/pytest -m "not slow and not browser"

# Build and serving benchmarks at scale; rewrites bench/RESULTS.md (takes several minutes).
# REAL=DIR also builds a folder of real articles, e.g. PolNeAR's train compartment exported by ../shared/dev/polnear.py.
bench: $(INSTALLED)
	$(BIN)/python bench/run.py $(if $(REAL),--real $(REAL))

clean:
	rm -rf $(VENV) $(DB) $(DB).inspect.json .pytest_cache
