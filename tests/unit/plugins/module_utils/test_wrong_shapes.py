# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A listing that is not the documented shape is an error, never "nothing exists" followed by a create (issue 19)."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_role,
    gc_tollfree_number,
    gc_tollfree_number_info,
    nexus_api_key,
)
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

PORTICO = {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"]}
# 200 answers that are not a listing: HTML, invalid JSON, null, an empty object, items that are not objects.
GC_WRONG = [{}, [], {"entities": [1, 2]}, {"total": 0}, {"entities": None}, None, "x", 123]


def creates(sim, path):
    return [e for e in sim.journal() if e["method"] == "POST" and e["path"] == path]


@pytest.mark.parametrize("body", GC_WRONG)
def test_gc_role_never_creates_after_a_wrong_shaped_listing(sim, gc_args, body):
    sim.fault(method="GET", path="/api/v2/authorization/roles$", status=200, body=body)
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*"]))
    assert not ok and "GET /api/v2/authorization/roles" in result["msg"], result
    assert "the listing is not" in result["msg"] or "is not JSON" in result["msg"]
    assert creates(sim, "/api/v2/authorization/roles") == []


@pytest.mark.parametrize("body", GC_WRONG)
def test_gc_oauth_client_never_creates_after_a_wrong_shaped_listing(sim, gc_args, body):
    run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*"]))
    sim.fault(method="GET", path="/api/v2/oauth/clients$", status=200, body=body)
    ok, result = run_module(gc_oauth_client.main, dict(gc_args, name="Nexus Messaging Integration",
                                                       roles=["Nexus Messaging"]))
    assert not ok and "GET /api/v2/oauth/clients" in result["msg"], result
    assert creates(sim, "/api/v2/oauth/clients") == []


@pytest.mark.parametrize("body", [None, {}, {"data": [1]}, "x", 123, {"items": []}, {"data": None}])
def test_nexus_api_key_never_creates_after_a_wrong_shaped_listing(sim, gauth_args, body):
    sim.fault(method="GET", path="/apikeys$", status=200, body=body)
    ok, result = run_module(nexus_api_key.main, dict(gauth_args, **PORTICO))
    assert not ok and "the listing is not" in result["msg"], result
    assert sim.writes() == []


def test_nexus_api_key_html_listing_is_an_error(sim, gauth_args):
    sim.fault(method="GET", path="/apikeys$", status=200, body="<html>login</html>")
    ok, result = run_module(nexus_api_key.main, dict(gauth_args, **PORTICO))
    assert not ok and sim.writes() == [], result


@pytest.mark.parametrize("body", GC_WRONG)
def test_owned_numbers_are_never_reported_as_none_after_a_wrong_shaped_listing(sim, gc_args, body):
    sim.fault(method="GET", path="/tollfreenumbers$", status=200, body=body)
    ok, result = run_module(gc_tollfree_number_info.main, dict(gc_args))
    assert not ok and "GET /api/v2/messaging/sms/provisioning/tollfreenumbers" in result["msg"], result
    assert "numbers" not in result


@pytest.mark.parametrize("body", GC_WRONG)
def test_no_number_is_ordered_after_a_wrong_shaped_owned_listing(sim, gc_args, body):
    sim.fault(method="GET", path="/tollfreenumbers$", status=200, body=body)
    ok, result = run_module(gc_tollfree_number.main, dict(
        gc_args, numbers=[{"number": "+18445550100"}], nexus_url="https://digital.example.com",
        webhook_username="45acae06-6b7c-4f97-9c76-471cb5c21bf7", webhook_password="wh-password-1"))
    assert not ok, result
    assert creates(sim, "/api/v2/messaging/sms/provisioning/tollfreenumbers") == []
