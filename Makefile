# xiuhua — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test soak setup deps db env browser migrate bootstrap bench bench-full lint fmt clean

## run: install, set up PostGIS, migrate, load the demo city when empty, serve on $(HOST):$(PORT)
run: setup
	$(BIN)/xiuhua serve --host $(HOST) --port $(PORT)

## test: the same set-up without serving, then the whole test suite
test: deps db browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## soak: the reliability harness at full size (docs/RELIABILITY.md): 10,000 retried reports,
## a burst of 500, schemathesis with more examples per operation; loopback only
soak: deps db browser
	XIUHUA_SOAK_RETRIES=10000 XIUHUA_BURST=500 XIUHUA_FUZZ_EXAMPLES=20 \
	  $(BIN)/python -m pytest -q -s tests/service/test_overload.py tests/service/test_outage.py \
	  tests/service/test_upload_memory.py tests/api/test_openapi_fuzz.py $(PYTEST_ARGS)

setup: deps db env migrate bootstrap

deps: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11+（$(PYTHON)）"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); echo "[xiuhua] 安装 python3-venv"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); } || { \
	  echo "[xiuhua] 创建虚拟环境失败：请安装 python3-venv（sudo apt-get install python3-venv）"; exit 1; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

db: deps
	PYTHON=$(BIN)/python bash scripts/setup-db.sh

browser:
	bash scripts/setup-browser.sh

## env: write missing secrets (token key, PII key, demo password) into .env (never committed)
env: deps
	$(BIN)/xiuhua init-env

migrate: db
	$(BIN)/xiuhua db upgrade

bootstrap: migrate
	$(BIN)/xiuhua bootstrap

## bench: quick benchmark (a few minutes), writes bench/results/<date>.json and latest.json
bench: setup
	bash scripts/setup-bench.sh
	$(BIN)/python -m bench.run --quick

bench-full: setup
	bash scripts/setup-bench.sh
	$(BIN)/python -m bench.run --full

## lint: ruff, mypy --strict on app/, import-linter contracts
lint: deps
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench
	$(BIN)/mypy app
	$(BIN)/lint-imports

fmt: deps
	$(BIN)/ruff check --fix app tests bench
	$(BIN)/ruff format app tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
