# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run an action plugin of the collection as the worker would, and the same module as a module process would.

``action`` builds the real action plugin with a real ``sh`` shell plugin, templar and loader; the
task and connection are plain stand-ins with the attributes ActionBase reads. ``both`` runs the
in-process path, records the exact arguments (``_ansible_*`` included) it handed the module, and
runs the module's real ``main()`` with them through ``AnsibleModule``, capturing what it prints:
the two results must agree key for key.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import types

import pytest

from ansible.module_utils.basic import remove_values
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play_context import PlayContext
from ansible.plugins.loader import shell_loader
from ansible.template import Templar

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _inprocess

try:  # ansible-core >= 2.22
    import ansible.module_utils.secrets  # noqa: F401  pylint: disable=unused-import

    HAS_SECRET_MASKER = True
except ImportError:
    HAS_SECRET_MASKER = False
from ansible_collections.cxops.digital_channels.tests.unit.utils import module_args as patched_module_args

try:
    from ansible.module_utils import _internal
except ImportError:  # ansible-core < 2.19: no controller/target switch
    _internal = None

COLLECTION = "cxops.digital_channels"


class Task:
    """The attributes of a Task that ActionBase and the in-process path read."""

    def __init__(self, action, args, check_mode=False, diff=True, no_log=False, environment=None, async_val=0):
        self.action = "%s.%s" % (COLLECTION, action)
        self.args = dict(args)
        self.check_mode = check_mode
        self.diff = diff
        self.no_log = no_log
        self.environment = [environment] if environment else []
        self.async_val = async_val
        self.delegate_to = None
        self.collections = None


class Connection:
    """A connection plugin stand-in: transport and become decide the path, _shell builds the environment."""

    def __init__(self, transport="local", become=None):
        self.transport = transport
        self._load_name = "ansible.builtin.%s" % transport
        self.become = become
        self.socket_path = None
        self._shell = shell_loader.get("sh")
        self._shell.set_options()


def make_action(module, args, transport="local", become=None, **task):
    """The action plugin of a module of the collection (by name) or of a synthetic module file."""
    if isinstance(module, str):
        action_class = importlib.import_module("ansible_collections.%s.plugins.action.%s" % (COLLECTION, module)).ActionModule
        name = module
    else:
        action_class = type("ActionModule", (_inprocess.InProcessAction,), {"MODULE": module})
        name = module.__name__
    return action_class(
        task=Task(name, args, **task), connection=Connection(transport, become), play_context=PlayContext(),
        loader=DataLoader(), templar=Templar(loader=DataLoader()), shared_loader_obj=None,
    )


@pytest.fixture()
def action():
    """action(module, args, task_vars=None, **task) -> the in-process task result."""
    def run(module, args, task_vars=None, **task):
        return make_action(module, args, **task).run(task_vars=dict(task_vars or {}))
    return run


def message_of(item):
    """A warning as a string: module processes of ansible-core >= 2.19 send WarningSummary objects."""
    if isinstance(item, dict) and "event" in item:
        return item["event"]["msg"]
    return item


def normalized(result):
    """What the controller shows of a result: warnings as messages, deprecations as (msg, version)."""
    result = dict(result)
    if "warnings" in result:
        result["warnings"] = [message_of(w) for w in result["warnings"]]
    if "deprecations" in result:
        result["deprecations"] = [(message_of(d) if "event" in d else d["msg"], d.get("version")) for d in result["deprecations"]]
    return result


def module_process_result(module_file, args, monkeypatch):
    """What module_file's main() prints for args, as on a target: real AnsibleModule, real exit_json/fail_json."""
    if _internal is not None:
        # Importing the action plugins made this process a controller; a module process is not one.
        monkeypatch.setattr(_internal, "is_controller", False)
    for store in (module_warnings._global_warnings, module_warnings._global_deprecations):
        store.clear()
    out = io.StringIO()
    with patched_module_args(args), contextlib.redirect_stdout(out):
        with pytest.raises(SystemExit):
            module_file.main()
    return shown(json.loads(out.getvalue()), module_file, args)


def shown(result, module_file, args):
    """The module process's result as the controller shows it.

    ansible-core 2.22 and later no longer mask no_log values inside the module process: the module
    registers them with the controller's secret masker (ansible.module_utils.secrets), which masks
    them wherever the controller shows the result. Older cores mask them in the module.
    """
    if not HAS_SECRET_MASKER:
        return result
    result.pop("_ansible_new_secrets", None)
    options = {k: v for k, v in args.items() if not k.startswith("_ansible_")}
    rules = module_file.module_args()
    secrets = ArgumentSpecValidator(rules.pop("argument_spec"), **rules).validate(options)._no_log_values
    preserved = {k: v for k, v in result.items() if v is None or isinstance(v, bool)}
    return dict(remove_values(result, secrets), **preserved)


@pytest.fixture()
def both(monkeypatch):
    """both(module, args, task_vars=None, **task) -> (in-process result, module-process result), normalized."""
    def run(module, args, task_vars=None, **task):
        seen = []
        original = _inprocess.run_in_process

        def recording(module_file, module_args):
            seen.append((module_file, json.loads(json.dumps(module_args))))
            return original(module_file, module_args)

        monkeypatch.setattr(_inprocess, "run_in_process", recording)
        in_process = make_action(module, args, **task).run(task_vars=dict(task_vars or {}))
        monkeypatch.setattr(_inprocess, "run_in_process", original)
        assert len(seen) == 1, "the task did not run in-process"
        module_file, module_args = seen[0]
        return normalized(in_process), normalized(module_process_result(module_file, module_args, monkeypatch))
    return run


@pytest.fixture()
def synthetic_module():
    """A module file built on the fly: spec and run() given by the test, main() as every module has it."""
    from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module

    def build(spec, run, **rules):
        module = types.ModuleType("synthetic")
        module.run = run
        module.module_args = lambda: dict(argument_spec=dict(spec), **rules)
        module.main = lambda: run_module(run=run, **module.module_args())
        return module
    return build
