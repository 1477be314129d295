# The brief and its extension. `make html` and `make test` set everything up from the lock.
# Select another interpreter with `make PYTHON=python3.13 test` (it gets its own .venv-3.13).

PYTHON      ?= python3
# An interpreter that pyenv has but does not put on PATH (python3.13 when the global
# version is 3.11) is found in pyenv's versions folder.
PYTHON_BIN  := $(shell $(PYTHON) -c 'import sys; print(sys.executable)' 2>/dev/null || \
                 ls -d "$$(pyenv root 2>/dev/null)"/versions/*/bin/$(PYTHON) 2>/dev/null | tail -n 1)
PYVER       := $(shell $(PYTHON_BIN) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PYVER),)
$(error $(PYTHON) was not found; install Python >= 3.11 or pass PYTHON=...)
endif
DEFAULTVER  := $(shell python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV        ?= $(if $(filter $(PYVER),$(DEFAULTVER)),.venv,.venv-$(PYVER))
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXOPTS  ?= -W --keep-going -n
SPHINXBUILD := $(BIN)/sphinx-build
SOURCEDIR   := docs
BUILDDIR    := _build
PYTEST_ARGS ?=
# make review BASE=<git ref>: what a change does to the rendered brief (a Markdown report).
BASE        ?=
REVIEW_OUT  ?= $(BUILDDIR)/review.md
# More options of the review (see python -m tools.review --help): --pr, --preview-url,
# --data-out (the report's data, which CI's comment job renders), --comment-out,
# --full-report-url.
REVIEW_ARGS ?=
SOURCES_OUT ?= $(BUILDDIR)/sources-report.md
# make livehtml: the port of the preview server (on 127.0.0.1).
LIVE_PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: check help venv html dirhtml latex latexpdf epub text linkcheck test lint typecheck lock dist clean distclean audit audit-deps test-deps review sources-report sentences livehtml bench bench-quick

help:
	@echo "make html      build the website into $(BUILDDIR)/html"
	@echo "make latexpdf  build the printable brief into $(BUILDDIR)/latex"
	@echo "make epub      build the ePub into $(BUILDDIR)/epub"
	@echo "make latex     write the LaTeX sources only"
	@echo "make text      build plain text into $(BUILDDIR)/text"
	@echo "make check     build every format into a temporary folder and check it (sphinx-brief check)"
	@echo "make test      run the test suite (installs its npm tools from their lockfiles first)"
	@echo "make bench     time the builds (brief, citation corpus, timeline at scale) into bench/RESULTS.md"
	@echo "make bench-quick  the same at tiny sizes (a smoke run, about a minute)"
	@echo "make review BASE=<ref>  report what the working tree changes against <ref>"
	@echo "              (rendered text, sources, events, quotations, new warnings) into $(REVIEW_OUT)"
	@echo "make sources-report  what the brief states without a source, into $(SOURCES_OUT)"
	@echo "make sentences check that each line of docs/ holds one sentence"
	@echo "make livehtml  preview on http://127.0.0.1:$(LIVE_PORT)/, rebuilt on every edit"
	@echo "make audit     Lighthouse scores of every page of the site (needs chromium, node)"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make typecheck mypy --strict on the extension"
	@echo "make lock      re-resolve requirements.lock (needs network)"
	@echo "make dist      build the wheel and the sdist of sphinx_brief into dist/"
	@echo "make clean     remove $(BUILDDIR)"
	@echo "make distclean remove $(BUILDDIR) and the virtual environments"

# The environment is rebuilt whenever the lock or the project metadata change.
$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON_BIN) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary=:all: -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP)

# Every format of the brief built into a temporary folder and checked (sphinx-brief check).
check: $(STAMP) $(VALIDATOR_MODULES)
	$(BIN)/sphinx-brief check $(SOURCEDIR) --node-modules tools/validators/node_modules

html dirhtml latex latexpdf epub text linkcheck: $(STAMP)
	$(SPHINXBUILD) -M $@ $(SOURCEDIR) $(BUILDDIR) $(SPHINXOPTS)

# The tests also run npm tools (Lighthouse; Ace and vnu.jar): installed here from their
# committed lockfiles, as .venv is from requirements.lock.
test: $(STAMP) test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks: whole sphinx-build processes in temporary folders, interleaved, medians.
# BENCH_QUICK=1 (or make bench-quick) shrinks every size; see bench/run.py --help.
bench: $(STAMP)
	$(BIN)/python bench/run.py --verbose $(BENCH_ARGS)

bench-quick: $(STAMP)
	BENCH_QUICK=1 $(BIN)/python bench/run.py --verbose --output $(BUILDDIR)/bench-quick.md $(BENCH_ARGS)

# npm tools from their committed lockfiles (tools/*/package-lock.json): `npm ci
# --ignore-scripts`, so no install script runs and no browser is downloaded (the tests use
# Debian's chromium).  Reinstalled when a lockfile changes.  Without npm nothing is
# installed: the tests that need these tools skip, and fail under CI=true.
NPM_CI = if command -v npm >/dev/null 2>&1; then \
	    npm ci --prefix $(1) --no-audit --no-fund --ignore-scripts && touch $@; \
	  else echo "npm not found: $(1) not installed (its tests will skip)" >&2; fi

# Lighthouse for make audit and the audit tests.
AUDIT_MODULES := tools/audit/node_modules/.package-lock.json
$(AUDIT_MODULES): tools/audit/package-lock.json
	@$(call NPM_CI,tools/audit)

# The outputs' validators: Ace by DAISY (ePub accessibility) and the Nu Html Checker.
VALIDATOR_MODULES := tools/validators/node_modules/.package-lock.json
$(VALIDATOR_MODULES): tools/validators/package-lock.json
	@$(call NPM_CI,tools/validators)

audit-deps: $(AUDIT_MODULES)

test-deps: $(AUDIT_MODULES) $(VALIDATOR_MODULES)

audit: html $(AUDIT_MODULES)
	$(BIN)/python tools/audit.py $(BUILDDIR)/html

# Builds BASE in a temporary git worktree and the working tree (text and html builders),
# then writes one Markdown report for the pull request: see tools/review/.
review: $(STAMP)
	@test -n "$(BASE)" || { echo "usage: make review BASE=<git ref> [REVIEW_OUT=$(BUILDDIR)/review.md]" >&2; exit 2; }
	$(BIN)/python -m tools.review --base "$(BASE)" --out "$(REVIEW_OUT)" --docs $(SOURCEDIR) --sphinxopts "$(SPHINXOPTS)" $(REVIEW_ARGS)

# Paragraphs without a note, records without a source, uncited entries, dates after a
# source's: fails when something is neither sourced nor explained on its page.
sources-report: $(STAMP)
	$(BIN)/python -m tools.review --sources-report --out "$(SOURCES_OUT)" --docs $(SOURCEDIR) --sphinxopts "$(SPHINXOPTS)"
	@cat "$(SOURCES_OUT)"

sentences: $(STAMP)
	$(BIN)/python -m tools.review.sentences $(SOURCEDIR)/*.md

# sphinx-autobuild: rebuilds on every change in docs/ or ext/.  An edit of the extension's
# code must re-read every page, so the saved environment is dropped first when a .py file
# in ext/ is newer than it.
LIVE_ENV := $(BUILDDIR)/doctrees/environment.pickle
livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild $(SOURCEDIR) $(BUILDDIR)/html -d $(BUILDDIR)/doctrees \
	  --host 127.0.0.1 --port $(LIVE_PORT) --watch ext --re-ignore '/__pycache__/' \
	  --pre-build 'sh -c "find ext -name \"*.py\" -newer $(LIVE_ENV) 2>/dev/null | grep -q . && rm -f $(LIVE_ENV); true"' \
	  $(SPHINXOPTS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Resolves for every supported Python at once (environment markers), with hashes.
lock:
	$(PYTHON_BIN) -m pip install --quiet --target $(BUILDDIR)/uv uv
	PYTHONPATH=$(BUILDDIR)/uv $(PYTHON_BIN) -m uv pip compile pyproject.toml requirements.in \
	  --extra site --extra test --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-header -o requirements.lock

# The wheel and the sdist, with the build back-end of the lock (no download).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf .venv .venv-* dist build
