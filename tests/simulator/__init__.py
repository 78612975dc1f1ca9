# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local, stateful, strict fake of the APIs the collection drives (see docs/simulator.md)."""

from __future__ import annotations

from .core import Simulator
from .gax import DEFAULT_PASSWORD as DEFAULT_GAX_PASSWORD
from .gax import DEFAULT_USERNAME as DEFAULT_GAX_USERNAME
from .gax import GaxPlane
from .gc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, GcPlane
from .nexus import DEFAULT_API_KEY, NexusPlane


def build(host="127.0.0.1", port=0):
    """A simulator with every plane, not yet started."""
    return Simulator([NexusPlane(), GcPlane(), GaxPlane()], host=host, port=port)


__all__ = [
    "DEFAULT_API_KEY", "DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "DEFAULT_GAX_PASSWORD",
    "DEFAULT_GAX_USERNAME", "Simulator", "build",
]
