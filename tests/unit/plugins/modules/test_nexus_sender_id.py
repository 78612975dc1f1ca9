# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nexus_sender_id end to end in-process: argument parsing, GAX session, the transaction, exit values."""

from __future__ import annotations

import json
import threading

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_sender_id, nexus_services_options
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

OBJECTS = "/gax/api/cfg/objects"
PUT = "/gax/api/cfg/objects/CfgTransaction/312"
LOGIN = "/gax/api/session/login"
MAIN = {"name": "SMS_Main", "channel_id": "+1 800 555 0100", "endpoint": "SMS_Main", "provider": "Portico"}
MAIN_SECTION = {"channelId": "+18005550100", "channelType": "sms", "endpoint": "chat.SMS_Main", "interactionSubtype": "SMS",
                "interactionType": "Inbound", "media": "chat", "cxcOnly": "false", "provider": "Portico"}


def run(args, **kwargs):
    return run_module(nexus_sender_id.main, args, **kwargs)


def plane(sim):
    return sim.server.planes["gax"]


def bulk(count, start=0):
    return [{"name": "SMS_%04d" % i, "channel_id": "+1800%07d" % i, "endpoint": "SMS_Bulk"} for i in range(start, start + count)]


def seeded(sim, args, **task):
    ok, result = run(dict(args, **task))
    assert ok and result["changed"], result
    sim.clear()
    return result


def requests_to(sim, method):
    return [e for e in sim.journal() if e["method"] == method]


# --- create -------------------------------------------------------------------------------

def test_create_writes_the_runbook_section(sim, gax_args):
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"] is True
    assert [(e["method"], e["path"]) for e in sim.journal()] == [
        ("POST", LOGIN), ("GET", OBJECTS), ("GET", OBJECTS), ("PUT", PUT), ("GET", OBJECTS)]
    assert plane(sim).sections() == {"chat.SMS_Main": MAIN_SECTION}
    assert sim.writes()[0]["body"]["userproperties"]["property"][0] == {
        "section": "chat.SMS_Main", "key": "channelId", "value": "+18005550100"}
    assert result["sender_ids"] == [{"section": "chat.SMS_Main", "channel_id": "+18005550100", "options": MAIN_SECTION}]
    assert result["sections"] == {"added": ["chat.SMS_Main"], "updated": [], "removed": []}
    assert result["transaction"] == {"name": "NexusServices", "dbid": "312"}
    assert result["diff"] == {"before": {}, "after": {"chat.SMS_Main": MAIN_SECTION}}


def test_bulk_of_1000_is_one_write_and_a_rerun_writes_nothing(sim, gax_args):
    ok, result = run(dict(gax_args, sender_ids=bulk(1000)))
    assert ok and result["changed"]
    assert len(sim.writes()) == 1
    # Reads do not grow with the number of sender IDs: plan, fresh re-read before the PUT, verify.
    assert len(requests_to(sim, "GET")) == 3
    assert len(plane(sim).sections()) == 1000 and len(result["sections"]["added"]) == 1000
    sim.clear()
    ok, result = run(dict(gax_args, sender_ids=bulk(1000)))
    assert ok and result["changed"] is False
    assert sim.writes() == [] and len(requests_to(sim, "GET")) == 1
    assert result["diff"] == {"before": {}, "after": {}}


def test_other_sections_and_unmanaged_keys_are_kept(sim, gax_args):
    plane(sim).set_sections({"Async": {"header:a": "1"}, "chat.SMS_Main": {"channelId": "18005550100", "note": "by hand"}})
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"]
    assert plane(sim).sections() == {"Async": {"header:a": "1"}, "chat.SMS_Main": dict(MAIN_SECTION, note="by hand")}
    assert result["sections"] == {"added": [], "updated": ["chat.SMS_Main"], "removed": []}


# --- no-op rerun ---------------------------------------------------------------------------

@pytest.mark.parametrize("task", [MAIN, {"sender_ids": bulk(3)}, dict(MAIN, cxc_only=True, options={"priority": 3})])
def test_rerun_changes_nothing_and_writes_nothing(sim, gax_args, task):
    seeded(sim, gax_args, **task)
    ok, result = run(dict(gax_args, **task))
    assert ok and result["changed"] is False
    assert sim.writes() == []
    assert [e["method"] for e in sim.journal()] == ["POST", "GET"]


def test_equivalent_spellings_are_no_change(sim, gax_args):
    seeded(sim, gax_args, **MAIN)
    ok, result = run(dict(gax_args, **dict(MAIN, name="chat.SMS_Main", channel_id="+18005550100", endpoint="chat.SMS_Main")))
    assert ok and result["changed"] is False and sim.writes() == []


# --- update --------------------------------------------------------------------------------

def test_update_changes_only_what_differs(sim, gax_args):
    seeded(sim, gax_args, sender_ids=bulk(3))
    old = plane(sim).sections()["chat.SMS_0001"]
    task = bulk(3)
    task[1]["cxc_only"] = True
    ok, result = run(dict(gax_args, sender_ids=task))
    assert ok and result["changed"]
    assert old["cxcOnly"] == "false"
    assert result["diff"] == {"before": {"chat.SMS_0001": old}, "after": {"chat.SMS_0001": dict(old, cxcOnly="true")}}
    assert plane(sim).sections()["chat.SMS_0001"] == dict(old, cxcOnly="true")
    assert result["sections"]["updated"] == ["chat.SMS_0001"]
    assert len(sim.writes()) == 1


def test_provider_omitted_is_not_managed(sim, gax_args):
    seeded(sim, gax_args, **MAIN)
    task = {k: v for k, v in MAIN.items() if k != "provider"}
    ok, result = run(dict(gax_args, **task))
    assert ok and result["changed"] is False
    assert plane(sim).sections()["chat.SMS_Main"]["provider"] == "Portico"


# --- delete and exclusive ------------------------------------------------------------------

def test_delete_removes_whole_sections_only_if_present(sim, gax_args):
    seeded(sim, gax_args, sender_ids=bulk(3))
    plane(sim).set_sections(dict(plane(sim).sections(), Async={"header:a": "1"}))
    ok, result = run(dict(gax_args, sender_ids=[{"name": "SMS_0000"}, {"name": "chat.SMS_0002"}, {"name": "Gone"}], state="absent"))
    assert ok and result["changed"]
    assert list(plane(sim).sections()) == ["chat.SMS_0001", "Async"]
    assert result["sender_ids"] == []
    assert result["sections"] == {"added": [], "updated": [], "removed": ["chat.SMS_0000", "chat.SMS_0002"]}
    assert set(result["diff"]["before"]) == {"chat.SMS_0000", "chat.SMS_0002"} and result["diff"]["after"] == {}
    sim.clear()
    ok, result = run(dict(gax_args, name="SMS_0000", state="absent"))
    assert ok and result["changed"] is False and sim.writes() == []


def test_exclusive_removes_only_stale_chat_sections(sim, gax_args):
    seeded(sim, gax_args, sender_ids=bulk(4))
    others = {"Async": {"header:a": "1"}, "chatbot": {"k": "v"}}
    plane(sim).set_sections(dict(plane(sim).sections(), **others))
    ok, result = run(dict(gax_args, sender_ids=bulk(2, start=1), exclusive=True))
    assert ok and result["changed"]
    assert list(plane(sim).sections()) == ["chat.SMS_0001", "chat.SMS_0002", "Async", "chatbot"]
    assert result["sections"]["removed"] == ["chat.SMS_0000", "chat.SMS_0003"]
    sim.clear()
    ok, result = run(dict(gax_args, sender_ids=bulk(2, start=1), exclusive=True))
    assert ok and result["changed"] is False and sim.writes() == []


def test_exclusive_with_an_empty_list_removes_every_sender_id(sim, gax_args):
    seeded(sim, gax_args, sender_ids=bulk(2))
    plane(sim).set_sections(dict(plane(sim).sections(), Async={"header:a": "1"}))
    ok, result = run(dict(gax_args, sender_ids=[], exclusive=True))
    assert ok and result["changed"]
    assert plane(sim).sections() == {"Async": {"header:a": "1"}}


def test_exclusive_prefix_removes_only_stale_sections_in_its_scope(sim, gax_args):
    """Issue 11: one tenant's exact list leaves another's sender IDs alone; check mode lists exactly the removals."""
    acme = [{"name": "SMS_Acme_%d" % i, "channel_id": "+1800555010%d" % i, "endpoint": "SMS_Main"} for i in range(3)]
    globex = [{"name": "SMS_Globex_1", "channel_id": "+18005550199", "endpoint": "SMS_Main"}]
    seeded(sim, gax_args, sender_ids=acme + globex)
    task = dict(gax_args, sender_ids=acme[:1], exclusive=True, exclusive_prefix="SMS_Acme_")
    ok, check = run(task, check_mode=True)
    assert ok and check["changed"] and sim.writes() == []
    assert check["sections"]["removed"] == ["chat.SMS_Acme_1", "chat.SMS_Acme_2"]
    assert sorted(check["diff"]["before"]) == ["chat.SMS_Acme_1", "chat.SMS_Acme_2"] and check["diff"]["after"] == {}
    ok, result = run(task)
    assert ok and result["sections"] == check["sections"] and result["diff"] == check["diff"]
    assert sorted(plane(sim).sections()) == ["chat.SMS_Acme_0", "chat.SMS_Globex_1"]


@pytest.mark.parametrize("task, message", [
    ({"exclusive_prefix": "SMS_"}, "exclusive_prefix applies only with exclusive=true"),
    ({"exclusive": True, "exclusive_prefix": "SMS Acme"}, "exclusive_prefix may hold only letters"),
    ({"exclusive": True, "exclusive_prefix": "SMS_\n"}, "exclusive_prefix may hold only letters"),
])
def test_bad_exclusive_prefix_fails_before_any_request(sim, gax_args, task, message):
    ok, result = run(dict(gax_args, sender_ids=bulk(1), **task))
    assert not ok and result["msg"].startswith(message) and sim.journal() == []


# --- check mode: same answer, zero writes --------------------------------------------------

@pytest.mark.parametrize("setup, task", [
    (None, MAIN),
    (None, {"sender_ids": bulk(50)}),
    ({"sender_ids": bulk(3)}, {"sender_ids": bulk(3)}),
    ({"sender_ids": bulk(3)}, {"sender_ids": bulk(2, start=1) + bulk(1, start=7), "exclusive": True}),
    ({"sender_ids": bulk(3)}, {"sender_ids": [{"name": "SMS_0001"}], "state": "absent"}),
    (MAIN, dict(MAIN, cxc_only=True)),
])
def test_check_mode_predicts_the_real_run_without_writing(sim, gax_args, setup, task):
    if setup:
        seeded(sim, gax_args, **setup)
    before_state = sim.state("gax")["objects"]
    ok, predicted = run(dict(gax_args, **task), check_mode=True)
    assert ok
    assert sim.writes() == []
    assert [e["method"] for e in sim.journal()] == ["POST", "GET"]
    assert sim.state("gax")["objects"] == before_state
    ok, real = run(dict(gax_args, **task))
    assert ok
    assert predicted["changed"] == real["changed"]
    assert predicted["diff"] == real["diff"]
    assert predicted["sender_ids"] == real["sender_ids"] and predicted["sections"] == real["sections"]


def test_check_mode_refusal_matches_real_run(sim, gax_args):
    seeded(sim, gax_args, **MAIN)
    task = dict(gax_args, name="Other", channel_id="18005550100", endpoint="x")
    ok_check, check = run(task, check_mode=True)
    ok_real, real = run(task)
    assert not ok_check and not ok_real and check["msg"] == real["msg"]
    assert "already the channelId of section chat.SMS_Main" in real["msg"]
    assert sim.writes() == []


# --- bad input: one line, before any request ----------------------------------------------

@pytest.mark.parametrize("task, message", [
    ({"name": "SMS Main", "channel_id": "12345", "endpoint": "e"},
     "name may hold only letters, digits, '_' and '-' after an optional 'chat.' prefix (no spaces), got 'SMS Main'"),
    ({"sender_ids": [{"name": "a", "channel_id": "12345", "endpoint": "e"}, {"name": "b.c", "channel_id": "23456", "endpoint": "e"}]},
     "sender_ids[1].name may hold only letters"),
    ({"sender_ids": bulk(2) + [{"name": "x", "channel_id": "1234", "endpoint": "e"}]},
     "sender_ids[2].channel_id must be a 5-digit short code, a 10-digit long code or an E.164 number such as +18005550100, "
     "got '1234'"),
    ({"sender_ids": bulk(2) + [dict(bulk(1)[0], name="dup")]}, "channel_id +18000000000 of sender_ids[2] (chat.dup) is also"),
    ({"sender_ids": bulk(2) + bulk(1)}, "sender_ids[2] (chat.SMS_0000) is listed twice (also sender_ids[0] (chat.SMS_0000))"),
    ({"name": "a", "endpoint": "e"}, "channel_id is required when state=present"),
    ({"name": "a", "channel_id": "12345", "endpoint": "e", "provider": "Kaleyra"},
     "value of provider must be one of: Portico, Async, mGage, got: Kaleyra"),
    ({"name": "a", "channel_id": "12345", "endpoint": "e", "options": {"channelId": "1"}}, "options may not set channelId; use channel_id"),
    ({"name": "a", "state": "absent", "exclusive": True}, "exclusive applies only to state=present"),
    ({"name": "a", "sender_ids": []}, "parameters are mutually exclusive: sender_ids|name"),
    ({"state": "absent"}, "one of the following is required: sender_ids, name"),
    ({"name": "a", "channel_id": "12345", "endpoint": "e", "gax_url": "gax"}, "gax_url must be an http:// or https:// URL"),
    ({"name": "a", "channel_id": "12345", "endpoint": "e", "retries": -1}, "retries must be 0 or more, got -1"),
])
def test_bad_input_fails_before_any_request(sim, gax_args, task, message):
    ok, result = run(dict(gax_args, **task))
    assert not ok
    assert message in result["msg"]
    assert "\n" not in result["msg"]
    assert sim.journal() == []


def test_connection_options_from_environment(sim, gax_args, monkeypatch):
    monkeypatch.setenv("GAX_URL", gax_args["gax_url"])
    monkeypatch.setenv("GAX_USERNAME", gax_args["gax_username"])
    monkeypatch.setenv("GAX_PASSWORD", gax_args["gax_password"])
    monkeypatch.setenv("GAX_VALIDATE_CERTS", "false")
    ok, result = run(dict(MAIN))
    assert ok and result["changed"]
    assert sim.journal()[0]["body"]["username"] == gax_args["gax_username"]


def test_missing_transaction(sim, gax_args):
    del plane(sim).objects["312"]
    ok, result = run(dict(gax_args, **MAIN))
    assert not ok
    assert result["msg"].startswith("GET %s failed: HTTP 200: transaction NexusServices not found" % OBJECTS)
    assert sim.writes() == []


# --- HTTP failures, sessions, secrets ------------------------------------------------------

def assert_no_password(result, gax_args):
    assert gax_args["gax_password"] not in json.dumps(result)


def test_wrong_password(sim, gax_args):
    ok, result = run(dict(gax_args, gax_password="wrong-pass-0042", **MAIN))
    assert not ok
    assert result["msg"] == "POST %s failed: HTTP 401: invalid username or password (check the credentials)" % LOGIN
    assert result["status"] == 401 and result["path"] == LOGIN
    assert "wrong-pass-0042" not in json.dumps(result)
    assert len(sim.journal()) == 1


def test_expired_session_is_renewed_and_the_run_completes(sim, gax_args):
    sim.configure("gax", session_max_requests=2)
    ok, result = run(dict(gax_args, sender_ids=bulk(5)))
    assert ok and result["changed"]
    assert len(plane(sim).sections()) == 5
    assert len(requests_to(sim, "POST")) >= 2
    assert [e["status"] for e in sim.journal() if e["status"] == 401]
    assert len([e for e in sim.writes() if e["status"] == 200]) == 1


def test_rate_limited_and_unavailable_are_waited_out(sim, gax_args, sleeps):
    sim.fault(method="GET", status=429, retry_after="3", times=1)
    sim.fault(method="PUT", status=503, times=1)
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"]
    # 429 waited out as asked; the PUT answered 503 is read back once (not in flight), then redone from a fresh read.
    assert sleeps[0] == 3.0 and len(sleeps) == 2
    assert [e["status"] for e in sim.writes()] == [503, 200]


def test_server_error_on_write_is_one_line_and_a_rerun_converges(sim, gax_args):
    sim.fault(method="PUT", status=500, body={"message": "Config Server rejected the update"})
    ok, result = run(dict(gax_args, **MAIN))
    assert not ok
    assert result["msg"] == ("PUT %s failed: HTTP 500: Config Server rejected the update (the write of NexusServices "
                             "did not take effect)" % PUT)
    assert len(sim.writes()) == 1
    assert plane(sim).sections() == {}
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"]
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"] is False


def test_password_never_in_results_even_when_echoed(sim, gax_args):
    password = gax_args["gax_password"]
    ok, result = run(dict(gax_args, **MAIN))
    assert_no_password(result, gax_args)
    sim.fault(method="PUT", status=400, body={"message": "user sim-gax-admin/%s may not write" % password})
    ok, result = run(dict(gax_args, **dict(MAIN, cxc_only=True)))
    assert not ok and "may not write" in result["msg"]
    assert_no_password(result, gax_args)


# --- two writers of one transaction -----------------------------------------------------------

def test_concurrent_writer_between_read_and_write_survives(sim, gax_args):
    other = {"section": "chat.Other", "key": "channelId", "value": "55555"}
    sim.configure("gax", concurrent_writes=[{"after": "GET", "set": [other]}])
    ok, result = run(dict(gax_args, **MAIN))
    assert ok and result["changed"]
    assert sim.state("gax")["concurrent_writes"]
    assert plane(sim).sections() == {"chat.Other": {"channelId": "55555"}, "chat.SMS_Main": MAIN_SECTION}


def test_two_modules_interleaved_on_different_sections_both_survive(sim, gax_args, monkeypatch):
    """Play A reads, play B runs to completion, then A writes: A's write starts from a fresh read."""
    # Play A runs in a thread here (in its own process in a real run), where ansible-core 2.22's
    # AnsibleModule cannot install its SIGUSR1 stack-trace handler.
    try:
        from ansible.module_utils._internal import _debug
    except ImportError:
        pass
    else:
        if hasattr(_debug, "register_for_stacktrace"):
            monkeypatch.setattr(_debug, "register_for_stacktrace", lambda *args, **kwargs: None)
    sim.fault(method="GET", path=OBJECTS + "$", action="hold", delay=30, times=1)
    outcome = {}
    play_a = threading.Thread(target=lambda: outcome.setdefault("a", run(dict(gax_args, sender_ids=bulk(3)))))
    play_a.start()
    for wait in range(200):
        if [e for e in sim.journal() if e["fault"] == "hold"]:
            break
        play_a.join(0.05)
    assert play_a.is_alive(), wait
    ok, result = run_module(nexus_services_options.main, dict(gax_args, section="Async", options={"header:x-tenant": "acme"}))
    assert ok and result["changed"]
    sim.server.faults.release()
    play_a.join(30)
    assert outcome["a"][0] and outcome["a"][1]["changed"]
    final = plane(sim).sections()
    assert sorted(final) == ["Async", "chat.SMS_0000", "chat.SMS_0001", "chat.SMS_0002"]
    assert final["Async"] == {"header:x-tenant": "acme"}
    puts = [e["seq"] for e in sim.writes()]
    held = [e["seq"] for e in sim.journal() if e["fault"] == "hold"][0]
    assert len(puts) == 2 and held < puts[0] < puts[1]
