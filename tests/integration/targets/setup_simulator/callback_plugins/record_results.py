# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test helper: append every result of a cxops.digital_channels task to the JSON-lines file $RECORD_RESULTS.

sim.sh's both_paths runs a target once in-process and once as module processes with this
callback enabled; compare_paths.py then requires the two recordings to be the same.
"""

from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: record_results
type: aggregate
short_description: Record cxops.digital_channels task results to the file named by RECORD_RESULTS
description:
  - Test helper of the collection's integration targets, not shipped in the collection build.
requirements:
  - enabled in callbacks_enabled
"""


def _plain(value):
    """Warnings and deprecations of ansible-core >= 2.19 are objects; keep their message."""
    event = getattr(value, "event", None)
    if event is not None:
        return getattr(event, "msg", str(value))
    return str(value)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._path = os.environ.get("RECORD_RESULTS")
        self._play = None

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()

    def _record(self, status, result):
        task = result._task
        action = getattr(task, "resolved_action", None) or task.action
        if not self._path or not str(action).startswith("cxops.digital_channels."):
            return
        entry = {"play": self._play, "task": task.get_name(), "host": result._host.get_name(), "status": status,
                 "result": result._result}
        with open(self._path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True, default=_plain) + "\n")

    def v2_runner_on_ok(self, result):
        self._record("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record("failed", result)

    def v2_runner_on_skipped(self, result):
        self._record("skipped", result)
