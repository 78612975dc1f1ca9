# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the gc_tollfree_number module in-process on the controller (plugins/plugin_utils/_inprocess.py)."""

from __future__ import annotations

from ansible_collections.cxops.digital_channels.plugins.modules import gc_tollfree_number
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._inprocess import InProcessAction


class ActionModule(InProcessAction):
    MODULE = gc_tollfree_number
