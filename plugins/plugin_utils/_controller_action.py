# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The base of the actions that do their work on the controller itself, without a module process: the files the
playbooks keep (snapshot_file, report_files). Internal use only: not a public API."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.action import ActionBase


class ControllerAction(ActionBase):
    """Subclasses set ARGUMENT_SPEC and implement act(args), which returns the result's keys, and what(args),
    which names the work for the one-line failure an OSError becomes."""

    TRANSFERS_FILES = False
    _requires_connection = False
    ARGUMENT_SPEC = {}

    def act(self, args):
        raise NotImplementedError

    def what(self, args):
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=self.ARGUMENT_SPEC)
        try:
            return dict(result, **self.act(args))
        except OSError as exc:
            raise AnsibleActionFail("cannot %s: %s" % (self.what(args), to_native(exc)))
