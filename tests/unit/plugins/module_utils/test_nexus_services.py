# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""NexusServices options, deltas, and the read-modify-write that must not lose other writers' changes."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError, ConflictError, InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GaxClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import (
    Delta,
    NexusServices,
    converge,
    plan_section_options,
    section_changes,
    section_diff,
    sections,
    validate_options,
    validate_section,
)
from ansible_collections.cxops.digital_channels.tests.simulator.gax import transaction

ASYNC = {"Async": {"header:a": "1", "header:b": "2"}}
OTHER = {"section": "chat.Other", "key": "channelId", "value": "55555"}


def params(gax_args):
    return dict(gax_args, validate_certs=True, ca_path=None, timeout=5, retries=1)


def services(gax_args, **kwargs):
    return NexusServices(GaxClient.from_params(params(gax_args)), **kwargs)


def methods(sim):
    return [e["method"] for e in sim.journal()]


# --- the option model ----------------------------------------------------------------------

def test_sections_groups_triples_in_order():
    obj = transaction(properties=[("b", "k1", "1"), ("a", "k", "x"), ("b", "k2", "2")])
    assert sections(obj) == {"b": {"k1": "1", "k2": "2"}, "a": {"k": "x"}}
    assert list(sections(obj)) == ["b", "a"]


@pytest.mark.parametrize("props", [{"section": "a"}, [{"section": "a", "key": "k"}], [{"section": "a", "key": "k", "value": 1}]])
def test_unexpected_shape_is_an_api_error(props):
    obj = transaction()
    obj["userproperties"]["property"] = props
    with pytest.raises(ApiError, match="userproperties.property is not a list of section/key/value strings"):
        sections(obj)


def test_delta_keeps_everything_it_does_not_name():
    obj = transaction(properties=[("Async", "header:a", "1"), ("chat.A", "channelId", "12345"), ("Async", "header:b", "2"),
                                  ("chat.B", "channelId", "23456"), ("chat.B", "endpoint", "chat.B")])
    delta = Delta()
    delta.set_option("Async", "header:a", "changed")
    delta.set_option("Async", "header:c", "new")
    delta.remove_option("Async", "header:b")
    delta.remove_section("chat.B")
    result = delta.apply(obj)
    assert result["userproperties"]["property"] == [
        {"section": "Async", "key": "header:a", "value": "changed"},
        {"section": "chat.A", "key": "channelId", "value": "12345"},
        {"section": "Async", "key": "header:c", "value": "new"},
    ]
    assert {k: v for k, v in result.items() if k != "userproperties"} == {k: v for k, v in obj.items() if k != "userproperties"}
    # The input is not modified.
    assert len(obj["userproperties"]["property"]) == 5


def test_delta_unsatisfied_names_sections_that_do_not_show_it():
    delta = Delta()
    assert not delta
    delta.set_option("a", "k", "v")
    delta.remove_option("b", "k")
    delta.remove_section("c")
    assert delta
    assert delta.unsatisfied(transaction(properties=[("a", "k", "old"), ("b", "k", "1"), ("c", "x", "1")])) == ["a", "b", "c"]
    assert delta.unsatisfied(transaction(properties=[("a", "k", "v"), ("b", "other", "1")])) == []
    assert delta.unsatisfied(delta.apply(transaction(properties=[("c", "x", "1"), ("b", "k", "1")]))) == []


def test_section_diff_and_changes_show_only_what_changes():
    before = {"a": {"k": "1"}, "b": {"k": "1"}, "c": {"k": "1"}}
    after = {"a": {"k": "1"}, "b": {"k": "2"}, "d": {"k": "1"}}
    assert section_diff(before, after) == {"before": {"b": {"k": "1"}, "c": {"k": "1"}},
                                           "after": {"b": {"k": "2"}, "d": {"k": "1"}}}
    assert section_changes(before, after) == {"added": ["d"], "updated": ["b"], "removed": ["c"]}
    assert section_diff(before, before) == {"before": {}, "after": {}}


# --- one section's options ----------------------------------------------------------------------

def test_plan_present_sets_only_differences_and_keeps_other_keys():
    delta = plan_section_options(ASYNC, "Async", {"header:a": "1", "header:c": "3"}, "present", False)
    assert delta.set == {("Async", "header:c"): "3"} and not delta.remove_keys


def test_plan_present_exclusive_removes_other_keys_of_that_section_only():
    current = dict(ASYNC, other={"k": "v"})
    delta = plan_section_options(current, "Async", {"header:a": "1"}, "present", True)
    assert delta.remove_keys == {("Async", "header:b")} and not delta.set and not delta.remove_sections


def test_plan_absent_keys_or_whole_section():
    assert plan_section_options(ASYNC, "Async", {"header:a": None, "header:zz": None}, "absent", False).remove_keys == {
        ("Async", "header:a")}
    assert plan_section_options(ASYNC, "Async", None, "absent", False).remove_sections == {"Async"}
    assert not plan_section_options(ASYNC, "Gone", None, "absent", False)


def test_validate_options_converts_values_like_genesys_options():
    assert validate_options({"a": True, "b": False, "c": 5, "d": "x"}, "options") == {"a": "true", "b": "false", "c": "5", "d": "x"}


@pytest.mark.parametrize("options, message", [
    ({"a b": "1"}, r"^options: option names may not be empty or hold spaces, got 'a b'$"),
    ({"": "1"}, r"^options: option names may not be empty"),
    ({"header:bad name": "1"}, r"^options: option names may not be empty or hold spaces"),
    ({"header:": "1"}, r"^options: 'header:' must be 'header:' followed by an HTTP header name"),
    ({"header:x(y)": "1"}, r"^options: 'header:x\(y\)' must be 'header:' followed by an HTTP header name"),
    ({"header:x": "a\r\nInjected: 1"}, r"^options.header:x: a header value may not hold line breaks$"),
    ({"a": {"nested": 1}}, r"^options.a must be a string, number or boolean, got dict$"),
    ({"a": None}, r"^options.a must be a string, number or boolean, got NoneType$"),
])
def test_validate_options_rejects(options, message):
    with pytest.raises(InputError, match=message):
        validate_options(options, "options")


@pytest.mark.parametrize("value", ["Async", "async-provider_1", "a.b", "header"])
def test_validate_section_accepts(value):
    assert validate_section(value, "section") == value


@pytest.mark.parametrize("value", ["", "a b", ".a", "a.", "a..b", "a/b", None])
def test_validate_section_rejects(value):
    with pytest.raises(InputError, match="^section must be letters, digits"):
        validate_section(value, "section")


# --- read-modify-write against the simulator -----------------------------------------------------

def delta_adding(section="Async", key="header:x", value="1"):
    delta = Delta()
    delta.set_option(section, key, value)
    return delta


def test_write_rereads_puts_and_verifies(sim, gax_args):
    svc = services(gax_args)
    svc.write(delta_adding())
    assert methods(sim) == ["POST", "GET", "PUT", "GET"]
    assert svc.puts == 1
    assert sim.server.planes["gax"].sections() == {"Async": {"header:x": "1"}}


def test_missing_transaction_is_a_clear_error(sim, gax_args):
    del sim.server.planes["gax"].objects["312"]
    with pytest.raises(ApiError, match="transaction NexusServices not found; it is created with Digital Channels"):
        services(gax_args).read()


def test_other_writer_between_plan_read_and_write_survives(sim, gax_args):
    """The plan read is stale by the time of the write; the write must start from a fresh read."""
    sim.configure("gax", concurrent_writes=[{"after": "GET", "set": [OTHER]}])
    outcome = converge(params(gax_args), False, lambda current: delta_adding())
    assert outcome["transaction"]["dbid"] == "312" and outcome["written_at"] is not None
    assert outcome["changed"] and "chat.Other" not in outcome["before"] and "chat.Other" not in outcome["after"]
    assert sim.state("gax")["concurrent_writes"][0]["set"] == [OTHER]
    assert sim.server.planes["gax"].sections() == {"chat.Other": {"channelId": "55555"}, "Async": {"header:x": "1"}}
    assert methods(sim) == ["POST", "GET", "GET", "PUT", "GET"]


def test_other_writer_undoing_our_put_is_detected_and_our_change_reapplied(sim, gax_args, sleeps):
    """A writer that read before our PUT writes back its old copy: our verify sees the loss and re-applies."""
    sim.configure("gax", concurrent_writes=[{"after": "PUT", "stale": True, "set": [OTHER]}])
    svc = services(gax_args)
    svc.write(delta_adding())
    assert svc.puts == 2
    assert sim.server.planes["gax"].sections() == {"chat.Other": {"channelId": "55555"}, "Async": {"header:x": "1"}}
    assert methods(sim) == ["POST", "GET", "PUT", "GET", "PUT", "GET"]


def test_writer_that_keeps_undoing_our_change_ends_in_a_conflict_error(sim, gax_args, sleeps):
    sim.configure("gax", concurrent_writes=[{"after": "PUT", "stale": True, "times": -1, "set": [OTHER]}])
    svc = services(gax_args, attempts=3)
    with pytest.raises(ConflictError) as err:
        svc.write(delta_adding())
    assert str(err.value) == ("NexusServices was changed by another writer after each of 3 writes, which undid this task's "
                              "change of Async; nothing else was modified, run the task again when the other change is done")
    assert len(sim.writes()) == 3
    assert sim.server.planes["gax"].sections() == {"chat.Other": {"channelId": "55555"}}


def test_change_already_made_by_someone_else_is_not_written_again(sim, gax_args):
    sim.configure("gax", concurrent_writes=[{"after": "GET", "set": [{"section": "Async", "key": "header:x", "value": "1"}]}])
    outcome = converge(params(gax_args), False, lambda current: delta_adding())
    assert outcome["changed"] is True
    assert sim.writes() == []


def test_converge_in_check_mode_reads_and_predicts_without_writing(sim, gax_args):
    outcome = converge(params(gax_args), True, lambda current: delta_adding())
    assert outcome["changed"] and outcome["before"] == {} and outcome["after"] == {"Async": {"header:x": "1"}}
    assert outcome["transaction"] == {"name": "NexusServices", "dbid": "312"} and outcome["written_at"] is None
    assert methods(sim) == ["POST", "GET"] and sim.writes() == []
