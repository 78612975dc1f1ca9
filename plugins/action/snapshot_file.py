# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a tenant's snapshot on the controller without a module process (plugins/plugin_utils/_snapshot.py)."""

from __future__ import annotations

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _snapshot
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._controller_action import ControllerAction


class ActionModule(ControllerAction):
    ARGUMENT_SPEC = {
        "dir": {"type": "path", "required": True},
        "tenant": {"type": "str", "required": True},
        "run": {"type": "str", "required": True},
        "text": {"type": "str", "required": True},
        "state": {"type": "str", "required": True},
    }

    def what(self, args):
        return "save the snapshot of %s in %s" % (args["tenant"], args["dir"])

    def act(self, args):
        if self._task.check_mode:
            return dict(changed=False, saved=False, skipped=True, msg="check mode: no snapshot is taken")
        path, saved = _snapshot.save(args["dir"], args["tenant"], args["run"], args["text"], args["state"])
        # A local file, not a change to the tenant (and never one an audit reports).
        return dict(changed=False, saved=saved, path=path)
