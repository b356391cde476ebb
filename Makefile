# One entry point. `make book` builds the site, `make test` runs every test
# (unit tests, nbval re-execution of every chapter, and a full warning-free
# book build, on every core). Both set up .venv on first use from requirements.txt.
#
# DATA_DIR     data folder (default: the repository's data/, where the data travel with the book)
# BOOK_JOBS    processes that build the chapters at once (default: the cores plus one, at most 6;
#              the results computed before them use at most the cores)
# DATA_VERIFY  strict (default) | warn: proceed past checksum mismatches
#
# make tables AUTHORITY="North East"          the paper's tables for a 2025 combined authority
# make tables DISTRICTS=E08000021,E08000037   ... or for a list of districts
#   (LOOKUP_YEAR=2023|2024|2025 picks the membership, OUT=DIR the folder)
# make fetch YEAR=2018 [STATUS=employees]      BRES districts from the Nomis API (NOMIS_API) into DATA_DIR/nomis
# make check-official [IDS="id id"]            the shipped copies against the official source, cell by cell

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JB     := $(BIN)/jupyter-book
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test tables figures verify notebooks bench clean help fetch check-official browser

help:
	@echo "make book | test | tables | figures | verify | notebooks | bench | clean | fetch YEAR=... | check-official"

# The pins are a Python 3.11 environment's: an older Python stops here with a
# plain message rather than halfway through pip; a newer one is tried, with a note.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
	  sys.exit("make: Python 3.11 is needed (PYTHON=$(PYTHON) is %d.%d); set PYTHON=python3.11" % v) if v < (3, 11) else \
	  v != (3, 11) and print("make: the pins are tested on Python 3.11; trying %d.%d" % v, file=sys.stderr)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

verify: $(STAMP)
	$(BIN)/python -m placeblind verify

# The data verified, then at once: the book's results computed in one process per
# core (at most BOOK_JOBS; placeblind/publishing/prepare.py, skipped when they are on
# disk) and Jupyter Book's build (jupyter-book build -W --keep-going), with Sphinx
# reading, and so executing, the chapters in BOOK_JOBS processes (default: the cores
# plus one, at most 6), a chapter waiting for any result not computed yet;
# placeblind/publishing/book_build.py says why it is not the jupyter-book command
# itself. BOOK_JOBS=1 builds one chapter at a time.
book: $(STAMP)
	$(BIN)/python -m placeblind build

# The browser tests read the built site in Debian's Chromium (driven by the
# pinned playwright package, never its own browser download); install it when
# the machine lacks it (CI runs as root with Debian's registry reachable).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

# Every core: the test modules, the chapter notebooks (nbval: each notebook's cells
# in order in one worker) and the tests that read the built site (one unit) are
# shared out among the workers, the site's unit first (tests/conftest.py).
# TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= logical
test: $(STAMP) browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder \
	  tests chapters --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

TABLES_ARGS := $(if $(AUTHORITY),--authority "$(AUTHORITY)") $(if $(DISTRICTS),--districts "$(DISTRICTS)") \
               $(if $(LOOKUP_YEAR),--lookup-year $(LOOKUP_YEAR)) $(if $(OUT),--out "$(OUT)")

tables: verify
	$(BIN)/python -m placeblind tables $(TABLES_ARGS)

figures: verify
	$(BIN)/python -m placeblind figures

fetch: $(STAMP)
	$(BIN)/python -m placeblind fetch bres-districts --year $(YEAR) $(if $(STATUS),--status $(STATUS))

check-official: $(STAMP)
	$(BIN)/python -m placeblind check-official $(IDS)

notebooks: $(STAMP)
	$(BIN)/python tools/notebooks.py sync

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf _build
