# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The snapshot's files on the controller, written by the action itself: three delegate_to localhost file tasks
cost a module process each per tenant (docs/benchmarks.md, 2026-12-07), this costs a few system calls."""

from __future__ import annotations

import os

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _reports

LATEST = ".latest"


def _write_new(path, text):
    """Create path with text, mode 0600; an existing file is kept (a second run of one AWX job keeps its first)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True


def save(directory, tenant, run, text, state):
    """Save text as <directory>/<tenant>/<run>.yml unless the tenant's last snapshot ends with the same state.

    Returns (path, saved): the snapshot that holds this state, and whether this call wrote it.
    """
    tenant_dir = os.path.join(directory, _reports.UNSAFE.sub("_", tenant))
    _reports.private_dir(directory)
    _reports.private_dir(tenant_dir)
    last = (_reports.read(os.path.join(tenant_dir, LATEST)) or "").strip()
    last = os.path.basename(last) if last else ""
    previous = _reports.read(os.path.join(tenant_dir, last)) if last else None
    if previous is not None and previous.rstrip().endswith(state.rstrip()):
        return os.path.join(tenant_dir, last), False
    name = _reports.UNSAFE.sub("_", run) + ".yml"
    path = os.path.join(tenant_dir, name)
    _write_new(path, text)
    _reports.write_private(os.path.join(tenant_dir, LATEST), name + "\n")
    return path, True
