# cxops.digital_channels — everything a developer or CI runs.
#   make demo   start the simulator, run playbooks/site.yml for the demo tenants, stop it
#   make test   every gate: sanity, units, reliability, sdk (the Genesys Cloud SDK against the simulator),
#               lint, integration, molecule, build, and the release gates (changelog-lint, docs-lint,
#               docs, importer, ee, compat)
# Both create .venv from nothing (Python 3.13 from pyenv, else any python >= 3.10); the release gates
# create their own .venv-NAME the same way (see .ci/mkvenv).

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
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD)/dist/cxops-digital_channels-$(VERSION).tar.gz
TEST_PYTHON ?= 3.13
export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_FORCE_COLOR := 0

.PHONY: help venv demo test bench sanity units reliability sdk lint integration molecule build tree links clean sim-start sim-stop \
  release-gates release-venvs integration-shards integration-last check check-units check-integration next-core role-specs changelog changelog-lint docs docs-lint docs-rst importer ee compat compat-sanity compat-units compat-demo

help:
	@echo "make demo        # simulator + playbooks/site.yml end to end"
	@echo "make check       # the everyday loop: sanity, units, lint, one integration target per plane (< 3 min)"
	@echo "make test        # every gate (sanity, units, reliability, sdk, lint, integration, molecule, build, release gates)"
	@echo "make sdk         # the Genesys Cloud SDK drives the simulator (own venv)"
	@echo "make changelog   # (re)generate the changelogs/changelog.yaml and CHANGELOG.rst release of galaxy.yml's version"
	@echo "make docs        # antsibull-docs Sphinx site in .build/docsite/build/html (offline, warnings are errors)"
	@echo "make compat      # ansible-core 2.16 sanity and units; the demo from the tarball on 2.16, 2.18 and $(LATEST_CORE)"
	@echo "make next-core   # units and the demo on the newest ansible-core, pre-release or release, newer than the pin (allowed to fail in make test)"
	@echo "make importer    # galaxy-importer with Automation Hub's settings on the built tarball"
	@echo "make ee          # ansible-builder create: the EE build context with the built tarball"

# .venv keeps pip (users and next-core's `pip index` use it); pip installs only uv, and uv the rest (.ci/venv).
$(VENV)/.stamp: requirements-dev.txt requirements.txt
	@py=$$(.ci/find-python); echo "creating .venv with $$py"; \
	  rm -rf "$(VENV)"; "$$py" -m venv "$(VENV)"
	$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -E '^uv==' requirements-dev.txt)"
	$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements-dev.txt
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

# Its own copy of the tree, so that make test runs it beside the unit tests (which rebuild theirs).
sanity: TREE := $(BUILD)/sanity/ansible_collections/cxops/digital_channels
sanity: tree
	cd $(TREE) && ansible-test sanity --venv --python $(TEST_PYTHON) --color no

# Unit tests on $(TEST_PYTHON) and the latest core. Python 3.11 (the system Python here) runs them in compat-units, on
# ansible-core 2.16: the same 1118 tests, so a second run here would prove little more for its 60 CPU seconds.
# UNIT_EXTRA_PYTHONS="3.12" adds Pythons.
UNIT_EXTRA_PYTHONS ?=
units: tree
	cd $(TREE) && ansible-test units --venv --python $(TEST_PYTHON) --color no --requirements
	@for v in $(UNIT_EXTRA_PYTHONS); do \
	  if command -v python$$v >/dev/null 2>&1; then \
	    (cd $(TREE) && ansible-test units --venv --python $$v --color no --requirements); \
	  else echo "units: python$$v not found, module tests ran on $(TEST_PYTHON) only"; fi; \
	done

# Every module under faults and every string option under bad input, in-process against the simulator;
# writes tests/reliability/SCORECARD.md and fails on a case that did not survive, a duplicate write,
# a secret printed or a request sent before a bad input was rejected. RELIABILITY_ARGS="--jobs 2 --only gc_role".
reliability: links
	cd $(COLLECTIONS) && $(PY) -m ansible_collections.cxops.digital_channels.tests.reliability.run $(RELIABILITY_ARGS)

# The vendor's Genesys Cloud SDK drives the simulator, and the simulator's copies of the SDK's tables and
# the region table are compared with it (tests/sdk). It lives in its own throwaway venv, reused while its
# requirements file is unchanged; it is not a dependency of the collection.
SDK_VENV := $(ROOT)/.venv-sdk
$(SDK_VENV)/.stamp: tests/sdk/requirements.txt | $(VENV)/.stamp
	@py=$$(.ci/find-python); echo "creating .venv-sdk with $$py"; \
	  .ci/venv "$(SDK_VENV)" "$$py" -r tests/sdk/requirements.txt
	touch $@

sdk: $(SDK_VENV)/.stamp
	cd tests && $(SDK_VENV)/bin/python -m pytest -q -p no:cacheprovider sdk

# ansible-lint, and W503 (which galaxy-importer's flake8 reports and ansible-test's pep8 allows) on the plugins.
# The integration targets' test-only collection (cxops_tests.simulator, the simulator's control API) is on its path.
lint: links
	ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS):$(ROOT)/tests/integration/targets/setup_simulator/collections \
	  ANSIBLE_VAULT_IDENTITY_LIST=demo@playbooks/demo-vault-password.txt ansible-lint --profile production --offline
	$(PY) -m pycodestyle --select=W503 plugins

# Two shards at once, one per core, then the timed target alone (.ci/integration); INTEGRATION_ARGS="nexus_service"
# runs those targets only.
integration: tree
	$(if $(INTEGRATION_ARGS),cd $(TREE) && ansible-test integration --venv --python $(TEST_PYTHON) --color no --requirements $(INTEGRATION_ARGS),.ci/integration $(TREE) $(TEST_PYTHON))

# make integration in the two stages make test runs, so that it waits for its background stages in between: the
# shards, then the timed target alone, in the shards' tree.
integration-shards: tree
	.ci/integration $(TREE) $(TEST_PYTHON) shards

# In make test (BUILT=1) the shards' tree; alone, a fresh one.
integration-last: $(if $(BUILT),venv,tree)
	.ci/integration $(TREE) $(TEST_PYTHON) last

# The sender_ids role's scenario (extensions/molecule): converge, verify, idempotence, check mode, verify. The SMS
# roles have none: sms_options and the demo lanes run them, through site.yml, with the same checks (issue 23).
molecule: links
	cd extensions && molecule test --all

build: venv
	@mkdir -p $(BUILD)/dist
	ansible-galaxy collection build --force --output-path $(BUILD)/dist
	@.ci/check-tarball $(TARBALL)

# The gates that use the tarball rebuild it first, except in make test (BUILT=1), whose build stage made it: they
# run side by side there, and a tarball rebuilt under one of them (the build is not byte for byte the same
# twice) would fail ee's check that its context holds the very tarball.
TARBALL_BUILD := $(if $(BUILT),,build)

# Every gate; .ci/stages prints the wall and CPU seconds of each at the end (after a failure too). On two cores
# the CPU seconds bound the run, so every stage that is mostly one process or mostly waits runs beside others
# (bg:NAME, until the end of the run or its wait:NAME), keeping both cores busy:
# - beside the unit tests (two workers), sdk and lint: the reliability scorecard (mostly waits on timeouts),
#   sanity (its own tree, mostly one process) and the release gates' venvs (one at a time, built before
#   any stage needs them: wait:release-venvs);
# - the integration shards, two wide, with molecule and the 2.16 sanity (its own tree) beside them, the sanity at
#   the lowest CPU priority (bg:low:), where it no longer ends the release phase alone (it slows the shards:
#   docs/decisions.md, the test loop). Then, once every background stage has ended, the timed target alone;
# - the release gates then all at once, all on the build stage's tarball (BUILT=1): each compat demo lane (the
#   2.16 one, on module processes, the longest), next-core, the 2.16 units, galaxy-importer, the docs site,
#   changelog-lint and docs-lint (both only read the working tree; changelog-lint's release check works in a
#   scratch copy), ee. compat-units rebuilds the test tree that integration runs in, so it waits for this phase.
# allow:NAME may fail without failing make test (printed loudly, marked in the table).
RELEASE_STAGES := bg:compat-demo-2.16 bg:allow:next-core bg:compat-units bg:compat-demo-2.18 bg:importer bg:docs \
  bg:changelog-lint bg:docs-lint ee compat-demo-latest
TEST_STAGES := bg:reliability bg:sanity bg:release-venvs units sdk lint wait:release-venvs bg:molecule \
  bg:low:compat-sanity integration-shards wait:reliability wait:sanity wait:molecule wait:compat-sanity \
  integration-last build $(RELEASE_STAGES)
test: venv
	@BUILT=1 .ci/stages $(TEST_STAGES)
	@echo "make test: all gates passed"

# The everyday loop (under 3 minutes on 2 cores: 152 s measured on 2026-12-07, 90 s on a faster 2-core machine on
# 2026-12-08): sanity of the latest core and lint in the background, beside them the unit tests on $(TEST_PYTHON)
# in the working copy's venv and one integration target per plane (CHECK_TARGETS: Nexus, Platform
# Administration, Genesys Cloud) on the default, in-process path only. make test runs every gate.
CHECK_TARGETS ?= nexus_service nexus_services_options gc_oauth_client
check: venv
	@.ci/stages bg:sanity bg:lint check-units check-integration
	@echo "make check: passed (make test runs every gate)"

check-units: links
	cd $(COLLECTIONS) && $(PY) -m pytest -q -p no:cacheprovider -n 2 ansible_collections/cxops/digital_channels/tests/unit

check-integration: links
	CXOPS_TEST_PATHS=auto .ci/targets $(CHECK_TARGETS)

# --- Release gates ------------------------------------------------------------------------------
# Each tool lives in its own .venv-NAME, built from nothing by .ci/mkvenv from .ci/requirements/NAME.txt
# (whose first line names the Python) and rebuilt only when that file or requirements.txt changes.
$(ROOT)/.venv-%/.stamp: .ci/requirements/%.txt requirements.txt | $(VENV)/.stamp
	.ci/mkvenv $*

DOCS_VENV := $(ROOT)/.venv-docs
IMPORTER_VENV := $(ROOT)/.venv-importer
COMPAT_VENV := $(ROOT)/.venv-compat-2.16
LATEST_CORE := $(shell sed -n 's/^ansible-core==\([0-9.]*\) ; python_version >= "3.12"/\1/p' requirements-dev.txt)

release-gates: changelog-lint docs-lint docs importer ee compat

# Every venv of the release gates, built one after the other (make test runs some gates side by side).
release-venvs: $(DOCS_VENV)/.stamp $(IMPORTER_VENV)/.stamp $(COMPAT_VENV)/.stamp $(ROOT)/.venv-compat-2.18/.stamp \
  $(ROOT)/.venv-target-3.7/.stamp

# The release of galaxy.yml's version, from every fragment in changelogs/fragments and every plugin,
# module and role whose version_added is that version. Idempotent: rerun it after merging branches
# that add fragments or plugins (it folds them into the same release and deletes the fragments).
# RELEASE_DATE=YYYY-MM-DD also moves the release date.
changelog: links $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/antsibull-changelog release --reload-plugins --ansible-doc-bin $(DOCS_VENV)/bin/ansible-doc --version $(VERSION) \
	  $(if $(RELEASE_DATE),--update-existing --date $(RELEASE_DATE))
	@rm -f changelogs/.plugin-cache.yaml

# antsibull-changelog lint of fragments and changelog.yaml, and (.ci/changelog-check, in a scratch
# copy) that CHANGELOG.rst is what `make changelog` gives and that a new fragment folds into it.
changelog-lint: links $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/antsibull-changelog lint
	$(DOCS_VENV)/bin/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	.ci/changelog-check $(DOCS_VENV)

# Plugin, role and extra docs lint; the guides' RST matches their Markdown (.ci/md2rst.py --check).
docs-lint: links $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/python .ci/md2rst.py --check
	$(DOCS_VENV)/bin/antsibull-docs lint-collection-docs --plugin-docs .

# Rewrite the other roles' copies of the connection options from roles/sms/meta/argument_specs.yml
# (their one source; tests/unit/roles/test_argument_specs.py fails while a copy differs).
role-specs: venv
	$(PY) .ci/role_specs.py

# Regenerate docs/docsite/rst/*.rst from docs/*.md after editing a guide (commit both).
docs-rst: $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/python .ci/md2rst.py

docs: links $(DOCS_VENV)/.stamp
	.ci/docs $(DOCS_VENV) $(BUILD)/docsite

importer: $(TARBALL_BUILD) $(IMPORTER_VENV)/.stamp
	.ci/importer $(IMPORTER_VENV) $(TARBALL)

ee: $(TARBALL_BUILD) $(IMPORTER_VENV)/.stamp
	.ci/ee $(IMPORTER_VENV)/bin/ansible-builder $(TARBALL)

# The lowest ansible-core meta/runtime.yml claims (2.16): sanity on Python 3.12, units on 3.11 (every unit test,
# the modules' and the controller's, on a Python below the latest core's 3.12 floor; a python3.11 must be on PATH,
# the system Python here). The latest core runs them in make sanity / make units. Then the demo from the tarball
# on 2.16, 2.18 and latest.
compat: compat-sanity compat-units compat-demo

# Its own tree, so that make test runs it beside compat-units.
compat-sanity: TREE := $(BUILD)/compat-sanity/ansible_collections/cxops/digital_channels
compat-sanity: tree $(COMPAT_VENV)/.stamp
	@.ci/seed-get-pip $(COMPAT_VENV)/bin/python >/dev/null
	cd $(TREE) && PATH=$(COMPAT_VENV)/bin:$$PATH ansible-test sanity --venv --python 3.12 --color no

compat-units: tree $(COMPAT_VENV)/.stamp
	@.ci/seed-get-pip $(COMPAT_VENV)/bin/python >/dev/null
	cd $(TREE) && PATH=$(COMPAT_VENV)/bin:$$PATH ansible-test units --venv --python 3.11 --color no --requirements

# Lanes: name, venv of the controller, and the Python that runs the modules (2.16 runs them on 3.7,
# the floor tests/config.yml declares).
COMPAT_LANES := 2.16:$(COMPAT_VENV):$(ROOT)/.venv-target-3.7/bin/python 2.18:$(ROOT)/.venv-compat-2.18: latest:$(VENV):
# compat-demo-NAME runs one lane (make test runs them side by side; each has its own simulator and paths), with
# the venvs its COMPAT_LANES entry names: the controller's, and the modules' if it names a Python.
compat_demo_lane = $(eval $(call compat_demo_rule,$(word 1,$(1)),$(word 2,$(1)),$(word 3,$(1))))
define compat_demo_rule
compat-demo-$(1): $$(TARBALL_BUILD) $(2)/.stamp $(if $(3),$(3:/bin/python=/.stamp))
	.ci/compat-demo $(1) $(2) "$$(TARBALL)" "$(3)"
endef
$(foreach lane,$(COMPAT_LANES),$(call compat_demo_lane,$(subst :, ,$(lane))))
COMPAT_DEMOS := $(foreach lane,$(COMPAT_LANES),compat-demo-$(firstword $(subst :, ,$(lane))))
.PHONY: $(COMPAT_DEMOS)
compat-demo: $(COMPAT_DEMOS)

demo: links
	.ci/demo

# The newest ansible-core on PyPI (pre-release or release), if newer than LATEST_CORE: unit tests and the demo from
# the tarball in .venv-next-core (.ci/next-core). An allowed failure of make test.
next-core: links
	@mkdir -p $(BUILD)/next-core
	ansible-galaxy collection build --force --output-path $(BUILD)/next-core >/dev/null
	.ci/next-core $(LATEST_CORE) $(BUILD)/next-core/$(notdir $(TARBALL))

# Requests per tenant, writes on rerun, time for N tenants and bulk sender IDs, against the
# runbook's own request sequence; results in bench/results/latest.{md,json}.
bench: links
	$(PY) bench/run.py $(BENCH_ARGS)

# SIM_PORT=8099 keeps the same port across starts (0, the default, picks a free one).
sim-start: venv
	@SIM_PORT=$(SIM_PORT) .ci/sim start

sim-stop:
	@.ci/sim stop

clean:
	rm -rf $(BUILD) $(VENV) $(ROOT)/.venv-* tests/output
