# Remix: `make run` serves the platform, `make test` runs every check. Nothing else to install.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-sqlite test-postgres test-dated test-fuzz lint bench messages clean

# Compiled modules are kept (in the gitignored __pycache__/), even where the environment says not
# to write them: the three test runs and the `remix` subprocesses of the tests then compile the
# code and rewrite the tests' asserts once instead of each time (pytest's collection: 17 s of CPU
# uncached, 7.5 s cached).
unexport PYTHONDONTWRITEBYTECODE

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-test
	touch $@

$(VENV)/.installed-test: requirements/test.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.lock
	touch $@

## make run: install, migrate, load the demo network on an empty database, serve on :8000
run: $(VENV)/.installed
	$(BIN)/remix migrate --noinput
	$(BIN)/remix demo --if-empty
	$(BIN)/remix serve

## make test: lint, the whole suite on SQLite and on a throwaway PostgreSQL (today), then the
## date-sensitive tests again under a clock set to each chosen day (conftest.py: DATED_MOMENTS)
## The three runs share two cores: PostgreSQL's and SQLite's first, the dated one as soon as either
## ends; each run's output is printed whole when it ends, its fifteen slowest steps last (pytest's
## cache left out: no shared file).
test: $(VENV)/.installed-test lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-postgres test-sqlite test-dated \
		PYTEST_ARGS="-p no:cacheprovider --durations=15 $(PYTEST_ARGS)"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: $(VENV)/.installed-test
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-test
	@echo "== Test suite on PostgreSQL"
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest $(PYTEST_ARGS)

test-dated: $(VENV)/.installed-test
	@echo "== Date-sensitive tests on chosen days (SQLite)"
	env -u DATABASE_URL $(BIN)/pytest --dated $(PYTEST_ARGS)

## make test-fuzz: only the API fuzzing (Schemathesis, part of the runs above), on SQLite and PostgreSQL
test-fuzz: $(VENV)/.installed-test
	$(MAKE) --no-print-directory test-sqlite test-postgres PYTEST_ARGS="-p no:cacheprovider -m fuzz $(PYTEST_ARGS)"

## make bench: every benchmark at the large scale on SQLite, then on a throwaway PostgreSQL, then
## one table of their results (bench/README.md); not part of the tests. SCALE=small for a quick run,
## BENCH_ARGS for more options (e.g. "--rounds 10"). Results in bench/results/; the generated data
## is made once per database and kept in bench/.data/ while the code is unchanged.
SCALE ?= large
BENCH_ARGS ?=
bench: $(VENV)/.installed-test
	@since=$$(date -u +%Y-%m-%dT%H:%M:%S); \
	echo "== Benchmarks on SQLite, scale $(SCALE)"; \
	env -u DATABASE_URL $(BIN)/python bench/run.py all --scale $(SCALE) $(BENCH_ARGS); sqlite=$$?; \
	echo "== Benchmarks on PostgreSQL, scale $(SCALE)"; \
	$(BIN)/python scripts/with_postgres.py -- \
		$(BIN)/python bench/run.py all --scale $(SCALE) $(BENCH_ARGS); postgres=$$?; \
	echo; $(BIN)/python bench/table.py --scale $(SCALE) --since $$since; \
	test $$sqlite -eq 0 -a $$postgres -eq 0

## make messages: refresh the French and Spanish catalogues from the code, then compile them
messages: $(VENV)/.installed
	cd remix && ../$(BIN)/python -m django makemessages -l fr -l es -i "locale/*" --no-obsolete --settings=remix.settings
	$(BIN)/python -m babel.messages.frontend compile -d remix/locale -D django --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
