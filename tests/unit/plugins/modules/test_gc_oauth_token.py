# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import time

from ansible_collections.cxops.digital_channels.plugins.modules import gc_oauth_token
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module


def test_token_is_returned_with_expiry(sim, gc_args, warnings):
    before = int(time.time())
    ok, result = run_module(gc_oauth_token.main, dict(gc_args, _ansible_no_log=True))
    assert ok and result["changed"] is False
    assert result["token_type"] == "bearer" and result["expires_in"] == 86400
    assert before + 86400 <= result["expires_at"] <= int(time.time()) + 86400
    assert result["access_token"] in sim.server.planes["gc"].tokens
    assert warnings == []
    assert sim.writes() == []


def test_check_mode_still_gets_a_token(sim, gc_args):
    ok, result = run_module(gc_oauth_token.main, dict(gc_args, _ansible_no_log=True), check_mode=True)
    assert ok and result["access_token"]
    assert [e["path"] for e in sim.journal()] == ["/oauth/token"]


def test_warns_when_the_task_would_print_the_token(sim, gc_args, warnings):
    ok, result = run_module(gc_oauth_token.main, gc_args)
    assert ok
    assert warnings == ["gc_oauth_token returns the access token in clear; set no_log: true on this task"]


def test_needs_client_credentials(sim, gc_args):
    ok, result = run_module(gc_oauth_token.main, dict(gc_args, client_secret=None, access_token="given-token-123"))
    assert not ok and result["msg"] == "gc_oauth_token needs client_id and client_secret"
    assert sim.journal() == []


def test_wrong_secret(sim, gc_args):
    ok, result = run_module(gc_oauth_token.main, dict(gc_args, client_secret="not-the-secret-00"))
    assert not ok
    assert result["msg"] == "POST /oauth/token failed: HTTP 401: invalid client credentials (check the credentials)"
    assert "not-the-secret-00" not in str(result)


def test_region_sets_the_hosts(sim, gc_args):
    ok, result = run_module(gc_oauth_token.main, dict(gc_args, login_url=None, api_url=None, region="bogus-1"))
    assert not ok and result["msg"].startswith("value of region must be one of:")
