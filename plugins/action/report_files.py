# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a run's report files on the controller without a module process (plugins/plugin_utils/_reports.py):
the file and copy tasks it replaces in preflight.yml cost more than half of that playbook's CPU time."""

from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _reports
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._controller_action import ControllerAction


def _check(files):
    """Each name a plain file name and each content a string, or one line saying which is not."""
    if not files:
        raise AnsibleActionFail("files must name at least one file")
    for name, content in files.items():
        if not name or name in (".", "..", "latest") or "/" in name or "\0" in name or name.startswith("."):
            raise AnsibleActionFail("files: %r is not a plain file name (no '/', no leading '.', not 'latest')" % name)
        if not isinstance(content, str):
            raise AnsibleActionFail("files.%s must be a string, got %s" % (name, type(content).__name__))


class ActionModule(ControllerAction):
    ARGUMENT_SPEC = {
        "dir": {"type": "path", "required": True},
        "files": {"type": "dict", "required": True},
        "latest": {"type": "bool", "default": False},
    }

    def what(self, args):
        return "write the report files in %s" % args["dir"].rstrip(os.sep)

    def act(self, args):
        directory, files = args["dir"].rstrip(os.sep) or os.sep, args["files"]
        _check(files)
        paths = [os.path.join(directory, name) for name in files]
        check = self._task.check_mode
        changed = not os.path.isdir(directory)
        if not check:
            _reports.private_dir(directory)
        for path, content in zip(paths, files.values()):
            changed = _reports.write_private(path, content, check) or changed
        if args["latest"]:
            changed = _reports.point_latest(directory, check) or changed
        return dict(changed=changed, dir=directory, files=paths)
