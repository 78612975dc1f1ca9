# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Toll-free business logic without HTTP: numbers, desired state, plan, order body, order states."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import (
    DONE,
    FAILED,
    PENDING,
    Pool,
    check_available,
    keypad_digits,
    matches,
    pattern_of,
    desired_numbers,
    e164,
    listed_number,
    numbers_after,
    order_body,
    order_state,
    plan_numbers,
)

CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"
PASSWORD = "cluster-key-0123456789"


def params(*numbers, **extra):
    base = {"nexus_url": "https://d.example.com/", "mo_url": None, "dr_url": None, "webhook_username": CCID,
            "numbers": [{"number": n} for n in numbers]}
    base.update(extra)
    return base


def owned(number, listed=None, **fields):
    entity = {"tollfreeNumber": listed or number.lstrip("+"), "moUrl": "https://d.example.com/nexus/v3/sms/message",
              "drUrl": "https://d.example.com/nexus/v3/sms/receipt", "webhookUsername": CCID, "status": "Active"}
    entity.update(fields)
    return {number: entity}


@pytest.mark.parametrize("value", ["+18445550100", "18445550100", "8445550100", "+1 (844) 555-0100", "1-844-555-0100"])
def test_e164_accepts_usual_formats(value):
    assert e164(value) == "+18445550100"


@pytest.mark.parametrize("value", ["+16505550100", "844555010", "+18445550100x", "", None, 18445550100,
                                   "+18445550100\n1", "＋18445550100"])
def test_e164_rejects(value):
    with pytest.raises(InputError):
        e164(value)


@pytest.mark.parametrize("entity, expected", [
    ({"tollfreeNumber": "+18445550100"}, "+18445550100"),
    ({"phoneNumber": "18445550100"}, "18445550100"),
    ({"tollfreeNumber": "", "phoneNumber": "18445550100"}, "18445550100"),
    ("18445550100", "18445550100"),
    ({"tollfreeNumber": 18445550100}, None),
    (None, None),
])
def test_listed_number_keeps_the_apis_form(entity, expected):
    assert listed_number(entity) == expected


@pytest.mark.parametrize("state, meaning", [
    ("Pending", PENDING), ("InProgress", PENDING), ("Completed", DONE), ("SUCCEEDED", DONE),
    ("Failed", FAILED), ("Canceled", FAILED), ("Exploded", "exploded"), (None, ""),
])
def test_order_states_in_one_table(state, meaning):
    assert order_state({"status": state}) == meaning
    assert order_state({"state": state}) == meaning


def test_desired_numbers_default_urls_and_validate_everything_first():
    wanted = desired_numbers(params("+1 844 555 0100"))[0]
    assert wanted == {"+18445550100": {
        "mo_url": "https://d.example.com/nexus/v3/sms/message", "dr_url": "https://d.example.com/nexus/v3/sms/receipt",
        "webhook_username": CCID, "comment": None, "email_address": None}}
    with pytest.raises(InputError, match="numbers lists \\+18445550100 twice"):
        desired_numbers(params("+18445550100", "844-555-0100"))
    with pytest.raises(InputError, match="numbers\\[0\\].email_address must be an e-mail address"):
        desired_numbers(dict(params(), numbers=[{"number": "8445550100", "email_address": "nobody"}]))
    with pytest.raises(InputError, match="numbers\\[0\\].comment must be one line"):
        desired_numbers(dict(params(), numbers=[{"number": "8445550100", "comment": "a\nb"}]))
    with pytest.raises(InputError, match="give nexus_url, or both mo_url and dr_url"):
        desired_numbers(params("8445550100", nexus_url=None))
    with pytest.raises(InputError, match="numbers must list at least one number"):
        desired_numbers(params())


def test_plan_orders_only_the_missing_and_patches_only_drift():
    wanted = desired_numbers(params("+18445550100", "+18445550101"))[0]
    have = owned("+18445550100", moUrl="https://old.example.com/m")
    plan = plan_numbers(wanted, have, PASSWORD, "on_create", 1)
    assert plan.missing == ["+18445550101"]
    assert plan.updates == {"+18445550100": {"moUrl": "https://d.example.com/nexus/v3/sms/message"}}
    assert plan.before()["+18445550100"]["mo_url"] == "https://old.example.com/m"


def test_plan_refuses_over_the_cap_and_without_the_password():
    wanted = desired_numbers(params("+18445550100", "+18445550101"))[0]
    with pytest.raises(InputError, match="would order 2 numbers .* but max_new_numbers is 1; nothing was ordered"):
        plan_numbers(wanted, {}, PASSWORD, "on_create", 1)
    with pytest.raises(InputError, match="webhook_password .* is needed to order"):
        plan_numbers(wanted, {}, None, "on_create", 5)
    with pytest.raises(InputError, match="update_webhook_password=always needs webhook_password"):
        plan_numbers(wanted, dict(owned("+18445550100"), **owned("+18445550101")), None, "always", 0)


def test_password_is_sent_to_owned_numbers_only_when_asked():
    wanted = desired_numbers(params("+18445550100"))[0]
    assert not plan_numbers(wanted, owned("+18445550100"), PASSWORD, "on_create", 0)
    plan = plan_numbers(wanted, owned("+18445550100"), PASSWORD, "always", 0)
    assert plan.updates == {"+18445550100": {"webhookPassword": PASSWORD}}


@pytest.mark.parametrize("listed", ["18445550100", "+18445550100"])
def test_order_body_sends_the_number_exactly_as_listed(listed):
    wanted = desired_numbers(params("844 555 0100"))[0]
    entries = order_body(["+18445550100"], wanted, {"+18445550100": listed}, PASSWORD)
    assert entries == [{"tollfreeNumber": listed, "moUrl": "https://d.example.com/nexus/v3/sms/message",
                        "drUrl": "https://d.example.com/nexus/v3/sms/receipt", "webhookUsername": CCID,
                        "webhookPassword": PASSWORD}]


def test_unavailable_numbers_are_refused_before_ordering():
    check_available(["+18445550100"], {"+18445550100": "18445550100"})
    with pytest.raises(InputError, match="\\+18445550101 cannot be ordered: not among the available numbers"):
        check_available(["+18445550100", "+18445550101"], {"+18445550100": "18445550100"})


def test_numbers_after_shows_desired_values_over_owned_ones():
    wanted = desired_numbers(params("+18445550100", "+18445550101"))[0]
    numbers, after = numbers_after(wanted, owned("+18445550100", comment="kept"))
    assert numbers[0] == dict(after["+18445550100"], number="+18445550100", status="Active")
    assert after["+18445550100"]["comment"] == "kept"
    assert numbers[1]["status"] is None


def test_vanity_letters_are_keypad_digits_and_match_after_the_area_code():
    assert keypad_digits("Shop") == "7467" and keypad_digits("0142") == "0142"
    pattern = pattern_of({"area_code": "888", "vanity": "SHOP"}, "numbers[0]")
    assert matches("+18887467000", pattern) and not matches("+18447467000", pattern)
    # The area code is not searched for the vanity digits.
    assert not matches("+18885550000", pattern_of({"vanity": "8885"}, "numbers[0]"))
    assert pattern_of({"number": "+18445550100"}, "numbers[0]") is None


def test_the_pool_reads_the_first_page_once_and_searches_each_number_it_misses():
    calls = []

    def search(vanity=None):
        calls.append(vanity)
        first = {"+18445550100": "18445550100"}
        # A loose server: its vanity search also returns a number that does not have the digits.
        return first if vanity is None else {"+18885550142": "18885550142", "+18445559999": "18445559999"}

    pool = Pool(search)
    assert pool.find(["+18445550100", "+18885550142", "+18005550000"]) == {
        "+18445550100": "18445550100", "+18885550142": "18885550142"}
    assert calls == [None, "5550142", "5550000"]
    assert pool.first(pattern_of({"area_code": "844", "vanity": "0142"}, "n"), set()) is None
    assert pool.first(pattern_of({"vanity": "0142"}, "n"), {"+18885550142"}) is None
    assert pool.first(pattern_of({"area_code": "844"}, "n"), set()) == ("+18445550100", "18445550100")
