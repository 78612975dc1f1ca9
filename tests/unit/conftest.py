# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests talk to the real simulator, in-process on a free 127.0.0.1 port."""

from __future__ import annotations

import pytest

from ansible.module_utils import basic

from ansible_collections.cxops.digital_channels.plugins.module_utils import _http
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_KEYS_OPTIONS, NEXUS_OPTIONS
from ansible_collections.cxops.digital_channels.tests.simulator import (
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_GAUTH_CLIENT_SECRET,
    DEFAULT_GAUTH_PASSWORD,
    DEFAULT_GAUTH_USERNAME,
    DEFAULT_GAX_PASSWORD,
    DEFAULT_GAX_USERNAME,
    build,
)
from ansible_collections.cxops.digital_channels.tests.unit.utils import SimClient

# Every plane's connection-option table; their env vars are cleared for each test.
OPTION_TABLES = (NEXUS_OPTIONS, GC_OPTIONS, GAX_OPTIONS, NEXUS_KEYS_OPTIONS)

CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"
OTHER_CCID = "0b6c0d6e-2f7a-4c1e-9d3b-8a5f4e2d1c00"


@pytest.fixture(scope="session")
def _server():
    sim = build().start()
    yield sim
    sim.stop()


@pytest.fixture()
def sim(_server):
    """A clean simulator for each test: state, journal and faults reset."""
    _server.reset()
    return SimClient(_server)


@pytest.fixture()
def nexus_args(sim):
    return {"nexus_url": sim.url, "api_key": DEFAULT_API_KEY, "ccid": CCID}


@pytest.fixture()
def gc_args(sim):
    """Client credentials against the simulator's login and API (one server serves both)."""
    return {"login_url": sim.url, "api_url": sim.url, "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET}


@pytest.fixture()
def gauth_args(sim):
    """Digital Channels' API keys with the GWS ops login (one server serves both)."""
    return {"nexus_url": sim.url, "auth_url": sim.url, "auth_client_secret": DEFAULT_GAUTH_CLIENT_SECRET,
            "auth_username": DEFAULT_GAUTH_USERNAME, "auth_password": DEFAULT_GAUTH_PASSWORD}


@pytest.fixture()
def gax_args(sim):
    return {"gax_url": sim.url, "gax_username": DEFAULT_GAX_USERNAME, "gax_password": DEFAULT_GAX_PASSWORD}


@pytest.fixture(autouse=True)
def _no_env(monkeypatch, tmp_path_factory):
    """Connection env vars of the developer's shell must not leak into tests; NexusServices locks stay out of ~."""
    for table in OPTION_TABLES:
        for entry in table.values():
            if entry.get("env"):
                monkeypatch.delenv(entry["env"], raising=False)
    monkeypatch.delenv("CXOPS_LOCK_TIMEOUT", raising=False)
    monkeypatch.setenv("CXOPS_LOCK_DIR", str(tmp_path_factory.mktemp("locks")))


@pytest.fixture()
def warnings(monkeypatch):
    """Warnings modules emit, recorded."""
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, msg: seen.append(msg))
    return seen


@pytest.fixture()
def sleeps(monkeypatch):
    """Record retry waits instead of sleeping them."""
    waited = []
    monkeypatch.setattr(_http, "pause", waited.append)
    return waited
