# Two commands do all the set-up on a fresh machine (README):
#   make demo   the kiosk on its embedded sandbox, in a window
#   make test   ruff, mypy and pytest; non-zero on any failure
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench tour audit clean system-deps test-services

$(STAMP): pyproject.toml scripts/apt-runtime.txt
	@bash scripts/system-deps.sh scripts/apt-runtime.txt
	@bash scripts/python-venv.sh $(PYTHON)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	@bash scripts/demo.sh

test: $(STAMP)
	@bash scripts/system-deps.sh scripts/apt-runtime.txt scripts/apt-test.txt
	$(BIN)/ruff check kiosk ui forms printing assets tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	@test -d tests/oidc/node_modules/oidc-provider || if command -v npm >/dev/null 2>&1; \
		then cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error; \
		else echo 'npm not found: apt-get install nodejs npm for the OpenID provider (login) tests; without it they skip (fail under CI=true)'; fi
	bash scripts/with-test-services.sh $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kiosk ui forms printing assets tests
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	@bash scripts/system-deps.sh scripts/apt-runtime.txt scripts/apt-test.txt
	@test -d tests/oidc/node_modules/oidc-provider || if command -v npm >/dev/null 2>&1; \
		then cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error; \
		else echo 'npm not found: apt-get install nodejs npm for the OpenID provider (login) tests; without it they skip (fail under CI=true)'; fi
	bash scripts/with-test-services.sh $(BIN)/python -m benchmarks

tour: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk tour --out tour

audit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk audit --out audit

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache tour audit
