# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local, stateful, strict fake of the APIs the collection drives (see docs/simulator.md)."""

from __future__ import annotations

from .core import Simulator
from .gax import DEFAULT_PASSWORD as DEFAULT_GAX_PASSWORD
from .gax import DEFAULT_USERNAME as DEFAULT_GAX_USERNAME
from .gauth import DEFAULT_CLIENT_ID as DEFAULT_GAUTH_CLIENT_ID
from .gauth import DEFAULT_CLIENT_SECRET as DEFAULT_GAUTH_CLIENT_SECRET
from .gauth import DEFAULT_OPS_PASSWORD as DEFAULT_GAUTH_PASSWORD
from .gauth import DEFAULT_OPS_USERNAME as DEFAULT_GAUTH_USERNAME
from .gauth import GwsAuthPlane
from .gax import GaxPlane
from .gc import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, GcPlane
from .nexus import DEFAULT_API_KEY, NexusPlane


def build(host="127.0.0.1", port=0, tls=None):
    """A simulator with every plane, not yet started; tls=(certificate file, key file) serves HTTPS."""
    gauth = GwsAuthPlane()
    return Simulator([NexusPlane(gauth), GcPlane(), GaxPlane(), gauth], host=host, port=port, tls=tls)


__all__ = [
    "DEFAULT_API_KEY", "DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "DEFAULT_GAUTH_CLIENT_ID",
    "DEFAULT_GAUTH_CLIENT_SECRET", "DEFAULT_GAUTH_PASSWORD", "DEFAULT_GAUTH_USERNAME", "DEFAULT_GAX_PASSWORD",
    "DEFAULT_GAX_USERNAME", "Simulator", "build",
]
