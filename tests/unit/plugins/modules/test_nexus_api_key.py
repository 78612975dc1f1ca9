# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nexus_api_key on the plane the vendor's own scripts use (issue 20): /nexus/v3/apikeys with a GWS Auth token."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_api_key
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.simulator.gauth import (
    DEFAULT_TENANT_CCID,
    DEFAULT_TENANT_PASSWORD,
    DEFAULT_TENANT_USERNAME,
)
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

KEYS = "/nexus/v3/apikeys"
TOKEN = "/auth/v3/oauth/token"
PORTICO = {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"]}
VALUE = "portico-cluster-key-0f4e2b9d"


def run(args, **kwargs):
    return run_module(nexus_api_key.main, args, **kwargs)


def keys(sim):
    return sim.server.planes["nexus"].api_keys


def requests(sim):
    return [(e["method"], e["path"]) for e in sim.journal()]


def assert_no_id(result, sim):
    """No key's id (its value) in what the task returns: neither the one it made nor any it listed."""
    text = json.dumps(result)
    for key_id in keys(sim):
        assert key_id not in text, key_id


def test_create_the_portico_key_with_a_given_value(sim, gauth_args):
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is True, result
    assert requests(sim) == [("POST", TOKEN), ("GET", KEYS), ("POST", KEYS)]
    token = sim.journal()[0]
    assert token["body"] == {"grant_type": "password", "client_id": "external_api_client", "username": gauth_args["auth_username"],
                             "password": gauth_args["auth_password"]}
    assert token["basic_auth"] == "external_api_client:%s" % gauth_args["auth_client_secret"]
    post = sim.journal()[2]
    assert post["body"] == {"data": {"enabled": True, "tenant": "*", "name": "Portico Cluster API Key",
                                     "permissions": ["nexus:cluster:*"], "id": VALUE}}
    assert post["headers"]["authorization"].startswith("Bearer ") and "x-api-key" not in post["headers"]
    assert result["api_key"] == dict(PORTICO, enabled=True) and "key" not in result["api_key"]
    assert result["diff"] == {"before": {}, "after": dict(PORTICO, enabled=True)}
    assert_no_id(result, sim)
    assert keys(sim)[VALUE]["name"] == "Portico Cluster API Key"


def test_a_rerun_finds_the_key_by_name_with_zero_writes(sim, gauth_args):
    run(dict(gauth_args, key=VALUE, **PORTICO))
    sim.clear()
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is False
    assert sim.writes() == [] and requests(sim) == [("POST", TOKEN), ("GET", KEYS)]
    assert result["diff"]["before"] == result["diff"]["after"]
    assert_no_id(result, sim)


def test_the_generated_value_is_returned_only_by_the_task_that_created_the_key(sim, gauth_args, warnings):
    ok, result = run(dict(gauth_args, **PORTICO))
    generated = next(k for k in keys(sim) if k != DEFAULT_API_KEY)
    assert ok and result["api_key"]["key"] == generated
    assert warnings == ["nexus_api_key returns the generated key in clear; set no_log: true on this task"]
    assert DEFAULT_API_KEY not in json.dumps(result)
    ok, again = run(dict(gauth_args, **PORTICO))
    assert ok and again["changed"] is False and "key" not in again["api_key"]
    assert_no_id(again, sim)


def test_a_vaulted_value_is_checked_against_the_listed_ids_without_printing_either(sim, gauth_args):
    run(dict(gauth_args, key=VALUE, **PORTICO))
    sim.clear()
    wrong = "another-value-0123456789"
    ok, result = run(dict(gauth_args, key=wrong, **PORTICO))
    assert not ok and sim.writes() == []
    assert result["msg"].startswith("the value given in key is not the value of API key 'Portico Cluster API Key'")
    assert VALUE not in json.dumps(result) and wrong not in json.dumps(result)


def test_an_existing_key_that_differs_fails_naming_the_manual_step(sim, gauth_args):
    run(dict(gauth_args, name="Portico Cluster API Key", tenant="*", permissions=["nexus:consumer:*"]))
    sim.clear()
    ok, result = run(dict(gauth_args, **PORTICO))
    assert not ok and "Digital Channels cannot change them" in result["msg"] and sim.writes() == []
    assert_no_id(result, sim)


def test_a_disabled_key_is_not_silently_accepted(sim, gauth_args):
    run(dict(gauth_args, enabled=False, **PORTICO))
    ok, result = run(dict(gauth_args, **PORTICO))
    assert not ok and "is disabled" in result["msg"] and "NX-KEY-UPDATE" in result["msg"]


def test_delete_removes_the_key_and_a_rerun_does_nothing(sim, gauth_args):
    run(dict(gauth_args, key=VALUE, **PORTICO))
    sim.clear()
    ok, result = run(dict(gauth_args, name=PORTICO["name"], state="absent"))
    assert ok and result["changed"] and VALUE not in keys(sim)
    assert [(e["method"], e["path"]) for e in sim.writes()] == [("DELETE", KEYS + "/" + VALUE)]
    assert result["diff"] == {"before": dict(PORTICO, enabled=True), "after": {}}
    assert_no_id(result, sim)
    sim.clear()
    ok, result = run(dict(gauth_args, name=PORTICO["name"], state="absent"))
    assert ok and result["changed"] is False and sim.writes() == []


def test_check_mode_logs_in_lists_and_writes_nothing(sim, gauth_args):
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO), check_mode=True)
    assert ok and result["changed"] is True and result["diff"]["after"] == dict(PORTICO, enabled=True)
    assert sim.writes() == [] and requests(sim) == [("POST", TOKEN), ("GET", KEYS)]


def test_a_wrong_gws_auth_password_fails_naming_the_auth_service_with_zero_writes(sim, gauth_args):
    ok, result = run(dict(gauth_args, auth_password="not-the-password", key=VALUE, **PORTICO))
    assert not ok and sim.writes() == []
    assert result["msg"].startswith("POST /auth/v3/oauth/token failed: HTTP 401")
    assert "GWS Auth Services at 127.0.0.1:" in result["msg"] and "refused auth_username" in result["msg"]
    assert "not-the-password" not in json.dumps(result)


def test_a_tenant_person_creates_its_tenants_key_but_not_a_cluster_key(sim, gauth_args):
    person = dict(gauth_args, auth_username=DEFAULT_TENANT_USERNAME, auth_password=DEFAULT_TENANT_PASSWORD)
    ok, result = run(dict(person, name="t100", tenant=DEFAULT_TENANT_CCID, permissions=["nexus:consumer:*"]), )
    assert ok and result["changed"], result
    ok, result = run(dict(person, key=VALUE, **PORTICO))
    assert not ok and "HTTP 403" in result["msg"] and "may not create API keys for tenant *" in result["msg"]


def test_a_bare_array_listing_is_read_the_same(sim, gauth_args):
    sim.configure("nexus", api_key_listing="list")
    run(dict(gauth_args, key=VALUE, **PORTICO))
    sim.clear()
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is False and sim.writes() == []


def test_a_key_created_by_another_run_meanwhile_is_adopted(sim, gauth_args):
    """Tenants share the cluster key: two runs may both see it missing; the loser finds the winner's."""
    run(dict(gauth_args, key=VALUE, **PORTICO))
    sim.clear()
    sim.fault(method="GET", path=KEYS + "$", status=200, body={"data": []}, times=1)
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert ok and result["changed"] is False, result
    assert [(e["method"], e["status"]) for e in sim.journal() if e["path"] == KEYS] == [("GET", 200), ("POST", 409), ("GET", 200)]


def test_a_lost_create_answer_is_settled_by_listing_and_the_value_is_known(sim, gauth_args, sleeps):
    sim.fault(method="POST", path=KEYS + "$", action="drop_after_commit")
    ok, result = run(dict(gauth_args, **PORTICO))
    assert ok and result["changed"], result
    created = next(k for k in keys(sim) if k != DEFAULT_API_KEY)
    assert result["api_key"]["key"] == created
    assert len([e for e in sim.writes() if e["path"] == KEYS]) == 1


def test_a_nexus_that_does_not_take_a_chosen_id_names_the_assumption(sim, gauth_args):
    sim.configure("nexus", accept_key_id=False)
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert not ok and "HTTP 400" in result["msg"] and "NX-KEY-ID" in result["msg"] and "omit key" in result["msg"]
    assert VALUE not in json.dumps(result)


@pytest.mark.parametrize("override, message", [
    ({"tenant": "t100"}, "tenant must be a UUID"),
    ({"permissions": ["cluster"]}, "permissions must list permissions such as nexus:cluster:*, got ['cluster']"),
    ({"permissions": []}, "permissions must list permissions such as nexus:cluster:*, got []"),
    ({"key": "short"}, "key must be 16 to 128 letters, digits or -._~"),
    ({"key": "has a space in it, too long"}, "key must be 16 to 128 letters, digits or -._~"),
    ({"auth_url": "gauth.example.com"}, "auth_url must be an http:// or https:// URL"),
    ({"auth_password": "s3cr3t-gauth-pass\n"}, "auth_password has leading or trailing whitespace"),
])
def test_bad_input_fails_before_any_request(sim, gauth_args, override, message):
    ok, result = run(dict(dict(gauth_args, **PORTICO), **override))
    assert not ok and message in result["msg"], result["msg"]
    assert sim.journal() == []


def test_the_token_is_fetched_again_once_when_it_expired(sim, gauth_args):
    sim.fault(method="GET", path=KEYS + "$", action="configure", body={"gauth": {"expire_tokens": True}})
    ok, result = run(dict(gauth_args, key=VALUE, **PORTICO))
    assert ok and result["changed"], result
    assert [e["path"] for e in sim.journal()].count(TOKEN) == 2
