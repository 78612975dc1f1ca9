# cxops.digital_channels — everything a developer or CI runs.
#   make demo   start the simulator, run playbooks/site.yml for the demo tenants, stop it
#   make test   every gate: sanity, units, sdk, lint, integration, molecule, build
# Both create .venv from nothing (Python 3.13 from pyenv, else any python >= 3.10).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath .)
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
BUILD := $(ROOT)/.build
# ansible-test needs the collection at ansible_collections/<ns>/<name> inside a git repo.
TREE := $(BUILD)/test/ansible_collections/cxops/digital_channels
# Playbooks (demo, lint) see the working copy itself through a symlink.
COLLECTIONS := $(BUILD)/collections
TEST_PYTHON ?= 3.13
export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_FORCE_COLOR := 0

.PHONY: help venv demo test bench sanity units sdk lint integration molecule build tree links clean sim-start sim-stop

help:
	@echo "make demo   # simulator + playbooks/site.yml end to end"
	@echo "make test   # sanity, units, sdk, lint, integration, molecule, build"
	@echo "make sdk    # the Genesys Cloud SDK drives the simulator (own venv)"

$(VENV)/.stamp: requirements-dev.txt requirements.txt
	@py=$$(.ci/find-python); echo "creating .venv with $$py"; \
	  rm -rf "$(VENV)"; "$$py" -m venv "$(VENV)"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.stamp

links: venv
	@mkdir -p $(COLLECTIONS)/ansible_collections/cxops
	@ln -sfn $(ROOT) $(COLLECTIONS)/ansible_collections/cxops/digital_channels

# A fresh copy of the tracked and new (not ignored) files, committed in a throwaway repo.
tree: venv
	@rm -rf $(TREE) && mkdir -p $(TREE)
	@git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C $(TREE)
	@cd $(TREE) && git init -q && git add -A && \
	  git -c user.name=ci -c user.email=ci@localhost commit -qm tree --no-gpg-sign
	@.ci/seed-get-pip $(PY) >/dev/null

sanity: tree
	cd $(TREE) && ansible-test sanity --venv --python $(TEST_PYTHON) --color no

# Modules also run on older target Pythons: unit tests on 3.11 too (the system Python here).
UNIT_EXTRA_PYTHONS ?= 3.11
units: tree
	cd $(TREE) && ansible-test units --venv --python $(TEST_PYTHON) --color no --requirements
	@for v in $(UNIT_EXTRA_PYTHONS); do \
	  if command -v python$$v >/dev/null 2>&1; then \
	    (cd $(TREE) && ansible-test units --venv --python $$v --color no --requirements); \
	  else echo "units: python$$v not found, module tests ran on $(TEST_PYTHON) only"; fi; \
	done

# The vendor's Genesys Cloud SDK drives the simulator, and the simulator's copies of the SDK's tables and
# the region table are compared with it (tests/sdk). It lives in its own throwaway venv, reused while its
# requirements file is unchanged; it is not a dependency of the collection.
SDK_VENV := $(ROOT)/.venv-sdk
$(SDK_VENV)/.stamp: tests/sdk/requirements.txt
	@py=$$(.ci/find-python); echo "creating .venv-sdk with $$py"; \
	  rm -rf "$(SDK_VENV)"; "$$py" -m venv "$(SDK_VENV)"
	$(SDK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/sdk/requirements.txt
	touch $@

sdk: $(SDK_VENV)/.stamp
	cd tests && $(SDK_VENV)/bin/python -m pytest -q -p no:cacheprovider sdk

lint: links
	ANSIBLE_VAULT_IDENTITY_LIST=demo@playbooks/demo-vault-password.txt ansible-lint --profile production --offline

integration: tree
	cd $(TREE) && ansible-test integration --venv --python $(TEST_PYTHON) --color no --requirements

# One scenario per role (extensions/molecule): converge, verify, idempotence, check mode, verify.
molecule: links
	cd extensions && molecule test --all

build: venv
	@mkdir -p $(BUILD)/dist
	ansible-galaxy collection build --force --output-path $(BUILD)/dist
	@tar -tzf $(BUILD)/dist/cxops-digital_channels-*.tar.gz | .ci/check-tarball

test: sanity units sdk lint integration molecule build
	@echo "make test: all gates passed"

demo: links
	.ci/demo

# Requests per tenant, writes on rerun, time for N tenants and bulk sender IDs, against the
# runbook's own request sequence; results in bench/results/latest.{md,json}.
bench: links
	$(PY) bench/run.py $(BENCH_ARGS)

sim-start: venv
	@.ci/sim start

sim-stop:
	@.ci/sim stop

clean:
	rm -rf $(BUILD) $(VENV) $(SDK_VENV) tests/output
