# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module is wired to the in-process path, and the path gives each module what it needs.

These tests fail when a module is added without its action plugin, when a main() builds a spec
the action plugin does not see, or when a run() starts using an AnsibleModule method the
in-process path does not provide. docs/execution.md says how to wire a new module.
"""

from __future__ import annotations

import ast
import importlib
import os

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils import _module
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._inprocess import MODULE_INTERFACE, InProcessAction
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID

PACKAGE = "ansible_collections.cxops.digital_channels.plugins"
PLUGINS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins")
# Controller actions: a docs-only module file beside an action that never runs a module (its own unit tests).
CONTROLLER_ACTIONS = {"report_files", "snapshot_file"}
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(PLUGINS, "modules"))
                 if name.endswith(".py") and name != "__init__.py" and name[:-3] not in CONTROLLER_ACTIONS)


def test_controller_actions_are_documentation_only():
    for name in CONTROLLER_ACTIONS:
        module = importlib.import_module("%s.modules.%s" % (PACKAGE, name))
        assert module.DOCUMENTATION and not hasattr(module, "main"), name
        assert not issubclass(importlib.import_module("%s.action.%s" % (PACKAGE, name)).ActionModule, InProcessAction)


def test_modules_found():
    assert len(MODULES) >= 10 and "nexus_service" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_its_in_process_action(name):
    action = importlib.import_module("%s.action.%s" % (PACKAGE, name)).ActionModule
    module = importlib.import_module("%s.modules.%s" % (PACKAGE, name))
    assert issubclass(action, InProcessAction)
    assert action.MODULE is module


@pytest.mark.parametrize("name", MODULES)
def test_main_passes_exactly_module_args(name, monkeypatch):
    """main() and the action plugin validate with the same spec and rules."""
    module = importlib.import_module("%s.modules.%s" % (PACKAGE, name))
    seen = {}

    class Stop(Exception):
        pass

    def capture(**kwargs):
        seen.update(kwargs)
        raise Stop()

    monkeypatch.setattr(_module, "AnsibleModule", capture)
    with pytest.raises(Stop):
        module.main()
    expected = dict(module.module_args(), supports_check_mode=True)
    assert seen == expected


def _module_attributes(path):
    """Attributes of `module` used anywhere but in main() and module_args()."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    used = set()
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and function.name not in ("main", "module_args"):
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "module":
                    used.add(node.attr)
    return used


def _options(spec):
    for name, option in spec.items():
        yield name, option
        yield from _options(option.get("options") or {})


@pytest.mark.parametrize("name", MODULES)
def test_no_option_has_an_alias_the_in_process_path_would_not_warn_about(name):
    """The in-process path does not emulate AnsibleModule's alias warnings and deprecations.

    No option needs an alias; one that gets one needs that emulation back in _inprocess first.
    """
    module = importlib.import_module("%s.modules.%s" % (PACKAGE, name))
    for option, spec in _options(module.module_args()["argument_spec"]):
        assert not set(spec) & {"aliases", "deprecated_aliases", "removed_in_version", "removed_at_date"}, option


@pytest.mark.parametrize("name", MODULES)
def test_run_uses_only_what_the_in_process_module_provides(name):
    used = _module_attributes(os.path.join(PLUGINS, "modules", name + ".py"))
    assert used <= MODULE_INTERFACE, "run() of %s uses %s; add them to InProcessModule first" % (name, used - MODULE_INTERFACE)


def test_module_utils_do_not_take_the_module():
    """Clients get params and check_mode, never the module: only _module.py touches AnsibleModule."""
    folder = os.path.join(PLUGINS, "module_utils")
    for name in os.listdir(folder):
        if name.endswith(".py") and name != "_module.py":
            assert not _module_attributes(os.path.join(folder, name)), name


# --- one token or session per task ------------------------------------------------------------

LOGINS = ("/oauth/token", "/gax/api/session/login", "/auth/v3/oauth/token")


def _gc_role(gc_args):
    return [("gc_role", dict(gc_args, name="Nexus Messaging"))]


def _scenarios(nexus, gc, gax, gauth):
    service = dict(nexus, name="mGageSMS", url="http://directtext.mgage.com", data={}, secret={"username": "u-1", "password": "p-123456"})
    number = {"number": "+1 844 555 0100", "comment": "ACME"}
    return {
        "nexus_service": [("nexus_service", service)],
        "nexus_service_info": [("nexus_service", service), ("nexus_service_info", nexus)],
        "nexus_api_key": [("nexus_api_key", dict(gauth, name="Portico Cluster API Key", tenant="*", permissions=["nexus:cluster:*"],
                                                 key="portico-cluster-key-0f4e2b9d"))],
        "nexus_sender_id": [("nexus_sender_id", dict(gax, sender_ids=[{"name": "SMS_Main", "channel_id": "1650466114", "endpoint": "SMS_Main"}]))],
        "nexus_services_options": [("nexus_services_options", dict(gax, section="Async", options={"header:x-a": "1"}))],
        "nexus_services_info": [("nexus_services_options", dict(gax, section="Async", options={"header:x-a": "1"})),
                                ("nexus_services_info", gax)],
        "gc_oauth_token": [("gc_oauth_token", gc)],
        "gc_role": _gc_role(gc),
        "gc_oauth_client": _gc_role(gc) + [("gc_oauth_client", dict(gc, name="Nexus Messaging Integration", roles=["Nexus Messaging"]))],
        "gc_tollfree_number": [("gc_tollfree_number", dict(gc, nexus_url="https://digital.example.com", webhook_username=CCID,
                                                           webhook_password="portico-key-77aa", numbers=[number]))],
        "gc_tollfree_number_info": [("gc_tollfree_number_info", dict(gc, available=True))],
    }


@pytest.mark.parametrize("name", MODULES)
def test_at_most_one_login_per_task(name, action, sim, nexus_args, gc_args, gax_args, gauth_args):
    """A task logs in (token, GAX session, GWS Auth token) at most once, on its first run and on a converged rerun."""
    steps = _scenarios(nexus_args, gc_args, gax_args, gauth_args)[name]
    for run in ("first", "rerun"):
        for module, args in steps:
            sim.clear()
            result = action(module, args, no_log=True)
            assert not result.get("failed"), result
            logins = [e["path"] for e in sim.journal() if e["path"] in LOGINS]
            assert len(logins) <= 1, "%s (%s run) logged in %d times" % (module, run, len(logins))
            if module.startswith("gc_") or module in ("nexus_sender_id", "nexus_services_options", "nexus_api_key"):
                assert len(logins) == 1, "%s (%s run) sent no login: the test would prove nothing" % (module, run)
