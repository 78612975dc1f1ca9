# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nexus_services_options end to end in-process against the simulated GAX plane."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_services_options
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

OBJECTS = "/gax/api/cfg/objects"
PUT = "/gax/api/cfg/objects/CfgTransaction/312"
LOGIN = "/gax/api/session/login"
HEADER = {"header:custom-header-for-async-1": "12345"}
EXISTING = {"Async": {"header:a": "1", "header:b": "2"}, "chat.SMS_Main": {"channelId": "12345"}, "other": {"k": "v"}}


def run(args, **kwargs):
    return run_module(nexus_services_options.main, args, **kwargs)


def plane(sim):
    return sim.server.planes["gax"]


def existing(sim):
    plane(sim).set_sections(EXISTING)


# --- create, rerun, update -----------------------------------------------------------------

def test_create_header_option_in_a_new_section(sim, gax_args):
    ok, result = run(dict(gax_args, section="Async", options={"header:custom-header-for-async-1": 12345}))
    assert ok and result["changed"] is True
    assert [(e["method"], e["path"]) for e in sim.journal()] == [
        ("POST", LOGIN), ("GET", OBJECTS), ("GET", OBJECTS), ("PUT", PUT), ("GET", OBJECTS)]
    assert sim.writes()[0]["body"]["userproperties"]["property"] == [
        {"section": "Async", "key": "header:custom-header-for-async-1", "value": "12345"}]
    assert result["options"] == HEADER and result["section"] == "Async"
    assert result["diff"] == {"before": {}, "after": {"Async": HEADER}}


def test_add_keeps_other_keys_and_sections(sim, gax_args):
    existing(sim)
    ok, result = run(dict(gax_args, section="Async", options=HEADER))
    assert ok and result["changed"]
    assert plane(sim).sections() == dict(EXISTING, Async=dict(EXISTING["Async"], **HEADER))
    assert result["diff"] == {"before": {"Async": EXISTING["Async"]}, "after": {"Async": dict(EXISTING["Async"], **HEADER)}}


def test_rerun_changes_nothing_and_writes_nothing(sim, gax_args):
    existing(sim)
    for attempt in range(2):
        sim.clear()
        ok, result = run(dict(gax_args, section="Async", options={"header:a": "1", "flag": True}))
        assert ok
    assert result["changed"] is False
    assert sim.writes() == [] and [e["method"] for e in sim.journal()] == ["POST", "GET"]
    assert plane(sim).sections()["Async"]["flag"] == "true"


def test_update_value(sim, gax_args):
    existing(sim)
    ok, result = run(dict(gax_args, section="Async", options={"header:b": "22"}))
    assert ok and result["changed"]
    assert plane(sim).sections()["Async"] == {"header:a": "1", "header:b": "22"}
    assert result["diff"]["before"]["Async"]["header:b"] == "2" and result["diff"]["after"]["Async"]["header:b"] == "22"


def test_exclusive_removes_only_other_keys_of_the_section(sim, gax_args):
    existing(sim)
    ok, result = run(dict(gax_args, section="Async", options=HEADER, exclusive=True))
    assert ok and result["changed"]
    assert plane(sim).sections() == dict(EXISTING, Async=HEADER)
    sim.clear()
    ok, result = run(dict(gax_args, section="Async", options=HEADER, exclusive=True))
    assert ok and result["changed"] is False and sim.writes() == []


# --- remove --------------------------------------------------------------------------------

def test_absent_removes_named_keys_whatever_their_value(sim, gax_args):
    existing(sim)
    ok, result = run(dict(gax_args, section="Async", options={"header:a": "not compared", "header:zz": ""}, state="absent"))
    assert ok and result["changed"]
    assert plane(sim).sections()["Async"] == {"header:b": "2"}
    assert result["options"] == {"header:b": "2"}


def test_absent_without_options_removes_the_section(sim, gax_args):
    existing(sim)
    ok, result = run(dict(gax_args, section="other", state="absent"))
    assert ok and result["changed"]
    assert "other" not in plane(sim).sections() and result["options"] == {}
    assert result["diff"] == {"before": {"other": {"k": "v"}}, "after": {}}
    sim.clear()
    ok, result = run(dict(gax_args, section="other", state="absent"))
    assert ok and result["changed"] is False and sim.writes() == []


# --- check mode -------------------------------------------------------------------------------

@pytest.mark.parametrize("task", [
    {"section": "Async", "options": HEADER},
    {"section": "Async", "options": {"header:a": "1"}},
    {"section": "Async", "options": HEADER, "exclusive": True},
    {"section": "Async", "options": {"header:a": ""}, "state": "absent"},
    {"section": "other", "state": "absent"},
    {"section": "missing", "state": "absent"},
])
def test_check_mode_predicts_the_real_run_without_writing(sim, gax_args, task):
    existing(sim)
    before_state = sim.state("gax")["objects"]
    ok, predicted = run(dict(gax_args, **task), check_mode=True)
    assert ok and sim.writes() == []
    assert sim.state("gax")["objects"] == before_state
    ok, real = run(dict(gax_args, **task))
    assert ok
    assert (predicted["changed"], predicted["diff"], predicted["options"]) == (real["changed"], real["diff"], real["options"])


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("task, message", [
    ({"section": "Async Provider", "options": HEADER}, "section must be letters, digits, '_' and '-', in parts joined by '.', "
                                                       "without spaces, got 'Async Provider'"),
    ({"section": "chat.SMS_Main", "options": {"x": "1"}},
     "section chat.SMS_Main is a sender ID; manage chat.* sections with cxops.digital_channels.nexus_sender_id"),
    ({"section": "Async"}, "missing: options, secret_options"),
    ({"section": "Async", "options": {"header:bad header": "1"}}, "option names may not be empty or hold spaces"),
    ({"section": "Async", "options": {"header:x": "1\nX-Injected: 2"}}, "options.header:x: a header value may not hold line breaks"),
    ({"section": "Async", "options": {"x": [1]}}, "options.x must be a string, number or boolean, got list"),
    ({"section": "Async", "options": {"x": "1"}, "state": "absent", "exclusive": True}, "exclusive applies only to state=present"),
    ({"section": "Async", "options": HEADER, "gax_url": "ftp://gax"}, "gax_url must be an http:// or https:// URL"),
])
def test_bad_input_fails_before_any_request(sim, gax_args, task, message):
    ok, result = run(dict(gax_args, **task))
    assert not ok
    assert message in result["msg"] and "\n" not in result["msg"]
    assert sim.journal() == []


# --- HTTP failures and secrets ------------------------------------------------------------------

def test_expired_session_is_renewed(sim, gax_args):
    sim.configure("gax", session_max_requests=1)
    ok, result = run(dict(gax_args, section="Async", options=HEADER))
    assert ok and result["changed"]
    assert plane(sim).sections() == {"Async": HEADER}
    assert len([e for e in sim.journal() if e["path"] == LOGIN]) == 4


def test_unavailable_gives_up_after_retries(sim, gax_args, sleeps):
    sim.fault(method="GET", status=503, times=-1)
    ok, result = run(dict(gax_args, section="Async", options=HEADER, retries=2))
    assert not ok
    assert result["msg"] == "GET %s failed: HTTP 503: injected fault (gave up after 2 retries)" % OBJECTS
    assert len(sleeps) == 2 and sim.writes() == []


def test_password_is_not_in_results(sim, gax_args):
    sim.fault(method="POST", path="login", status=401, body={"message": "wrong password %s" % gax_args["gax_password"]})
    ok, result = run(dict(gax_args, section="Async", options=HEADER))
    assert not ok and result["status"] == 401
    assert gax_args["gax_password"] not in json.dumps(result)
    ok, result = run(dict(gax_args, section="Async", options=HEADER))
    assert ok and gax_args["gax_password"] not in json.dumps(result)


def test_concurrent_writer_undoing_the_change_is_outlasted(sim, gax_args, sleeps):
    other = {"section": "chat.Other", "key": "channelId", "value": "55555"}
    sim.configure("gax", concurrent_writes=[{"after": "PUT", "stale": True, "set": [other]}])
    ok, result = run(dict(gax_args, section="Async", options=HEADER))
    assert ok and result["changed"]
    assert len(sim.writes()) == 2
    assert plane(sim).sections() == {"chat.Other": {"channelId": "55555"}, "Async": HEADER}


def test_concurrent_writer_that_never_stops_is_reported(sim, gax_args, sleeps):
    other = {"section": "chat.Other", "key": "channelId", "value": "55555"}
    sim.configure("gax", concurrent_writes=[{"after": "PUT", "stale": True, "times": -1, "set": [other]}])
    ok, result = run(dict(gax_args, section="Async", options=HEADER, retries=3))
    assert not ok
    assert result["msg"].startswith("NexusServices was changed by another writer after each of 4 writes")
    assert len(sim.writes()) == 4
    # Backed off with jitter between the writes, longer each time.
    assert len(sleeps) == 3 and 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0 and 1.0 <= sleeps[2] <= 2.0


# --- secret options ------------------------------------------------------------------------------

TOKEN = "Bearer webhook-token-7Hq2"


def test_secret_options_are_written_but_masked_in_result_and_diff(sim, gax_args):
    task = dict(gax_args, section="Async", options={"header:x-tenant": "t1"}, secret_options={"header:Authorization": TOKEN})
    ok, result = run(task)
    assert ok and result["changed"]
    assert plane(sim).sections()["Async"] == {"header:x-tenant": "t1", "header:Authorization": TOKEN}
    assert result["options"] == {"header:x-tenant": "t1", "header:Authorization": "********"}
    assert result["diff"] == {"before": {}, "after": {"Async": {"header:x-tenant": "t1",
                                                                "header:Authorization": "******** (new value)"}}}
    assert TOKEN not in json.dumps(result)
    sim.clear()
    ok, result = run(task)
    assert ok and result["changed"] is False and sim.writes() == []
    assert result["diff"] == {"before": {}, "after": {}}


def test_a_changed_secret_option_is_detected_and_shown_masked(sim, gax_args):
    run(dict(gax_args, section="Async", secret_options={"header:Authorization": TOKEN}))
    sim.clear()
    ok, result = run(dict(gax_args, section="Async", secret_options={"header:Authorization": TOKEN + "-rotated"}),
                     check_mode=True)
    assert ok and result["changed"] and sim.writes() == []
    assert result["diff"] == {"before": {"Async": {"header:Authorization": "********"}},
                              "after": {"Async": {"header:Authorization": "******** (new value)"}}}
    assert TOKEN not in json.dumps(result)


def test_secret_option_echoed_in_an_error_is_scrubbed(sim, gax_args):
    sim.fault(method="PUT", status=400, body={"message": "header value %s rejected" % TOKEN})
    ok, result = run(dict(gax_args, section="Async", secret_options={"header:Authorization": TOKEN}))
    assert not ok and TOKEN not in result["msg"] and "header value ******** rejected" in result["msg"]


def test_a_name_in_both_options_and_secret_options_fails_before_any_request(sim, gax_args):
    ok, result = run(dict(gax_args, section="Async", options={"k": "a"}, secret_options={"k": "b"}))
    assert not ok and result["msg"] == "k may not be in both options and secret_options"
    assert sim.journal() == []


def test_absent_removes_secret_option_names_too(sim, gax_args):
    run(dict(gax_args, section="Async", options={"a": "1"}, secret_options={"header:Authorization": TOKEN}))
    ok, result = run(dict(gax_args, section="Async", state="absent", secret_options={"header:Authorization": "x"}))
    assert ok and result["changed"]
    assert plane(sim).sections()["Async"] == {"a": "1"}
