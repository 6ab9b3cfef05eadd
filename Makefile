# Two commands on a fresh machine: `make run` starts the app, `make test` runs the tests.
# Each creates (or reuses) the virtual environment in .venv from the requirements files.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
AXE := node_modules/axe-core/axe.min.js
# make run STORY=path/to/story.yaml PORT=8502: the story the app opens (STORYMAP_STORY) and
# its port (Streamlit's own STREAMLIT_SERVER_PORT works too)
STORY ?=
PORT ?=

.PHONY: run test test-fast jstest lint bench loadtest loadcurve schema clean gazetteer

# axe-core (the accessibility checks of the browser tests), from the npm registry, pinned by
# package-lock.json, into node_modules/ of the project; installed when missing or out of date.
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm (the accessibility tests need axe-core)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

# The offline gazetteer's index (~/.cache/storymap, or $STORYMAP_GAZETTEER_DIR), built once
# ahead of the first map; a second run only finds it.
gazetteer: $(STAMP)
	$(PY) -m storymap gazetteer --build

run: gazetteer
	$(if $(STORY),STORYMAP_STORY="$(STORY)" )$(VENV)/bin/streamlit run streamlit_app.py$(if $(PORT), --server.port=$(PORT))

test: gazetteer $(AXE)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@command -v node >/dev/null || { echo "node is missing: apt-get install nodejs (the reader's JS tests need it)"; exit 1; }
	node --test tests/js/
	$(PY) -m pytest

# The inner loop: unit tests and AppTest, without the browser tests and the slow end-to-end
# runs (the wheel, the README's commands, make run), on every core (pytest-xdist).
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow" -n auto -q -p no:cacheprovider

jstest:
	node --test tests/js/

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: gazetteer
	$(PY) benchmarks/bench_geocoding.py
	$(PY) benchmarks/bench_reader.py
	$(PY) benchmarks/bench_picture.py
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_draft.py
	$(PY) benchmarks/bench_draft_sizes.py
	$(PY) benchmarks/bench_hostile_sessions.py
	$(PY) benchmarks/bench_author.py

# 20 browser sessions (half reading, half editing on /author) for a minute; not part of `make test`
loadtest: $(STAMP)
	$(PY) benchmarks/loadtest.py

# readers (50, 100, 200, 400) + 20 authors spoken to at the protocol level from one process,
# a fresh server per level: step echo and edit latency, errors, the server's CPU and memory
loadcurve: $(STAMP)
	$(PY) benchmarks/loadcurve.py

schema: $(STAMP)
	$(PY) -m storymap schema -o geodata/story.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts node_modules
