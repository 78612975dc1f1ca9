# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""gc_tollfree_number: orders only what is missing, exactly once, never in check mode."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import gc_tollfree_number
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_CLIENT_SECRET
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
PASSWORD = "portico-cluster-key-5f2a9c77"
NUMBER = {"number": "+1 844 555 0100", "comment": "Nexus Premise ACME Corp", "email_address": "sms.admin@acme.test.com"}
SEED_ORDER = {
    "tollfreeNumber": "18445550100",
    "comment": "Nexus Premise ACME Corp",
    "moUrl": "https://digital.example.com/nexus/v3/sms/message",
    "drUrl": "https://digital.example.com/nexus/v3/sms/receipt",
    "webhookUsername": CCID,
    "webhookPassword": PASSWORD,
    "emailAddress": "sms.admin@acme.test.com",
}


@pytest.fixture()
def args(gc_args):
    return dict(gc_args, nexus_url="https://digital.example.com/", webhook_username=CCID,
                webhook_password=PASSWORD, numbers=[NUMBER])


def run(args, **kwargs):
    return run_module(gc_tollfree_number.main, args, **kwargs)


def orders(sim):
    return [e for e in sim.journal() if e["method"] == "POST" and e["path"] == TF]


def order_count(sim):
    return len(sim.state("gc")["orders"])


def assert_no_secret(result):
    text = json.dumps(result)
    for secret in (PASSWORD, DEFAULT_CLIENT_SECRET):
        assert secret not in text


def test_orders_the_missing_number_with_the_seed_body(sim, args):
    ok, result = run(args)
    assert ok and result["changed"] is True, result
    assert [e["body"] for e in orders(sim)] == [[SEED_ORDER]]
    assert result["ordered"] == ["+18445550100"]
    assert result["order"]["status"] == "Completed"
    assert result["numbers"] == [{
        "number": "+18445550100", "status": "Active", "mo_url": SEED_ORDER["moUrl"], "dr_url": SEED_ORDER["drUrl"],
        "webhook_username": CCID, "comment": NUMBER["comment"], "email_address": NUMBER["email_address"],
    }]
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["+18445550100"]["mo_url"] == SEED_ORDER["moUrl"]
    assert [(e["method"], e["path"].split("/")[-1]) for e in sim.journal()] == [
        ("POST", "token"), ("GET", "tollfreenumbers"), ("GET", "available"), ("POST", "tollfreenumbers"),
        ("GET", result["order"]["orderId"]), ("GET", "tollfreenumbers")]
    assert_no_secret(result)


def test_rerun_orders_nothing_and_writes_nothing(sim, args):
    run(args)
    sim.clear()
    ok, result = run(args)
    assert ok and result["changed"] is False
    assert result["ordered"] == [] and result["updated"] == []
    assert sim.writes() == []
    assert [e["path"] for e in sim.journal()] == ["/oauth/token", TF]
    assert result["diff"]["before"] == result["diff"]["after"]


@pytest.mark.parametrize("fmt", ["18445550100", "+18445550100", "(844) 555-0100", "844.555.0100"])
def test_number_formats_are_the_same_number(sim, args, fmt):
    run(args)
    sim.clear()
    ok, result = run(dict(args, numbers=[dict(NUMBER, number=fmt)]))
    assert ok and result["changed"] is False and sim.writes() == []


def test_check_mode_orders_nothing_and_predicts_the_real_run(sim, args):
    ok, check = run(args, check_mode=True)
    assert ok and check["changed"] is True
    assert check["ordered"] == ["+18445550100"]
    assert check["numbers"][0]["status"] is None
    assert sim.writes() == [] and order_count(sim) == 0
    ok, real = run(args)
    assert real["changed"] == check["changed"]
    assert real["diff"] == check["diff"]
    assert real["ordered"] == check["ordered"]


def test_max_new_numbers_guards_the_budget(sim, args):
    two = [NUMBER, {"number": "+18445550101"}]
    ok, result = run(dict(args, numbers=two))
    assert not ok
    assert result["msg"] == (
        "would order 2 numbers (+18445550100, +18445550101) but max_new_numbers is 1; nothing was ordered. "
        "Raise max_new_numbers to allow it"
    )
    assert orders(sim) == [] and order_count(sim) == 0
    ok, result = run(dict(args, numbers=two, max_new_numbers=2))
    assert ok and result["ordered"] == ["+18445550100", "+18445550101"]
    assert len(orders(sim)) == 1 and len(orders(sim)[0]["body"]) == 2


def test_max_new_numbers_zero_audits_without_buying(sim, args):
    ok, result = run(dict(args, max_new_numbers=0))
    assert not ok and "max_new_numbers is 0" in result["msg"]
    run(args)
    ok, result = run(dict(args, max_new_numbers=0))
    assert ok and result["changed"] is False


def test_unavailable_number_fails_before_ordering(sim, args):
    ok, result = run(dict(args, numbers=[{"number": "+18005550199"}]))
    assert not ok
    assert result["msg"].startswith("+18005550199 cannot be ordered: not among the available numbers, nor found by "
                                    "the API's vanity search for its last seven digits; nothing was ordered")
    assert orders(sim) == []
    assert searches(sim) == [{"numberOfResults": "100"}, {"numberOfResults": "100", "vanity": "5550199"}]


def searches(sim):
    return [e["query"] for e in sim.journal() if e["path"].endswith("/available")]


FAR = {"number": "+18885550142", "comment": "Past the first hundred"}


def test_a_number_past_the_first_hundred_is_found_by_the_vanity_search_and_ordered_once(sim, args):
    # The pool offers 120 numbers; +18885550142 is the 103rd, so the first listing (100 at most) misses it.
    ok, check = run(dict(args, numbers=[FAR]), check_mode=True)
    assert ok and check["changed"] is True and check["ordered"] == ["+18885550142"] and sim.writes() == []
    assert searches(sim) == [{"numberOfResults": "100"}, {"numberOfResults": "100", "vanity": "5550142"}]
    sim.clear()
    ok, real = run(dict(args, numbers=[FAR]))
    assert ok and real["ordered"] == check["ordered"] and real["diff"] == check["diff"]
    assert [[e["tollfreeNumber"] for e in o["body"]] for o in orders(sim)] == [["18885550142"]]
    sim.clear()
    ok, again = run(dict(args, numbers=[FAR]))
    assert ok and again["changed"] is False and sim.writes() == [] and searches(sim) == []


PATTERN = {"area_code": "888", "vanity": "0142", "comment": "By pattern"}


def test_a_pattern_orders_the_first_match_once_and_a_rerun_finds_it(sim, args):
    ok, check = run(dict(args, numbers=[PATTERN]), check_mode=True)
    assert ok and check["ordered"] == ["+18885550142"] and sim.writes() == []
    assert searches(sim) == [{"numberOfResults": "100", "vanity": "0142"}]
    ok, real = run(dict(args, numbers=[PATTERN]))
    assert ok and real["ordered"] == ["+18885550142"] and real["numbers"][0]["comment"] == "By pattern"
    sim.clear()
    ok, again = run(dict(args, numbers=[PATTERN]))
    assert ok and again["changed"] is False and sim.writes() == [] and searches(sim) == []
    assert again["numbers"][0]["number"] == "+18885550142"


def test_a_pattern_is_not_met_by_another_tenants_number(sim, args):
    other = "9c2e7a1b-4d3f-4a5e-8b6c-7d8e9f0a1b2c"
    ok, result = run(dict(args, webhook_username=other, numbers=[{"number": "+18885550142"}]))
    assert ok and result["ordered"] == ["+18885550142"]
    ok, mine = run(dict(args, numbers=[{"area_code": "888", "vanity": "5550"}]))
    assert ok and mine["ordered"] == ["+18885550100"], mine


def test_a_pattern_without_a_match_orders_nothing(sim, args):
    ok, result = run(dict(args, numbers=[{"area_code": "800", "vanity": "9999"}]))
    assert not ok and result["msg"] == (
        "no number that can be ordered matches numbers[0] (area code 800, vanity 9999); nothing was ordered "
        "(gc_tollfree_number_info with available=true lists numbers you can order)")
    assert sim.writes() == []


@pytest.mark.parametrize("entry, message", [
    ({"number": "+18885550142", "vanity": "0142"}, "numbers[0]: give number, or area_code and/or vanity, not both"),
    ({"area_code": "212"}, "numbers[0].area_code must be a toll-free area code (800/833/844/855/866/877/888), got '212'"),
    ({"vanity": "ab"}, "numbers[0].vanity must be 4 to 7 letters or digits (letters as on a phone keypad), got 'ab'"),
    ({"vanity": "shop now"}, "numbers[0].vanity must be 4 to 7 letters or digits"),
    ({"comment": "no number"}, "numbers[0].number must be a North American toll-free number"),
])
def test_bad_patterns_fail_before_any_request(sim, args, entry, message):
    ok, result = run(dict(args, numbers=[entry]))
    assert not ok and result["msg"].startswith(message), result["msg"]
    assert sim.journal() == []


def test_password_needed_only_to_order(sim, args):
    ok, result = run(dict(args, webhook_password=None))
    assert not ok and result["msg"] == "webhook_password (the cluster API key) is needed to order +18445550100"
    assert orders(sim) == []
    run(args)
    ok, result = run(dict(args, webhook_password=None))
    assert ok and result["changed"] is False


def test_drifted_settings_are_patched_in_place(sim, args):
    run(args)
    sim.server.planes["gc"].owned["18445550100"]["moUrl"] = "https://old.example.com/nexus/v3/sms/message"
    sim.clear()
    ok, check = run(args, check_mode=True)
    assert ok and check["changed"] and check["updated"] == ["+18445550100"] and sim.writes() == []
    ok, result = run(args)
    assert ok and result["changed"] is True and result["ordered"] == []
    patches = [e for e in sim.writes() if e["method"] == "PATCH"]
    assert [(p["path"], p["body"]) for p in patches] == [(TF + "/18445550100", {"moUrl": SEED_ORDER["moUrl"]})]
    assert result["diff"]["before"]["+18445550100"]["mo_url"] == "https://old.example.com/nexus/v3/sms/message"
    assert result["diff"]["after"]["+18445550100"]["mo_url"] == SEED_ORDER["moUrl"]
    assert check["diff"] == result["diff"]
    sim.clear()
    ok, result = run(args)
    assert ok and result["changed"] is False and sim.writes() == []


def test_update_webhook_password_always(sim, args):
    run(args)
    sim.clear()
    ok, result = run(dict(args, update_webhook_password="always", webhook_password="rotated-cluster-key-77"))
    assert ok and result["changed"] and result["updated"] == ["+18445550100"]
    assert [e["body"] for e in sim.writes()] == [{"webhookPassword": "rotated-cluster-key-77"}]
    assert sim.state("gc")["owned"]["18445550100"]["webhookPassword"] == "rotated-cluster-key-77"
    assert "rotated-cluster-key-77" not in json.dumps(result)


@pytest.mark.parametrize("fault", [
    {"status": 503},
    {"status": 504},
    {"action": "drop_after_commit"},
    {"action": "drop"},
])
def test_failures_on_the_order_still_buy_exactly_once(sim, args, sleeps, fault):
    sim.fault(method="POST", path=TF + "$", times=1, **fault)
    ok, result = run(args)
    assert ok and result["changed"] is True and result["ordered"] == ["+18445550100"]
    assert order_count(sim) == 1
    assert list(sim.state("gc")["owned"]) == ["18445550100"]
    sim.clear()
    ok, result = run(args)
    assert ok and result["changed"] is False and sim.writes() == []


def test_rate_limited_order_waits_and_orders_once(sim, args, sleeps):
    sim.fault(method="POST", path=TF + "$", status=429, retry_after="7", times=1)
    ok, result = run(args)
    assert ok and order_count(sim) == 1
    assert sleeps[0] == 7.0
    assert [e["status"] for e in orders(sim)] == [429, 200]


def test_token_expiring_mid_run_reauthenticates_once(sim, args):
    sim.fault(method="GET", path="/available$", status=401, times=1, body={"message": "token expired"})
    ok, result = run(args)
    assert ok and result["changed"]
    assert len([e for e in sim.journal() if e["path"] == "/oauth/token"]) == 2


def test_failed_order_is_reported(sim, args):
    sim.configure("gc", fail_orders=True)
    ok, result = run(args)
    assert not ok
    assert result["msg"].startswith("order ") and result["msg"].endswith(
        " for 18445550100 ended Failed: carrier rejected the order")
    assert_no_secret(result)


def test_no_wait_returns_the_pending_order(sim, args):
    sim.configure("gc", order_polls=5)
    ok, result = run(dict(args, wait=False))
    assert ok and result["order"]["status"] == "Pending"
    assert result["numbers"][0]["status"] == "Pending"


@pytest.mark.parametrize("override, message", [
    ({"numbers": [{"number": "+14155550100"}]}, "numbers[0].number must be a North American toll-free number"),
    ({"numbers": [NUMBER, dict(NUMBER, number="18445550100")]}, "numbers lists +18445550100 twice"),
    ({"numbers": []}, "numbers must list at least one number"),
    ({"numbers": [dict(NUMBER, email_address="sms.admin")]}, "numbers[0].email_address must be an e-mail address"),
    ({"webhook_username": "acme"}, "webhook_username must be a UUID"),
    ({"nexus_url": None}, "give nexus_url, or both mo_url and dr_url"),
    ({"nexus_url": "digital.example.com"}, "nexus_url must be an http:// or https:// URL"),
    ({"mo_url": "ftp://x"}, "mo_url must be an http:// or https:// URL"),
    ({"max_new_numbers": -1}, "max_new_numbers and wait_timeout must be 0 or more"),
    ({"login_url": None, "api_url": None}, "give region (for example us-east-1) or both login_url and api_url"),
    ({"client_secret": None}, "give access_token, or client_id and client_secret"),
    ({"client_secret": None, "access_token": "tok-123456"}, "client_id and client_secret go together"),
])
def test_bad_input_fails_before_any_request(sim, args, override, message):
    ok, result = run(dict(args, **override))
    assert not ok and result["msg"].startswith(message), result["msg"]
    assert sim.journal() == []


def test_mo_and_dr_urls_can_be_given_without_nexus_url(sim, args):
    ok, result = run(dict(args, nexus_url=None, mo_url="https://mo.example.com/in", dr_url="https://mo.example.com/dr"))
    assert ok
    assert orders(sim)[0]["body"][0]["moUrl"] == "https://mo.example.com/in"


def test_environment_fallbacks(sim, args, monkeypatch):
    monkeypatch.setenv("GENESYSCLOUD_LOGIN_URL", args["login_url"])
    monkeypatch.setenv("GENESYSCLOUD_API_URL", args["api_url"])
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", args["client_id"])
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", args["client_secret"])
    monkeypatch.setenv("NEXUS_URL", "https://digital.example.com")
    monkeypatch.setenv("NEXUS_CCID", CCID)
    ok, result = run({"numbers": [NUMBER], "webhook_password": PASSWORD})
    assert ok and orders(sim)[0]["body"] == [SEED_ORDER]


def test_api_error_names_method_path_status(sim, args):
    sim.fault(method="GET", path=TF + "$", status=500, body={"message": "internal"})
    ok, result = run(args)
    assert not ok and result["msg"] == "GET %s failed: HTTP 500: internal" % TF
    assert orders(sim) == []


# --- numbers exactly as the API lists them (issue 10) -----------------------------------------------

@pytest.mark.parametrize("number_format, listed", [("digits", "18445550100"), ("e164", "+18445550100")])
def test_numbers_are_ordered_in_the_listed_form_and_never_twice(sim, args, number_format, listed):
    sim.configure("gc", number_format=number_format)
    ok, result = run(dict(args, numbers=[{"number": "844-555-0100"}]))
    assert ok and result["changed"], result
    assert [e["body"][0]["tollfreeNumber"] for e in orders(sim)] == [listed]
    assert result["ordered"] == ["+18445550100"]
    sim.clear()
    ok, again = run(dict(args, numbers=[{"number": "+1 (844) 555-0100"}]))
    assert ok and again["changed"] is False and sim.writes() == []
    assert order_count(sim) == 1


@pytest.mark.parametrize("number_format", ["digits", "e164"])
def test_an_order_answered_late_is_bought_once_in_either_form(sim, args, number_format):
    sim.configure("gc", number_format=number_format)
    sim.fault(method="POST", path=TF + "$", delay=1.5, times=1)
    ok, result = run(dict(args, timeout=1, settle_timeout=5, wait=False))
    assert ok and result["changed"], result
    assert len(orders(sim)) == 1 and order_count(sim) == 1


def test_a_drifted_number_is_patched_by_its_listed_code(sim, args):
    sim.configure("gc", number_format="e164")
    run(args)
    sim.clear()
    ok, result = run(dict(args, nexus_url="https://moved.example.com"))
    assert ok and result["changed"] and result["updated"] == ["+18445550100"]
    assert [e["raw_path"] for e in sim.writes()] == [TF + "/%2B18445550100"]
