# The two commands: `make build` and `make test` (`make test-fast` while working). All create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test test-fast lint bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

build: $(VENV)/.installed
	$(BIN)/coursegen build .

# Independent checkers the tests run (gift-pegjs, scorm-again, axe-core, vnu-jar), pinned by the lockfile.
tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/js --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; fi

test: $(VENV)/.installed-dev tests/js/node_modules/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -W error -n 2 --dist loadfile

# Everything but the tests marked slow (shipped-course renders, LibreOffice, Chromium, the PDF/UA
# and vnu checkers, killed builds): for the edit-test loop. `make test` still runs them all.
test-fast: $(VENV)/.installed-dev tests/js/node_modules/.installed
	$(BIN)/python -m pytest -W error -m "not slow" -n 2 --dist loadfile

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench

bench: $(VENV)/.installed-dev
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf build

# Interface strings: extract every wrapped string from the code and templates into the POT,
# then merge it into each language's catalog (new strings arrive untranslated, changed ones
# fuzzy). Translate the .po files; they are compiled in memory when coursegen runs.
LOCALE := src/coursegen/i18n/locale
messages: $(VENV)/.installed-dev
	$(BIN)/pybabel -q extract -F src/coursegen/i18n/babel.cfg -k N_ -c "Translators:" \
	  --sort-by-file --project coursegen --copyright-holder "coursegen contributors" \
	  -o $(LOCALE)/coursegen.pot src/coursegen
	$(BIN)/pybabel update -i $(LOCALE)/coursegen.pot -d $(LOCALE) -D coursegen --no-fuzzy-matching
