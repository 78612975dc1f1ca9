# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_api_key
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

KEYS = "/nexus/v3/provisioning/apikeys"
PORTICO = {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"]}
VALUE = "portico-cluster-key-0f4e2b9d"


def run(args, **kwargs):
    return run_module(nexus_api_key.main, args, **kwargs)


def test_create_with_a_given_value(sim, nexus_args):
    ok, result = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is True
    post = sim.writes()[0]
    assert (post["method"], post["path"]) == ("POST", KEYS)
    assert post["body"] == dict(PORTICO, key=VALUE)
    assert post["headers"]["x-ccid"] == CCID
    assert result["api_key"]["id"] and "key" not in result["api_key"]
    assert result["diff"] == {"before": {}, "after": PORTICO}
    assert VALUE not in json.dumps(result)
    # The new key works against the API.
    assert sim.server.planes["nexus"].api_keys[result["api_key"]["id"]]["key"] == VALUE


def test_generated_value_is_returned_once(sim, nexus_args, warnings):
    ok, result = run(dict(nexus_args, **PORTICO))
    assert ok and result["api_key"]["key"]
    assert warnings == ["nexus_api_key returns the generated key in clear; set no_log: true on this task"]
    ok, again = run(dict(nexus_args, **PORTICO))
    assert ok and again["changed"] is False and "key" not in again["api_key"]
    assert again["api_key"]["id"] == result["api_key"]["id"]


def test_rerun_writes_nothing(sim, nexus_args):
    run(dict(nexus_args, key=VALUE, **PORTICO))
    sim.clear()
    ok, result = run(dict(nexus_args, key=VALUE, **dict(PORTICO, permissions=["nexus:cluster:*", "nexus:cluster:*"])))
    assert ok and result["changed"] is False
    assert [e["method"] for e in sim.journal()] == ["GET"]
    assert result["diff"]["before"] == result["diff"]["after"]


def test_check_mode_predicts_and_writes_nothing(sim, nexus_args):
    ok, check = run(dict(nexus_args, key=VALUE, **PORTICO), check_mode=True)
    assert ok and check["changed"] and check["api_key"]["id"] is None
    assert sim.writes() == []
    ok, real = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert real["diff"] == check["diff"] and real["changed"] == check["changed"]


def test_different_permissions_fail_with_the_manual_step(sim, nexus_args):
    run(dict(nexus_args, key=VALUE, **PORTICO))
    sim.clear()
    ok, result = run(dict(nexus_args, **dict(PORTICO, tenant=CCID)))
    assert not ok
    assert result["msg"] == (
        "API key 'Portico Cluster API Key' exists with tenant * and permissions ['nexus:cluster:*']; Digital Channels "
        "cannot change them. Delete it (state=absent), create it again and give the new value to everything that uses it"
    )
    assert sim.writes() == []


def test_delete(sim, nexus_args):
    run(dict(nexus_args, key=VALUE, **PORTICO))
    ok, check = run(dict(nexus_args, name=PORTICO["name"], state="absent"), check_mode=True)
    assert ok and check["changed"] and len(sim.state("nexus")["api_keys"]) == 1
    ok, result = run(dict(nexus_args, name=PORTICO["name"], state="absent"))
    assert ok and result["changed"] and result["diff"] == check["diff"]
    assert sim.state("nexus")["api_keys"] == {}
    ok, result = run(dict(nexus_args, name=PORTICO["name"], state="absent"))
    assert ok and result["changed"] is False


@pytest.mark.parametrize("override, message", [
    ({"tenant": "acme"}, "tenant must be a UUID"),
    ({"permissions": ["cluster"]}, "permissions must list permissions such as nexus:cluster:*, got ['cluster']"),
    ({"permissions": []}, "permissions must list permissions such as nexus:cluster:*, got []"),
    ({"key": "short"}, "key must be at least 16 characters long"),
    ({"name": "  "}, "name must not be empty"),
])
def test_bad_input(sim, nexus_args, override, message):
    ok, result = run(dict(nexus_args, **dict(PORTICO, **override)))
    assert not ok and result["msg"].startswith(message), result["msg"]
    assert sim.journal() == []


def test_present_needs_tenant_and_permissions(sim, nexus_args):
    ok, result = run(dict(nexus_args, name="k"))
    assert not ok and result["msg"] == "state is present but all of the following are missing: tenant, permissions"
    assert sim.journal() == []


def test_tenant_key_cannot_manage_keys(sim, nexus_args):
    sim.configure("nexus", api_keys={"tenant-only-key-123": CCID})
    ok, result = run(dict(nexus_args, api_key="tenant-only-key-123", **PORTICO))
    assert not ok
    assert result["msg"] == "GET %s failed: HTTP 403: managing API keys needs a cluster API key" % KEYS


def test_dropped_create_is_not_repeated(sim, nexus_args, sleeps):
    """The key shows in the listing after the lost answer: it landed, and its value is the one given."""
    sim.fault(method="POST", path=KEYS, action="drop_after_commit")
    ok, result = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] and result["api_key"]["id"]
    assert len(sim.state("nexus")["api_keys"]) == 1
    assert len(sim.writes()) == 1
    ok, result = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is False


def test_dropped_create_of_a_generated_key_says_how_to_recover(sim, nexus_args, sleeps):
    """Defect 10: the generated value was only in the lost answer; the task says so instead of passing quietly."""
    sim.fault(method="POST", path=KEYS, action="drop_after_commit")
    ok, result = run(dict(nexus_args, **PORTICO))
    assert not ok
    assert "was created, but its generated value was only in that answer and cannot be read back" in result["msg"]
    assert "delete the key (state=absent) and run again, or give its value with the key option" in result["msg"]
    assert len(sim.writes()) == 1 and len(sim.state("nexus")["api_keys"]) == 1


def test_key_created_by_another_play_meanwhile_is_adopted(sim, nexus_args):
    """Tenants share the cluster key: two plays may both see it missing; the loser adopts the winner's."""
    run(dict(nexus_args, key=VALUE, **PORTICO))
    sim.clear()
    sim.fault(method="GET", path=KEYS + "$", status=200, body=[], times=1)
    ok, result = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is False
    assert [(e["method"], e["status"]) for e in sim.journal()] == [("GET", 200), ("POST", 409), ("GET", 200)]
    assert len(sim.state("nexus")["api_keys"]) == 1


def test_conflicting_key_created_meanwhile_still_fails(sim, nexus_args):
    run(dict(nexus_args, **dict(PORTICO, tenant=CCID, key=VALUE)))
    sim.fault(method="GET", path=KEYS + "$", status=200, body=[], times=1)
    ok, result = run(dict(nexus_args, key=VALUE, **PORTICO))
    assert not ok and "cannot change them" in result["msg"]
