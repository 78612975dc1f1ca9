# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The action plugin base that runs this collection's modules inside the Ansible worker.

Internal use only: not a public API. Every module of the collection only sends HTTP, so on the
controller a Python process per task (packaging the module, starting an interpreter, importing
``requests``) is pure overhead. When a task runs on the controller, this base validates the
task's arguments with the module's own ``module_args()`` and calls the module's ``run()`` in the
worker, emulating the part of ``AnsibleModule`` that shapes a result (internal ``_ansible_*``
arguments, argument validation, the "did not set no_log" warning, ``invocation``, ``no_log``
masking). Anywhere else, or when ``cxops_digital_channels_execution`` is ``module``, it runs the
module as the ``normal`` action does. docs/execution.md explains when each path is taken.

The strategies load an action plugin's class in the controller's main process before forking
workers, so the imports below (``requests``, module_utils, the module files) are paid once per
playbook run, not per task. ``netrc`` is among them because ``requests`` imports it lazily on the
first request, which would otherwise happen in every worker.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import multiprocessing
import netrc  # noqa: F401  pylint: disable=unused-import
import os

from ansible.errors import AnsibleActionFail
from ansible.module_utils.basic import PASSWORD_MATCH, remove_values
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import PASS_BOOLS, PASS_VARS
from ansible.module_utils.errors import UnsupportedError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.cxops.digital_channels.plugins.module_utils._http import HAS_REQUESTS
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import outcome

try:  # ansible-core >= 2.19: module arguments travel with the 'legacy' module profile
    from ansible.module_utils.common.json import Direction, get_module_encoder
except ImportError:  # older ansible-core: AnsibleJSONEncoder, vaulted values as text
    from ansible.parsing.ajson import AnsibleJSONEncoder

    _JSON_ENCODER = AnsibleJSONEncoder
    _JSON_OPTIONS = {"vault_to_text": True}
else:
    _JSON_ENCODER = get_module_encoder("legacy", Direction.CONTROLLER_TO_MODULE)
    _JSON_OPTIONS = {}

display = Display()


def _in_controller_main_process():
    """True in the main process of an ansible CLI run: the one that forks a worker per task."""
    try:
        from ansible import context

        return multiprocessing.parent_process() is None and bool(context.CLIARGS)
    except Exception:  # pylint: disable=broad-exception-caught
        return False


def warm_up_controller():
    """Prepare the controller's main process, once, for the workers it forks (one per task and host).

    Templating a task's arguments in a worker (``default(omit)`` of module_defaults, ``length`` in
    conditions) makes ansible-core >= 2.19 import every builtin filter and test plugin file on first
    use, once per worker, that is once per task; a filter of this collection makes it load every filter
    file of the collection, and the roles' checks use the modules' input rules. Loaded here, before the
    fork, all of them are inherited.

    Then ``gc.freeze()``, as Python documents for a process that forks workers: every worker runs the
    cyclic garbage collector, which writes to the header of each object it scans, so each copied the
    pages of the controller's objects one by one (copy-on-write) only to look at them. Frozen objects
    are never scanned (nor collected as cycles: a fixed amount, once per run). make bench measured it
    at about 8 % of a 30-tenant rerun (docs/benchmarks.md). Only in the main process of an ansible CLI
    run, and best effort: a failure only costs that time again. Called by the opt-in callback
    cxops.digital_channels.warm_up when a playbook starts, never at import time.
    """
    from ansible.plugins.loader import filter_loader, test_loader

    loads = [(filter_loader.get, "ansible.builtin.default"), (test_loader.get, "ansible.builtin.abs"),
             (filter_loader.get, "cxops.digital_channels.checked_sender_ids")]
    loads += [(importlib.import_module, "ansible_collections.cxops.digital_channels.plugins." + rules)
              for rules in ("plugin_utils._role_input", "module_utils._nexus_services", "module_utils._sender_ids",
                            "module_utils._tollfree")]
    for load, name in loads:
        try:
            load(name)
        except Exception:  # pylint: disable=broad-exception-caught
            pass
    if _in_controller_main_process():
        gc.freeze()


# The one switch: a variable at any level (extra vars, inventory, play, block, task).
EXECUTION_VAR = "cxops_digital_channels_execution"
EXECUTION_MODES = ("auto", "module")
# What a module's run() may use of AnsibleModule; tests/unit/plugins/action holds the modules to it.
MODULE_INTERFACE = frozenset(("params", "check_mode", "no_log", "warn", "deprecate", "_diff", "_verbosity"))
COLLECTION = "cxops.digital_channels"


def as_module_json(value):
    """value as the module sees (arguments) or sends (results) it: through JSON, without tags or vault objects."""
    return json.loads(json.dumps(value, cls=_JSON_ENCODER, **_JSON_OPTIONS))


@contextlib.contextmanager
def task_environment(environment):
    """os.environ plus the task's ``environment:`` while the module runs, as a module process would see it."""
    saved = {name: os.environ.get(name) for name in environment}
    # The shell plugin writes each value with str() in front of the module command; so do we.
    os.environ.update({name: str(value) for name, value in environment.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class InProcessModule:
    """What a module's run() sees of AnsibleModule when it runs in the worker.

    Built from the arguments the module process would receive (the task's arguments plus the
    ``_ansible_*`` ones ``ActionBase._update_module_args`` adds), so check mode, diff, verbosity,
    the module name and ``no_log`` come from the same place on both paths.
    """

    def __init__(self, args, argument_spec, **rules):
        self.argument_spec = argument_spec
        self.params = dict(args)
        # ansible-core < 2.21 always returned the invocation; 2.21 sends _ansible_inject_invocation.
        self.inject_invocation = boolean(self.params.get("_ansible_inject_invocation", True))
        for key, (attribute, default) in PASS_VARS.items():
            name = "_ansible_%s" % key
            if name in self.params:
                value = self.params.pop(name)
                setattr(self, attribute, boolean(value) if key in PASS_BOOLS else value)
            else:
                setattr(self, attribute, default)
        self.warnings = []
        self.deprecations = []
        self.no_log_values = set()
        self.error = self._validate(rules)

    def _validate(self, rules):
        """Validate as AnsibleModule does; return the failure message or None."""
        result = ArgumentSpecValidator(self.argument_spec, **rules).validate(self.params)
        self.params.update(result.validated_parameters)
        # No public accessor (docs/execution.md, "ansible-core internals"). Aliases and their warnings
        # are not emulated: no module has one (test_wiring.py fails when one does).
        self.no_log_values.update(result._no_log_values)  # pylint: disable=protected-access
        try:
            error = result.errors[0]
        except IndexError:
            error = None
        if isinstance(error, UnsupportedError) and getattr(self, "_ignore_unknown_opts", False):
            error = None
        if error is not None:
            if isinstance(error, UnsupportedError):
                return "Unsupported parameters for ({name}) module: {msg}".format(name=self._name, msg=result.errors.msg)
            return result.errors.msg
        if not self.no_log:
            # AnsibleModule._log_invocation warns about options that look like passwords.
            for param in self.params:
                spec = self.argument_spec.get(param, {})
                if spec.get("no_log") is None and PASSWORD_MATCH.search(param):
                    self.warn("Module did not set no_log for %s" % param)
        return None

    def warn(self, warning):
        if warning not in self.warnings:
            self.warnings.append(warning)

    def deprecate(self, msg, version=None, date=None, collection_name=None):
        entry = {"msg": msg, "version": version, "date": date, "collection_name": collection_name or COLLECTION}
        if entry not in self.deprecations:
            self.deprecations.append(entry)

    def result(self, kwargs):
        """The task result AnsibleModule.exit_json/fail_json would print for kwargs."""
        if kwargs.get("failed"):
            kwargs.update(failed=True, msg=str(kwargs.get("msg")))
        # add_path_info is left out: `path` in a failure is an API path, never a file on the controller.
        if self.inject_invocation:
            kwargs.setdefault("invocation", {"module_args": self.params})
        else:
            kwargs.pop("invocation", None)
        if self.warnings:
            kwargs["warnings"] = list(self.warnings)
        if self.deprecations:
            kwargs["deprecations"] = list(self.deprecations)
        kwargs = as_module_json(kwargs)
        preserved = {k: v for k, v in kwargs.items() if v is None or isinstance(v, bool)}
        kwargs = remove_values(kwargs, self.no_log_values)
        kwargs.update(preserved)
        return kwargs


def run_in_process(module_file, args):
    """Run module_file's run() with the module-process arguments args; return its task result."""
    module = InProcessModule(as_module_json(args), **module_file.module_args())
    if module.error is not None:
        return module.result({"failed": True, "msg": module.error})
    return module.result(outcome(module_file.run, module))


class InProcessAction(ActionBase):
    """Base of every action plugin of the collection: one per module, naming it in MODULE."""

    MODULE = None  # the module's Python module: module_args(), run() and the documentation
    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        reason = self.module_process_reason(task_vars)
        if reason:
            display.vvv("%s: module process (%s)" % (self._task.action, reason))
            return merge_hash(result, self._run_module_process(task_vars))
        display.vvv("%s: in-process on the controller" % self._task.action)
        return merge_hash(result, self._run_in_process(task_vars))

    def execution_mode(self, task_vars):
        mode = self._templar.template(task_vars.get(EXECUTION_VAR, "auto"))
        if mode not in EXECUTION_MODES:
            raise AnsibleActionFail("%s must be one of %s, got %r" % (EXECUTION_VAR, ", ".join(EXECUTION_MODES), mode))
        return mode

    def module_process_reason(self, task_vars):
        """Why this task runs as a module process, or None when it runs in the worker."""
        connection = self._connection
        if self.execution_mode(task_vars) == "module":
            return "%s=module" % EXECUTION_VAR
        if getattr(connection, "transport", None) != "local":
            return "connection %s runs modules on its target" % getattr(connection, "_load_name", None)
        if getattr(connection, "become", None) is not None:
            return "become runs the module as another user"
        if self._task.async_val:
            return "async"
        if not HAS_REQUESTS:
            return "the controller's Python lacks requests"
        return None

    def _run_module_process(self, task_vars):
        """What the `normal` action plugin does."""
        wrap_async = self._task.async_val
        result = self._execute_module(task_vars=task_vars, wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _run_in_process(self, task_vars):
        args = dict(self._task.args)
        self._update_module_args(self._task.action, args, task_vars)
        environment = {}
        self._compute_environment_string(environment)
        with task_environment(environment):
            return run_in_process(self.MODULE, args)
