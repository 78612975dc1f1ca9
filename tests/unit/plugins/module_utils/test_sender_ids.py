# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sender ID input rules and the plan from current sections to the task's."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._sender_ids import (
    ITEM_OPTIONS,
    channel_key,
    normalize_channel_id,
    parse_sender_ids,
    plan_sender_ids,
    section_name,
)

SECTION = {"channelId": "12345", "channelType": "sms", "endpoint": "chat.Main", "interactionSubtype": "SMS",
           "interactionType": "Inbound", "media": "chat", "cxcOnly": "false"}


def params(sender_ids=None, state="present", exclusive=False, **single):
    result = {k: None for k in ITEM_OPTIONS}
    result.update(single)
    result.update(sender_ids=sender_ids, state=state, exclusive=exclusive)
    return result


def item(name, channel_id="12345", endpoint="Main", **extra):
    return dict({"name": name, "channel_id": channel_id, "endpoint": endpoint}, **extra)


@pytest.mark.parametrize("value, normalized", [
    ("12345", "12345"),
    ("650-466-1149", "6504661149"),
    ("(650) 466.1149", "6504661149"),
    ("16504661149", "16504661149"),
    ("+1 800 555 0100", "+18005550100"),
    ("+442071234567", "+442071234567"),
    (16504661149, "16504661149"),
])
def test_normalize_channel_id(value, normalized):
    assert normalize_channel_id(value, "channel_id") == normalized


@pytest.mark.parametrize("value", ["1234", "123456", "26504661149", "+0123456789", "+1234567", "1650466114x", "", None, "+1 800 CALL NOW"])
def test_normalize_channel_id_rejects(value):
    with pytest.raises(InputError, match="^channel_id must be a 5-digit short code, a 10-digit long code or an E.164 number"):
        normalize_channel_id(value, "channel_id")


def test_channel_key_makes_one_number_of_its_spellings():
    assert channel_key("+16504661149") == channel_key("16504661149") == channel_key("6504661149")
    assert channel_key("12345") != channel_key("+12345678")


@pytest.mark.parametrize("value, section", [("SMS_Main", "chat.SMS_Main"), ("chat.SMS-2", "chat.SMS-2")])
def test_section_name_adds_the_prefix_once(value, section):
    assert section_name(value, "name") == section


@pytest.mark.parametrize("value", ["chat.", "", "SMS Main", "chat.a.b", "chat.chat.x", "a/b", None])
def test_section_name_rejects(value):
    with pytest.raises(InputError, match=r"^name may hold only letters, digits, '_' and '-' after an optional 'chat.' prefix"):
        section_name(value, "name")


def test_single_item_builds_the_runbook_section():
    (sender,) = parse_sender_ids(params(name="Main", channel_id="+1 800 555 0100", endpoint="chat.Designer", provider="Async",
                                        cxc_only=True, options={"channelType": "mms", "priority": 5}))
    assert sender.section == "chat.Main"
    assert sender.options == {"channelId": "+18005550100", "channelType": "mms", "endpoint": "chat.Designer",
                              "interactionSubtype": "SMS", "interactionType": "Inbound", "media": "chat", "cxcOnly": "true",
                              "provider": "Async", "priority": "5"}
    assert list(sender.options)[:7] == ["channelId", "channelType", "endpoint", "interactionSubtype", "interactionType",
                                        "media", "cxcOnly"]


def test_absent_needs_only_names():
    assert [s.section for s in parse_sender_ids(params([{"name": "a"}, {"name": "chat.b"}], state="absent"))] == ["chat.a", "chat.b"]


@pytest.mark.parametrize("task, message", [
    (params([item("A"), item("chat.A", "23456")]), r"^sender_ids\[1\] \(chat.A\) is listed twice \(also sender_ids\[0\] \(chat.A\)\)$"),
    (params([item("A", "+16504661149"), item("B", "650 466 1149")]),
     r"^channel_id 6504661149 of sender_ids\[1\] \(chat.B\) is also the channel_id of sender_ids\[0\] \(chat.A\); "
     r"one number can feed only one section$"),
    (params([item("A", channel_id=None)]), r"^sender_ids\[0\].channel_id is required when state=present$"),
    (params([item("A", endpoint="")]), r"^sender_ids\[0\].endpoint is required when state=present$"),
    (params([item("A", endpoint="Main Endpoint")]), r"^sender_ids\[0\].endpoint may hold only letters"),
    (params([item("A", channel_id="555-0100")]), r"^sender_ids\[0\].channel_id must be a 5-digit short code"),
    (params([item("A", options={"endpoint": "x"})]), r"^sender_ids\[0\].options may not set endpoint; use sender_ids\[0\].endpoint$"),
    (params([item("A", options={"provider": "x"})]), r"^sender_ids\[0\].options may not set provider; use sender_ids\[0\].provider$"),
    (params([item("A", provider="Kaleyra")]), r"^sender_ids\[0\].provider must be one of Portico, Async, mGage, got 'Kaleyra'$"),
    (params(name="A B", channel_id="12345", endpoint="x"), r"^name may hold only letters"),
    (params([item("A")], state="absent", exclusive=True), r"^exclusive applies only to state=present$"),
])
def test_parse_rejects(task, message):
    with pytest.raises(InputError, match=message):
        parse_sender_ids(task)


def plan(current, *items, state="present", exclusive=False):
    return plan_sender_ids(current, parse_sender_ids(params(list(items), state=state)), state, exclusive)


def test_plan_new_section_sets_every_option():
    delta = plan({}, item("Main"))
    assert delta.set == {("chat.Main", k): v for k, v in SECTION.items()}


def test_plan_no_change_is_an_empty_delta_even_with_extra_keys():
    assert not plan({"chat.Main": dict(SECTION, addedByHand="x")}, item("Main"))


def test_plan_update_sets_only_the_differences():
    delta = plan({"chat.Main": dict(SECTION, cxcOnly="true")}, item("Main"))
    assert delta.set == {("chat.Main", "cxcOnly"): "false"}


def test_plan_exclusive_removes_only_stale_chat_sections():
    current = {"chat.Main": SECTION, "chat.Old": dict(SECTION, channelId="23456"), "Async": {"header:a": "1"},
               "chatbot": {"k": "v"}}
    delta = plan(current, item("Main"), exclusive=True)
    assert delta.remove_sections == {"chat.Old"} and not delta.set
    assert not plan(current, item("Main"))


def test_plan_absent_removes_existing_sections_only():
    delta = plan({"chat.Main": SECTION, "Async": {"a": "1"}}, {"name": "Main"}, {"name": "Gone"}, state="absent")
    assert delta.remove_sections == {"chat.Main"} and not delta.set


def test_plan_refuses_a_number_another_section_has():
    current = {"chat.Old": dict(SECTION, channelId="+1 650 466 1149")}
    with pytest.raises(InputError) as err:
        plan(current, item("New", "6504661149"))
    assert str(err.value) == (
        "channel_id 6504661149 of sender_ids[0] (chat.New) is already the channelId of section chat.Old in NexusServices; "
        "one number can feed only one section: manage chat.Old in this task, remove it, or set exclusive")


def test_plan_number_may_move_when_the_old_section_goes():
    current = {"chat.Old": SECTION}
    delta = plan(current, item("New"), exclusive=True)
    assert delta.remove_sections == {"chat.Old"} and ("chat.New", "channelId") in delta.set


def test_plan_number_in_a_non_chat_section_is_not_a_sender_id():
    assert plan({"Async": {"channelId": "12345"}}, item("Main"))


@pytest.mark.parametrize("value", ["１６５０４６６１１４", "١٦٥٠٤٦٦١١٤", "16504661149\n"[:-1] + "\u0661"])
def test_channel_ids_take_ascii_digits_only(value):
    with pytest.raises(InputError):
        normalize_channel_id(value, "channel_id")
