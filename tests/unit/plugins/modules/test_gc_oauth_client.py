# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import gc_oauth_client, gc_oauth_token, gc_role
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

CLIENTS = "/api/v2/oauth/clients"
CLIENT = {"name": "Nexus Messaging Integration", "roles": ["Nexus Messaging"]}


def run(args, **kwargs):
    return run_module(gc_oauth_client.main, args, **kwargs)


@pytest.fixture()
def role_id(sim, gc_args):
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging"))
    assert ok
    sim.clear()
    return result["role"]["id"]


def test_create_returns_the_secret_once(sim, gc_args, role_id, warnings):
    ok, result = run(dict(gc_args, **CLIENT))
    assert ok and result["changed"]
    post = sim.writes()[0]
    home = sim.server.planes["gc"].dump()["divisions"][0]["id"]
    assert post["body"] == {"name": CLIENT["name"], "description": "", "authorizedGrantType": "CLIENT-CREDENTIALS",
                            "roleDivisions": [{"roleId": role_id, "divisionId": home}], "accessTokenValiditySeconds": 86400}
    created = sim.server.planes["gc"].oauth_clients[result["oauth_client"]["id"]]
    assert result["oauth_client"]["client_secret"] == created["secret"]
    assert warnings == ["gc_oauth_client returns the new client secret in clear; set no_log: true on this task"]
    assert created["secret"] not in json.dumps(result["diff"])
    ok, again = run(dict(gc_args, **CLIENT))
    assert ok and again["changed"] is False and "client_secret" not in again["oauth_client"]


def test_the_new_client_can_log_in(sim, gc_args, role_id):
    ok, result = run(dict(gc_args, _ansible_no_log=True, **CLIENT))
    client = result["oauth_client"]
    login = dict(gc_args, client_id=client["id"], client_secret=client["client_secret"], _ansible_no_log=True)
    ok, token = run_module(gc_oauth_token.main, login)
    assert ok and token["access_token"]


def test_update_roles_and_lifetime(sim, gc_args, role_id):
    run(dict(gc_args, **CLIENT))
    run_module(gc_role.main, dict(gc_args, name="Auditors", permissions=["analytics:*:view"]))
    sim.clear()
    wanted = dict(gc_args, name=CLIENT["name"], roles=["Auditors"], access_token_validity_seconds=3600)
    ok, check = run(wanted, check_mode=True)
    assert ok and check["changed"] and sim.writes() == []
    ok, result = run(wanted)
    assert ok and result["changed"] and result["diff"] == check["diff"]
    assert result["diff"]["before"]["roles"] == ["Nexus Messaging"]
    assert result["diff"]["after"]["roles"] == ["Auditors"]
    assert sim.writes()[0]["method"] == "PUT"


def test_missing_role_fails_but_only_warns_in_check_mode(sim, gc_args, warnings):
    ok, result = run(dict(gc_args, **CLIENT))
    assert not ok and result["msg"] == "role 'Nexus Messaging' does not exist; create it first (gc_role)"
    assert sim.writes() == []
    ok, result = run(dict(gc_args, **CLIENT), check_mode=True)
    assert ok and result["changed"]
    assert warnings == ["role 'Nexus Messaging' does not exist yet; a real run fails unless an earlier task creates it"]


def test_delete(sim, gc_args, role_id):
    run(dict(gc_args, **CLIENT))
    ok, result = run(dict(gc_args, name=CLIENT["name"], state="absent"))
    assert ok and result["changed"] and sim.state("gc")["oauth_clients"] == {}
    ok, result = run(dict(gc_args, name=CLIENT["name"], state="absent"))
    assert ok and result["changed"] is False


@pytest.mark.parametrize("override, message", [
    ({"access_token_validity_seconds": 10}, "access_token_validity_seconds must be between 300 and 172800"),
    ({"name": " "}, "name must not be empty"),
])
def test_bad_input(sim, gc_args, override, message):
    ok, result = run(dict(gc_args, **dict(CLIENT, **override)))
    assert not ok and result["msg"] == message
    assert sim.journal() == []


# --- roles per division (issue 10: roleIds is deprecated in the SDK) -------------------------------

@pytest.mark.parametrize("form", ["roleDivisions", "roleIds", "both"])
def test_idempotent_whatever_role_form_the_server_answers(sim, gc_args, role_id, form):
    """A server that answers only roleDivisions (or only the deprecated roleIds) sees no change on a rerun."""
    sim.configure("gc", client_role_form=form)
    ok, result = run(dict(gc_args, **CLIENT))
    assert ok and result["changed"]
    sim.clear()
    ok, again = run(dict(gc_args, **CLIENT))
    assert ok and again["changed"] is False, again["diff"]
    assert sim.writes() == []
    assert again["oauth_client"]["role_divisions"] == ["Nexus Messaging in Home"]


def test_roles_are_granted_in_the_named_division(sim, gc_args, role_id):
    sim.configure("gc", divisions=["Contact Center"])
    ok, result = run(dict(gc_args, division="Contact Center", **CLIENT))
    assert ok and result["changed"]
    division = next(d["id"] for d in sim.server.planes["gc"].dump()["divisions"] if d["name"] == "Contact Center")
    assert sim.writes()[0]["body"]["roleDivisions"] == [{"roleId": role_id, "divisionId": division}]
    sim.clear()
    ok, moved = run(dict(gc_args, **CLIENT), check_mode=True)
    assert ok and moved["changed"] and sim.writes() == []
    assert moved["diff"]["before"]["role_divisions"] == ["Nexus Messaging in Contact Center"]
    assert moved["diff"]["after"]["role_divisions"] == ["Nexus Messaging in Home"]


def test_unknown_division_fails_before_any_write(sim, gc_args, role_id):
    ok, result = run(dict(gc_args, division="Nowhere", **CLIENT))
    assert not ok and result["msg"] == "division 'Nowhere' does not exist"
    assert sim.writes() == []
