# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a tenant's snapshot on the controller without a module process (plugins/plugin_utils/_snapshot.py)."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.action import ActionBase

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _snapshot

ARGUMENT_SPEC = {
    "dir": {"type": "path", "required": True},
    "tenant": {"type": "str", "required": True},
    "run": {"type": "str", "required": True},
    "text": {"type": "str", "required": True},
    "state": {"type": "str", "required": True},
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        if self._task.check_mode:
            return dict(result, changed=False, saved=False, skipped=True, msg="check mode: no snapshot is taken")
        try:
            path, saved = _snapshot.save(args["dir"], args["tenant"], args["run"], args["text"], args["state"])
        except OSError as exc:
            raise AnsibleActionFail("cannot save the snapshot of %s in %s: %s" % (args["tenant"], args["dir"], to_native(exc)))
        # A local file, not a change to the tenant (and never one an audit reports).
        return dict(result, changed=False, saved=saved, path=path)
