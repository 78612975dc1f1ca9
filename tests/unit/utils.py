# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for running modules in-process and reading the simulator's journal."""

from __future__ import annotations

import contextlib
import json

import pytest

from ansible.module_utils import basic

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None


class AnsibleExitJson(Exception):
    pass


class AnsibleFailJson(Exception):
    pass


def _exit_json(self, **kwargs):
    kwargs.setdefault("changed", False)
    raise AnsibleExitJson(kwargs)


def _fail_json(self, **kwargs):
    kwargs["failed"] = True
    raise AnsibleFailJson(kwargs)


@contextlib.contextmanager
def module_args(args):
    """The module arguments main() will read, on every ansible-core the collection claims."""
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    old = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = old


def run_module(main, args, check_mode=False, diff=True, monkeypatch=None):
    """Run a module's main() with args; return (ok, result) instead of exiting."""
    args = dict(args)
    args["_ansible_check_mode"] = check_mode
    args["_ansible_diff"] = diff
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(basic.AnsibleModule, "exit_json", _exit_json)
        mp.setattr(basic.AnsibleModule, "fail_json", _fail_json)
        with module_args(args):
            try:
                main()
            except AnsibleExitJson as exc:
                return True, exc.args[0]
            except AnsibleFailJson as exc:
                return False, exc.args[0]
    raise AssertionError("module returned without exit_json or fail_json")


class SimClient:
    """The in-process simulator plus journal queries the tests assert on."""

    def __init__(self, server):
        self.server = server
        self.url = server.url

    def journal(self):
        return self.server.journal.entries()

    def writes(self):
        return [e for e in self.journal() if e["write"]]

    def requests(self, method=None):
        return [e for e in self.journal() if method is None or e["method"] == method]

    def clear(self):
        self.server.journal.clear()

    def fault(self, **rule):
        self.server.faults.add(rule)

    def configure(self, plane, **settings):
        self.server.planes[plane].configure(settings)

    def state(self, plane):
        return self.server.planes[plane].dump()
