# Two commands: `make run` (set up + serve the demo) and `make test` (set up + run the suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) site/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
BROWSER_DIR := tests/browser
BROWSER_STAMP := $(BROWSER_DIR)/node_modules/.installed

.PHONY: install browser-deps run demo test lint check-migrations bench clean

$(STAMP): pyproject.toml $(wildcard plugins/*/pyproject.toml)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[test]'
	for plugin in plugins/*/; do \
		if [ -f "$$plugin/pyproject.toml" ]; then $(PY) -m pip install --quiet -e "$$plugin" || exit 1; fi; \
	done
	touch $(STAMP)

install: $(STAMP)

# axe-core for the browser tests (tests/browser), pinned in its package-lock.json. Without npm, or
# without Debian's /usr/bin/chromium (which .ci/run installs), those tests are skipped.
$(BROWSER_STAMP): $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	npm ci --prefix $(BROWSER_DIR) --no-audit --no-fund
	touch $(BROWSER_STAMP)

browser-deps:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(BROWSER_STAMP); \
	else \
		echo "npm not found: the browser tests (tests/browser) will be skipped"; \
	fi

demo: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --port $(PORT)

# runserver, with the background worker and the scheduler beside it (site/operations/devserver.py):
# scheduled pages go live on time, vocabulary changes are re-indexed. Ctrl-C stops all three.
run: demo
	@echo "政协网站群已启动：http://$(HOST):$(PORT)/ （各区县站点见上方列表，Ctrl-C 停止）"
	@$(PY) site/operations/devserver.py $(HOST):$(PORT)

test: install browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# The Elasticsearch tests. The contract tests (the exact index mapping, bulk and query bodies,
# checked without a server) always run; the tests against a real cluster need ELASTICSEARCH_URL
# (e.g. `ELASTICSEARCH_URL=http://127.0.0.1:9200 make test-es` with the compose file's
# Elasticsearch 8 up) and are skipped, with the reason, without it.
.PHONY: test-es
test-es: install
	$(PY) -m pytest tests/search/test_elastic_contract.py tests/search/test_elasticsearch.py \
		tests/core/test_services.py::test_news_is_indexed_and_found_in_elasticsearch $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check site tests plugins benchmarks
	$(VENV)/bin/ruff format --check site tests plugins benchmarks
	PYTHONPATH=site $(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# After editing the project's translations (site/cppcc/locale/*/LC_MESSAGES/*.po): compile them
# and commit the .mo files beside them (needs GNU gettext: apt-get install gettext). A test fails
# while a .mo and its .po disagree.
.PHONY: messages
messages: install
	cd site/cppcc && ../../$(VENV)/bin/django-admin compilemessages -l zh_Hans

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

bench: install
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# The site under gunicorn with production settings at a real committee's scale, measured with wrk
# (benchmarks/site_at_scale.py; builds 100,000 archive items first, which takes minutes).
# E.g. `make bench-scale BENCH_ARGS="--reuse --only search"`.
.PHONY: bench-scale
bench-scale: install
	$(PY) benchmarks/site_at_scale.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache $(BROWSER_DIR)/node_modules
