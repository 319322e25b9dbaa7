# Parents as Safeguarding Partners practice guide.
# `make help` lists the targets. Every target sets up .venv by itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
# Material's notice about MkDocs 2 on every build: the README says where the project stands
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup system serve site check schema lint test test-js test-fast verify-sources bench lighthouse search-eval lint-eval constraints clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned Python packages into $(VENV) (a few minutes the first time, seconds after)..."
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The checking tools from npm (package.json, pinned in package-lock.json): the W3C Nu HTML checker, Lighthouse
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@echo "Installing the pinned npm packages into node_modules (the HTML checker, Lighthouse)..."
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

setup: $(STAMP) ## Create or update .venv with the pinned packages, and node_modules with the checking tools
	@sh .ci/system-deps.sh --check-or-install
	@$(MAKE) --no-print-directory $(NODE_STAMP)

system: ## Install the system packages (Pango for PDFs, Chromium for browser tests, LibreOffice Calc for the xlsx print test)
	sh .ci/system-deps.sh --install

serve: setup ## Build the site and serve it at http://127.0.0.1:8000, rebuilding on change
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

site: setup ## Build the site into site/ (the previous site stays if the build fails)
	@# no --quiet: every warning that fails the strict build is printed with its cause. The build
	@# goes into site.next and replaces site/ only when it has succeeded (macros/adapter/plugin.py).
	$(BIN)/mkdocs build --strict || { echo "The build failed (the problems are listed above); site/ is unchanged." >&2; exit 1; }
	@echo "Built site/. Its pages link to folders (about/, not about/index.html), so view it served: cd site && ../$(BIN)/python -m http.server, or run 'make serve'"

check: setup ## Validate standards/ and lint the text, without building
	$(BIN)/python -m macros check

FILES ?= docs
lint: setup ## Check files for phrases that blame parents: make lint FILES="report.docx notes.txt"
	$(BIN)/python -m macros lint $(FILES)

schema: setup ## Regenerate the JSON Schema for editors in standards/schema/ from macros/schema.py
	$(BIN)/python -m macros schema

test: setup test-js ## Run every test: the page scripts' logic, data, fragments, built site, PDFs, xlsx and browser (about 10 min on an idle 2-core machine)
	$(BIN)/python -m pytest -m "not sources"

test-js: ## Run the browser code's logic tests (tests/js/) with Node's own test runner
	node --test --test-reporter=spec tests/js/*.test.mjs

test-fast: setup ## Run the tests that need no browser
	$(BIN)/python -m pytest -m "not browser and not sources"

SOURCES ?= ../shared/sources
verify-sources: setup ## Check quotes and the sources' words against the source documents: make verify-sources SOURCES=DIR
	PG_SOURCES="$(SOURCES)" $(BIN)/python -m pytest -m sources tests/test_content.py

BENCH ?=
lint-eval: setup ## How well the language checker does on tests/language/corpus.txt: precision and recall, overall and per entry
	$(BIN)/python tests/language/evaluate.py

search-eval: site ## How well search answers tests/search/queries.yml (hit@1, hit@3, MRR by kind): Pagefind alone, then the site's search box
	$(BIN)/python tests/search_eval.py --engine pagefind --show 0
	$(BIN)/python tests/search_eval.py --engine site

bench: setup ## Measure build, serve and page weight; prints a table, writes bench/results/bench.json (BENCH=--quick: 2 min)
	$(BIN)/python bench/run.py $(BENCH)

LIGHTHOUSE ?=
lighthouse: site ## Lighthouse (mobile, 3 runs a page) on each kind of page of site/, served with gzip (LIGHTHOUSE="--runs 1")
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/python bench/lighthouse.py --site site $(LIGHTHOUSE)

constraints: ## Re-pin every transitive package after changing requirements.txt
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install --quiet -r requirements.txt
	.venv-pin/bin/python -m pip freeze --exclude-editable | grep -v '^pip==' > constraints.txt
	rm -rf .venv-pin

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .site-new .site-old .pytest_cache build *.egg-info .cache
