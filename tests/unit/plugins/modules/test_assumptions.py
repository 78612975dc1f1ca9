# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every assumed API fact survives its plausible alternative (issue 20; docs/api-facts.md, "Assumptions and
their alternatives"): the module converges, or stops before the write that depends on the wrong fact naming it."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import (
    nexus_sender_id,
    nexus_service,
    nexus_service_info,
    nexus_services_options,
)
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

KALEYRA = {"name": "mGageSMS", "url": "http://directtext.mgage.com", "data": {},
           "secret": {"username": "acme", "password": "kaleyra-pass-8812"}}
ASYNC = {"name": "Async", "data": {"channels": [{"channelId": "16504661149", "webhook": {"url": "https://hook.example.com"}}]},
         "secret": {"channels": [{"webhook": {"secret": "wh-key-7781"}, "api": {"secret": "api-key-7781"}}]},
         "secret_identifiers": {"channels": [{"channelId": "16504661149"}]}}


def services(sim):
    return sim.state("nexus")["services"].get(CCID, {})


def methods(sim):
    return [e["method"] for e in sim.writes()]


# --- NX-POST-UPSERT ------------------------------------------------------------------------------------

def test_create_only_post_creates_and_stops_a_change_naming_the_assumption(sim, nexus_args):
    sim.configure("nexus", post_existing="conflict")
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"]
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"] is False
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "Async"}))
    assert not ok and "HTTP 409" in result["msg"] and "NX-POST-UPSERT" in result["msg"], result
    assert "DELETE" not in methods(sim) and services(sim)["SMS"]["data"] == {"provider": "mGage"}


# --- NX-GET-READ -------------------------------------------------------------------------------------

def test_a_nexus_that_does_not_allow_reading_stops_before_any_write(sim, nexus_args):
    sim.configure("nexus", get_service="405")
    for main, args in ((nexus_service.main, dict(nexus_args, **KALEYRA)), (nexus_service_info.main, dict(nexus_args))):
        ok, result = run_module(main, args)
        assert not ok and "HTTP 405" in result["msg"] and "NX-GET-READ" in result["msg"], result
        assert "idempotence cannot be checked" in result["msg"]
    assert sim.writes() == [] and services(sim) == {}


# --- NX-REDACT-MASK -----------------------------------------------------------------------------------

def test_secrets_in_clear_are_compared_and_never_shown(sim, nexus_args):
    sim.configure("nexus", redact_secrets=False)
    ok, result = run_module(nexus_service.main, dict(nexus_args, **KALEYRA))
    assert ok and result["changed"]
    ok, result = run_module(nexus_service.main, dict(nexus_args, **KALEYRA))
    assert ok and result["changed"] is False and result["secret_unverified"] is False
    rotated = dict(KALEYRA, secret={"username": "acme", "password": "kaleyra-pass-9001"})
    ok, result = run_module(nexus_service.main, dict(nexus_args, **rotated))
    assert ok and result["changed"], "a secret the API shows is compared: the change is seen"
    ok, info = run_module(nexus_service_info.main, dict(nexus_args, names=["mGageSMS"]))
    assert ok and "kaleyra-pass-9001" not in json.dumps(info) and "kaleyra-pass-8812" not in json.dumps(result)
    assert info["services"]["mGageSMS"]["secret"] == {"username": "********", "password": "********"}
    assert info["secrets_in_clear"] == ["mGageSMS"]


def test_secrets_whose_keys_are_dropped_are_not_rewritten_every_run(sim, nexus_args):
    sim.configure("nexus", redact_secrets="drop")
    for args in (KALEYRA, ASYNC):
        ok, result = run_module(nexus_service.main, dict(nexus_args, **args))
        assert ok and result["changed"], result
        sim.clear()
        ok, result = run_module(nexus_service.main, dict(nexus_args, **args))
        assert ok and result["changed"] is False and result["secret_unverified"] is True, result
        assert sim.writes() == []
    ok, result = run_module(nexus_service.main, dict(nexus_args, update_secret="always", **KALEYRA))
    assert ok and result["changed"] and methods(sim) == ["POST"]


# --- NX-DELETE ------------------------------------------------------------------------------------------

def test_a_nexus_that_does_not_allow_deleting_names_the_assumption(sim, nexus_args):
    run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    sim.configure("nexus", delete_service="405")
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", state="absent"))
    assert not ok and "HTTP 405" in result["msg"] and "NX-DELETE" in result["msg"]
    assert "SMS" in services(sim)


# --- NX-ASYNC-URL --------------------------------------------------------------------------------------

def test_an_async_placeholder_url_refused_names_the_assumption(sim, nexus_args):
    sim.configure("nexus", async_placeholder_url=False)
    ok, result = run_module(nexus_service.main, dict(nexus_args, **ASYNC))
    assert not ok and "HTTP 400" in result["msg"] and "NX-ASYNC-URL" in result["msg"]
    assert "wh-key-7781" not in json.dumps(result)


# --- GAX-PUT-REPLACE ------------------------------------------------------------------------------------

def test_a_merging_put_converges_additions_and_names_a_kept_removal(sim, gax_args, sleeps):
    sim.configure("gax", put="merge")
    one = {"name": "SMS_One", "channel_id": "55501", "endpoint": "Main"}
    two = {"name": "SMS_Two", "channel_id": "55502", "endpoint": "Main"}
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, sender_ids=[one, two]))
    assert ok and result["changed"]
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, sender_ids=[one, dict(two, endpoint="Other")]))
    assert ok and result["changed"], "an update converges under a merging PUT"
    sim.clear()
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="SMS_Two", state="absent"))
    assert not ok, result
    assert result["msg"].startswith("Platform Administration kept chat.SMS_Two in NexusServices after 2 PUTs")
    assert "GAX-PUT-REPLACE" in result["msg"] and methods(sim) == ["PUT", "PUT"]
    ok, result = run_module(nexus_services_options.main, dict(gax_args, section="Async", options={"header:x": "1"},
                                                              state="absent"))
    assert ok and result["changed"] is False


# --- GAX-LOGIN-PLAIN -----------------------------------------------------------------------------------

def test_a_login_that_refuses_the_clear_text_body_names_the_assumption(sim, gax_args):
    sim.configure("gax", login_plain=False)
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="SMS_One", channel_id="55501", endpoint="Main"))
    assert not ok and "HTTP 400" in result["msg"] and "GAX-LOGIN-PLAIN" in result["msg"]
    assert sim.writes() == []


def test_puts_the_server_did_not_take_are_not_read_as_a_merging_put(sim, gax_args, sleeps):
    """A removal whose PUTs were answered 502 and 503 (not processed) is retried, not named GAX-PUT-REPLACE."""
    run_module(nexus_sender_id.main, dict(gax_args, name="SMS_One", channel_id="55501", endpoint="Main"))
    for status in (502, 503):
        sim.fault(method="PUT", status=status)
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="SMS_One", state="absent", settle_timeout=0))
    assert ok and result["changed"], result
    assert sim.server.planes["gax"].sections() == {}


# GC-VANITY: the API's vanity search matches the digits after the area code. Whatever it answers, a number is
# taken only if it matches, and one the search does not find is refused before anything is ordered.
@pytest.mark.parametrize("search", ["anywhere", "ignored"])
def test_a_vanity_search_that_answers_otherwise_orders_nothing_wrong(sim, gc_args, search):
    from ansible_collections.cxops.digital_channels.plugins.modules import gc_tollfree_number

    sim.configure("gc", vanity_search=search)
    args = dict(gc_args, nexus_url="https://digital.example.com", webhook_username=CCID, webhook_password="k" * 20)
    loose = search == "anywhere"
    for entry, number in (({"area_code": "844", "vanity": "0150"}, "+18445550150"),
                          ({"area_code": "888", "vanity": "0151"}, "+18885550151"),
                          ({"number": "+18885550152"}, "+18885550152")):
        sim.clear()
        ok, result = run_module(gc_tollfree_number.main, dict(args, numbers=[entry]))
        if loose or number.startswith("+1844"):
            # A loose search offers +1888... first for 0150: only the number that matches is taken.
            assert ok and result["ordered"] == [number], result
        else:
            # Past the first hundred and not found by an ignored search: refused, nothing bought.
            assert not ok and sim.writes() == [], result
            assert "cannot be ordered" in result["msg"] or result["msg"].startswith("no number that can be ordered")
