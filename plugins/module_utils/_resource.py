# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What every module managing one named object shares. Internal use only: not a public API."""

from __future__ import annotations


def ensure_absent(current, delete, check_mode, key, shown):
    """The state=absent branch: delete what exists (never in check mode) and say so truthfully.

    ``current`` is the object as read (None when absent), ``delete(current)`` removes it,
    ``shown(current)`` is how diffs show it. Returns the module's (changed, result, diff).
    """
    if current is not None and not check_mode:
        delete(current)
    return current is not None, {key: None}, {"before": shown(current), "after": {}}
