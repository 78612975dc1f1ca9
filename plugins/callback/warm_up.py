# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: warm_up
type: aggregate
short_description: Prepare the controller once for the workers it forks (opt-in speed-up for many tenants)
version_added: 2.0.0
description:
  - When a playbook starts, in the main process of C(ansible-playbook) only, loads what each worker forked
    for a task would otherwise load again (Ansible's filter and test plugins, the collection's filters and the
    roles' input rules), then calls Python's C(gc.freeze()) so that the garbage collector of each worker does
    not copy the controller's memory page by page only to scan it.
  - Changes nothing a task does or returns; only time. C(make bench) measured about 8 % of a 30-tenant run
    (C(docs/benchmarks.md)). Objects frozen then are never collected as cycles, a fixed amount once per run.
  - Without it, nothing is frozen and nothing is loaded ahead; importing the collection's plugins has no such
    side effect.
author:
  - cxops contributors (@cxops)
requirements:
  - enable it in C(callbacks_enabled) (C(playbooks/ansible.cfg) and the AWX project's C(ansible.cfg) do)
"""

EXAMPLES = r"""
# ansible.cfg
# [defaults]
# callbacks_enabled = cxops.digital_channels.warm_up
"""

from ansible.plugins.callback import CallbackBase

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._inprocess import warm_up_controller


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "cxops.digital_channels.warm_up"
    CALLBACK_NEEDS_ENABLED = True

    def v2_playbook_on_start(self, playbook):
        warm_up_controller()
