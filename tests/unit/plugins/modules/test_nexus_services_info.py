# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nexus_services_info end to end in-process against the simulated GAX plane."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_services_info
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

OBJECTS = "/gax/api/cfg/objects"
LOGIN = "/gax/api/session/login"
TOKEN = "Bearer gateway-token-7731"
EXISTING = {
    "chat.SMS_Main": {"channelId": "16504661149", "endpoint": "chat.SMS_Main", "provider": "Portico"},
    "Async": {"header:custom-header-for-async-1": "12345", "header:Authorization": TOKEN},
    "chat.SMS_Campaigns": {"channelId": "55501", "endpoint": "chat.SMS_Campaigns", "cxcOnly": "true"},
    "other": {"k": "v"},
}


def run(args, **kwargs):
    return run_module(nexus_services_info.main, args, **kwargs)


@pytest.fixture()
def existing(sim):
    sim.server.planes["gax"].set_sections(EXISTING)
    return sim


def test_reads_every_section_in_order_and_writes_nothing(existing, gax_args):
    ok, result = run(gax_args)
    assert ok and result["changed"] is False
    assert result["transaction"] == {"name": "NexusServices", "dbid": "312"}
    assert result["sections"] == EXISTING
    assert list(result["sections"]) == list(EXISTING)
    assert result["missing"] == []
    assert [(e["method"], e["path"]) for e in existing.journal()] == [("POST", LOGIN), ("GET", OBJECTS)]
    assert existing.writes() == []


def test_check_mode_reads_the_same(existing, gax_args):
    ok, checked = run(gax_args, check_mode=True)
    ok_real, real = run(gax_args)
    assert ok and ok_real and checked == real
    assert existing.writes() == []


def test_sections_by_name_and_missing(existing, gax_args):
    ok, result = run(dict(gax_args, sections=["Async", "chat.SMS_Gone", "Async", "chat.SMS_Main"]))
    assert ok
    assert list(result["sections"]) == ["chat.SMS_Main", "Async"]
    assert result["missing"] == ["chat.SMS_Gone"]


def test_prefix_returns_the_sender_ids_only(existing, gax_args):
    ok, result = run(dict(gax_args, prefix="chat."))
    assert ok
    assert result["sections"] == {k: v for k, v in EXISTING.items() if k.startswith("chat.")}
    assert result["missing"] == []


def test_secret_keys_mask_matching_values_everywhere(existing, gax_args):
    ok, result = run(dict(gax_args, secret_keys=["header:Auth*"]))
    assert ok
    assert result["sections"]["Async"] == {"header:custom-header-for-async-1": "12345", "header:Authorization": "********"}
    assert TOKEN not in json.dumps(result)
    ok, result = run(dict(gax_args, secret_keys=["*"]))
    assert ok
    assert {v for options in result["sections"].values() for v in options.values()} == {"********"}
    assert list(result["sections"]["chat.SMS_Main"]) == ["channelId", "endpoint", "provider"]


def test_an_empty_transaction_is_not_an_error(sim, gax_args):
    ok, result = run(dict(gax_args, sections=["chat.SMS_Main"]))
    assert ok
    assert result["sections"] == {} and result["missing"] == ["chat.SMS_Main"]


@pytest.mark.parametrize("extra, message", [
    ({"sections": ["chat.bad name"]}, "sections must be letters, digits"),
    ({"sections": ["chat.SMS\n"]}, "sections must be letters, digits"),
    ({"prefix": "chat. x"}, "prefix may not hold spaces"),
    ({"prefix": " "}, "prefix must not be empty"),
    ({"sections": ["Async"], "prefix": "chat."}, "parameters are mutually exclusive: sections|prefix"),
    ({"gax_url": "gax.example.com"}, "gax_url must be an http:// or https:// URL"),
])
def test_bad_input_fails_before_any_request(sim, gax_args, extra, message):
    ok, result = run(dict(gax_args, **extra))
    assert not ok and message in result["msg"]
    assert sim.journal() == []


def test_wrong_password_names_the_login_and_never_the_password(sim, gax_args):
    ok, result = run(dict(gax_args, gax_password="wrong-password-5521"))
    assert not ok
    assert result["msg"] == ("POST %s failed: HTTP 401: invalid username or password (check the credentials)" % LOGIN)
    assert result["status"] == 401 and "wrong-password-5521" not in json.dumps(result)
    assert [e["path"] for e in sim.journal()] == [LOGIN]


def test_missing_transaction_fails(sim, gax_args):
    # Platform Administration answers, but no transaction has the name (a tenant without Digital Channels).
    sim.fault(method="GET", path=OBJECTS + "$", action="rewrite", body={"each": {"name": "NexusServicesOld"}})
    ok, result = run(gax_args)
    assert not ok
    assert result["msg"].startswith("GET %s failed: HTTP 200: transaction NexusServices not found" % OBJECTS)


def test_a_renamed_field_is_reported_by_name(existing, gax_args):
    existing.fault(method="GET", path=OBJECTS + "$", action="rewrite",
                   body={"unset_each": ["userproperties"], "each": {"properties": {"property": []}}})
    ok, result = run(gax_args)
    assert not ok
    assert result["msg"].startswith("GET %s: refusing the server's answer: CfgTransaction NexusServices has no usable "
                                    "userproperties (fields present: " % OBJECTS)
    assert "properties" in result["msg"].split("fields present:")[1]


def test_options_of_an_unknown_shape_are_refused(existing, gax_args):
    existing.fault(method="GET", path=OBJECTS + "$", action="rewrite",
                   body={"each": {"userproperties": {"property": [{"section": "chat.x", "name": "k", "value": "v"}]}}})
    ok, result = run(gax_args)
    assert not ok
    assert "userproperties.property is not a list of section/key/value strings" in result["msg"]


def test_server_failure_is_retried_then_reported(existing, gax_args, sleeps):
    existing.fault(method="GET", path=OBJECTS + "$", status=503, times=-1)
    ok, result = run(dict(gax_args, retries=2))
    assert not ok
    assert result["msg"] == "GET %s failed: HTTP 503: injected fault (gave up after 2 retries)" % OBJECTS
    assert len(sleeps) == 2 and existing.writes() == []
