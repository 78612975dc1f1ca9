# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""nexus_service end to end in-process: argument parsing, HTTP to the simulator, exit values."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_service
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

BASE = "/nexus/v3/provisioning/services/%s/" % CCID
KALEYRA = {"username": "kaleyra-user-5521", "password": "kaleyra-pass-Zq81!"}
MGAGE = {"name": "mGageSMS", "url": "http://directtext.mgage.com", "data": {}, "secret": KALEYRA}


def run(args, **kwargs):
    return run_module(nexus_service.main, args, **kwargs)


def seeded(sim, args, **service):
    """Create a service through the module, then forget the journal."""
    ok, result = run(dict(args, **service))
    assert ok and result["changed"], result
    sim.clear()


def assert_no_secret(result, *secrets):
    text = json.dumps(result)
    for secret in secrets:
        assert secret not in text


# --- create -------------------------------------------------------------------------------

def test_create_sends_the_seed_body(sim, nexus_args):
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"] is True
    assert [(e["method"], e["path"]) for e in sim.journal()] == [("GET", BASE + "SMS"), ("POST", BASE + "SMS")]
    post = sim.writes()[0]
    assert post["body"] == {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}
    assert post["headers"]["x-api-key"] == DEFAULT_API_KEY
    assert post["headers"]["x-ccid"] == CCID
    assert post["headers"]["content-type"] == "application/json"
    assert result["service"] == {"name": "SMS", "url": "N/A", "data": {"provider": "mGage"}, "secret": {}}
    assert result["diff"] == {"before": {}, "after": {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}}


def test_create_with_secret_masks_it_everywhere(sim, nexus_args):
    ok, result = run(dict(nexus_args, **MGAGE))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"] == {"url": "http://directtext.mgage.com", "data": {}, "secret": KALEYRA}
    assert result["service"]["secret"] == {"username": "********", "password": "********"}
    assert result["diff"]["after"]["secret"] == {"username": "******** (new value)", "password": "******** (new value)"}
    assert_no_secret(result, *KALEYRA.values())


# --- no-op rerun ---------------------------------------------------------------------------

@pytest.mark.parametrize("service", [
    {"name": "SMS", "data": {"provider": "mGage"}},
    MGAGE,
    {"name": "Async", "data": {"channels": [{"channelId": "16504661149", "webhook": {"url": "https://hook.example.com"}}]},
     "secret": {"channels": [{"channelId": "16504661149", "webhook": {"secret": "w-1"}, "api": {"secret": "a-1"}}]}},
])
def test_rerun_changes_nothing_and_writes_nothing(sim, nexus_args, service):
    seeded(sim, nexus_args, **service)
    ok, result = run(dict(nexus_args, **service))
    assert ok and result["changed"] is False
    assert sim.writes() == []
    assert len(sim.journal()) == 1
    assert result["diff"]["before"] == result["diff"]["after"]


def test_key_order_and_missing_url_do_not_count_as_change(sim, nexus_args):
    sim.server.planes["nexus"].services[CCID] = {"Async": {"data": {"b": 1, "a": {"y": 2, "x": 1}}, "secret": {}}}
    ok, result = run(dict(nexus_args, name="Async", data={"a": {"x": 1, "y": 2}, "b": 1}))
    assert ok and result["changed"] is False
    assert sim.writes() == []


# --- update --------------------------------------------------------------------------------

def test_update_data_keeps_visible_empty_secret(sim, nexus_args):
    seeded(sim, nexus_args, name="SMS", data={"provider": "mGage"})
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "Async"}))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"] == {"url": "N/A", "data": {"provider": "Async"}, "secret": {}}
    assert result["diff"]["before"]["data"] == {"provider": "mGage"}
    assert result["diff"]["after"]["data"] == {"provider": "Async"}


def test_update_url_resends_given_secret(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, **dict(MGAGE, url="https://api.kaleyra.example")))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"]["secret"] == KALEYRA
    assert result["diff"]["before"]["url"] == "http://directtext.mgage.com"
    assert result["diff"]["after"]["url"] == "https://api.kaleyra.example"
    # Hidden secret of the same shape is not rewritten by choice, only because the write sends it whole.
    assert result["diff"]["after"]["secret"] == {"username": "********", "password": "********"}
    assert_no_secret(result, *KALEYRA.values())


def test_omitted_data_is_kept_when_url_changes(sim, nexus_args):
    seeded(sim, nexus_args, name="PorticoSMS", url="https://api.mypurecloud.com", data={"k": "v"})
    ok, result = run(dict(nexus_args, name="PorticoSMS", url="https://api.mypurecloud.ie"))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"] == {"url": "https://api.mypurecloud.ie", "data": {"k": "v"}, "secret": {}}


def test_omitted_data_is_not_a_change(sim, nexus_args):
    seeded(sim, nexus_args, name="PorticoSMS", url="https://api.mypurecloud.com", data={"k": "v"})
    ok, result = run(dict(nexus_args, name="PorticoSMS", url="https://api.mypurecloud.com"))
    assert ok and result["changed"] is False and sim.writes() == []


def test_change_without_secret_refuses_to_erase_hidden_secret(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, name="mGageSMS", url="https://api.kaleyra.example"))
    assert not ok
    assert result["msg"] == (
        "service mGageSMS holds a secret the API does not show; changing url or data rewrites the whole "
        "service, so give its secret option too"
    )
    assert sim.writes() == []
    assert sim.state("nexus")["services"][CCID]["mGageSMS"]["secret"] == KALEYRA


def test_secret_changes_are_not_guessed_when_hidden(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, **dict(MGAGE, secret={"username": "u", "password": "rotated"})))
    assert ok and result["changed"] is False and sim.writes() == []


def test_update_secret_always_writes_every_run(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    rotated = {"username": "kaleyra-user-5521", "password": "rotated-Pw-0091"}
    for attempt in (1, 2):
        ok, result = run(dict(nexus_args, **dict(MGAGE, secret=rotated, update_secret="always")))
        assert ok and result["changed"] is True, attempt
        assert result["diff"]["after"]["secret"]["password"] == "******** (new value)"
        assert_no_secret(result, "rotated-Pw-0091")
    assert len(sim.writes()) == 2
    assert sim.state("nexus")["services"][CCID]["mGageSMS"]["secret"] == rotated


def test_secret_shape_change_is_detected_although_hidden(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, **dict(MGAGE, secret=dict(KALEYRA, account="acme"))))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"]["secret"] == dict(KALEYRA, account="acme")
    assert result["diff"]["before"]["secret"] == {"username": "********", "password": "********"}
    assert set(result["diff"]["after"]["secret"]) == {"username", "password", "account"}


def test_visible_secrets_are_compared(sim, nexus_args):
    sim.configure("nexus", redact_secrets=False)
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, **MGAGE))
    assert ok and result["changed"] is False and sim.writes() == []
    ok, result = run(dict(nexus_args, **dict(MGAGE, secret=dict(KALEYRA, password="new-pass-771"))))
    assert ok and result["changed"] is True and len(sim.writes()) == 1
    assert_no_secret(result, "new-pass-771", *KALEYRA.values())


# --- delete --------------------------------------------------------------------------------

def test_delete_existing(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok, result = run(dict(nexus_args, name="mGageSMS", state="absent"))
    assert ok and result["changed"] is True
    assert [e["method"] for e in sim.journal()] == ["GET", "DELETE"]
    assert result["service"] is None
    assert result["diff"] == {
        "before": {"url": "http://directtext.mgage.com", "data": {}, "secret": {"username": "********", "password": "********"}},
        "after": {},
    }
    assert "mGageSMS" not in sim.state("nexus")["services"][CCID]


def test_delete_absent_is_a_no_op(sim, nexus_args):
    ok, result = run(dict(nexus_args, name="mGageSMS", state="absent"))
    assert ok and result["changed"] is False
    assert sim.writes() == []


def test_delete_ignores_url_data_secret_checks(sim, nexus_args):
    seeded(sim, nexus_args, name="SMS", data={"provider": "mGage"})
    ok, result = run(dict(nexus_args, name="SMS", state="absent", data={"other": 1}))
    assert ok and result["changed"] is True


# --- check mode: same answer, zero writes --------------------------------------------------

@pytest.mark.parametrize("setup, task", [
    (None, {"name": "SMS", "data": {"provider": "mGage"}}),
    ({"name": "SMS", "data": {"provider": "mGage"}}, {"name": "SMS", "data": {"provider": "Async"}}),
    ({"name": "SMS", "data": {"provider": "mGage"}}, {"name": "SMS", "data": {"provider": "mGage"}}),
    (MGAGE, dict(MGAGE, secret=KALEYRA, update_secret="always")),
    (MGAGE, {"name": "mGageSMS", "state": "absent"}),
    (None, {"name": "mGageSMS", "state": "absent"}),
])
def test_check_mode_predicts_the_real_run_without_writing(sim, nexus_args, setup, task):
    if setup:
        seeded(sim, nexus_args, **setup)
    before_state = sim.state("nexus")
    ok, predicted = run(dict(nexus_args, **task), check_mode=True)
    assert ok
    assert sim.writes() == []
    assert sim.state("nexus") == before_state
    ok, real = run(dict(nexus_args, **task))
    assert ok
    assert predicted["changed"] == real["changed"]
    assert predicted["diff"] == real["diff"]
    assert predicted["service"] == real["service"]


def test_check_mode_refusal_of_hidden_secret_erasure_matches_real_run(sim, nexus_args):
    seeded(sim, nexus_args, **MGAGE)
    ok_check, check = run(dict(nexus_args, name="mGageSMS", url="https://x.example"), check_mode=True)
    ok_real, real = run(dict(nexus_args, name="mGageSMS", url="https://x.example"))
    assert not ok_check and not ok_real and check["msg"] == real["msg"]
    assert sim.writes() == []


# --- bad input: one-line error, no request -------------------------------------------------

@pytest.mark.parametrize("override, message", [
    ({"ccid": "tenant-42"}, "ccid must be a UUID such as 45acae06-6b7c-4f97-9c76-471cb5c21bf7, got 'tenant-42'"),
    ({"nexus_url": "digital.example.com"},
     "nexus_url must be an http:// or https:// URL with a host and no query, got 'digital.example.com'"),
    ({"name": "SMS Main"}, "name may hold only letters, digits, '_' and '-' (no spaces), got 'SMS Main'"),
    ({"url": "directtext.mgage.com"}, "url must be an http:// or https:// URL or N/A, got 'directtext.mgage.com'"),
    ({"timeout": 0}, "timeout must be a positive number of seconds, got 0"),
    ({"retries": -2}, "retries must be 0 or more, got -2"),
    ({"update_secret": "sometimes"}, "value of update_secret must be one of: on_create, always, got: sometimes"),
    # ansible-core's own type check rejects it; its wording differs between core versions, so only
    # our part is asserted: it fails, names the option, and nothing is sent.
    ({"data": ["provider", "mGage"]}, None),
])
def test_bad_input_fails_before_any_request(sim, nexus_args, override, message):
    ok, result = run(dict(dict(nexus_args, name="SMS"), **override))
    assert not ok
    if message is None:
        assert next(iter(override)) in result["msg"]
    else:
        assert result["msg"].startswith(message)
    assert "\n" not in result["msg"]
    assert sim.journal() == []


def test_missing_connection_option_names_it(sim, nexus_args):
    args = dict(nexus_args, name="SMS")
    del args["nexus_url"]
    ok, result = run(args)
    assert not ok and result["msg"] == "missing required arguments: nexus_url"
    assert sim.journal() == []


def test_connection_options_from_environment(sim, nexus_args, monkeypatch):
    monkeypatch.setenv("NEXUS_URL", nexus_args["nexus_url"])
    monkeypatch.setenv("NEXUS_API_KEY", nexus_args["api_key"])
    monkeypatch.setenv("NEXUS_CCID", nexus_args["ccid"])
    monkeypatch.setenv("NEXUS_VALIDATE_CERTS", "false")
    ok, result = run({"name": "SMS", "data": {"provider": "mGage"}})
    assert ok and result["changed"]
    assert sim.writes()[0]["headers"]["x-api-key"] == DEFAULT_API_KEY


# --- HTTP failures -------------------------------------------------------------------------

def test_bad_api_key(sim, nexus_args):
    ok, result = run(dict(nexus_args, name="SMS", api_key="wrong-key-123"))
    assert not ok
    assert result["msg"] == "GET %sSMS failed: HTTP 401: invalid API key (check the credentials)" % BASE
    assert result["status"] == 401 and result["method"] == "GET" and result["path"] == BASE + "SMS"
    assert "wrong-key-123" not in json.dumps(result)


def test_server_error_on_write(sim, nexus_args):
    sim.fault(method="POST", status=500, body={"message": "database unavailable"})
    ok, result = run(dict(nexus_args, **MGAGE))
    assert not ok
    assert result["msg"] == ("POST %smGageSMS failed: HTTP 500: database unavailable (the write of service mGageSMS "
                             "did not take effect)" % BASE)
    assert len(sim.writes()) == 1
    assert "exception" not in result
    assert_no_secret(result, *KALEYRA.values())


def test_server_echoing_the_secret_is_scrubbed(sim, nexus_args):
    sim.fault(method="POST", status=400, body={"message": "password kaleyra-pass-Zq81! is too weak"})
    ok, result = run(dict(nexus_args, **MGAGE))
    assert not ok
    assert result["msg"] == "POST %smGageSMS failed: HTTP 400: password ******** is too weak" % BASE


def test_rate_limit_is_waited_out(sim, nexus_args, sleeps):
    sim.fault(method="GET", status=429, retry_after="2", times=2)
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"]
    assert sleeps == [2.0, 2.0]


def test_unavailable_gives_up_after_retries(sim, nexus_args, sleeps):
    sim.fault(method="GET", status=503, times=-1)
    ok, result = run(dict(nexus_args, name="SMS", retries=2))
    assert not ok
    assert result["msg"] == "GET %sSMS failed: HTTP 503: injected fault (gave up after 2 retries)" % BASE
    assert len(sim.journal()) == 3 and len(sleeps) == 2


def test_dropped_upsert_is_not_repeated_once_it_shows(sim, nexus_args, sleeps):
    sim.fault(method="POST", action="drop_after_commit", times=1)
    ok, result = run(dict(nexus_args, **MGAGE))
    assert ok and result["changed"]
    assert len(sim.writes()) == 1
    sim.clear()
    ok, result = run(dict(nexus_args, **MGAGE))
    assert ok and result["changed"] is False and sim.writes() == []


def test_failed_write_leaves_state_a_rerun_converges(sim, nexus_args):
    sim.fault(method="POST", path="/SMS$", status=500, times=1)
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert not ok and result["status"] == 500
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"]
    ok, result = run(dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok and result["changed"] is False


# --- identifiers inside a secret (issue 11: a channel ID is not a secret) ---------------------------

ASYNC = {
    "name": "Async",
    "data": {"channels": [{"channelId": "16504661149", "webhook": {"url": "https://hook.example.com"}},
                          {"channelId": "globex.example.com", "webhook": {"url": "https://hook.example.com"}}]},
    "secret": {"channels": [{"webhook": {"secret": "wh-key-1"}, "api": {"secret": "api-key-1"}},
                            {"webhook": {"secret": "wh-key-2"}, "api": {"secret": "api-key-2"}}]},
    "secret_identifiers": {"channels": [{"channelId": "16504661149"}, {"channelId": "globex.example.com"}]},
}
SEED_SECRET = {"channels": [
    {"webhook": {"secret": "wh-key-1"}, "api": {"secret": "api-key-1"}, "channelId": "16504661149"},
    {"webhook": {"secret": "wh-key-2"}, "api": {"secret": "api-key-2"}, "channelId": "globex.example.com"}]}


def test_secret_identifiers_are_merged_into_the_secret_and_shown(sim, nexus_args):
    ok, result = run(dict(nexus_args, **ASYNC))
    assert ok and result["changed"]
    assert sim.writes()[0]["body"]["secret"] == SEED_SECRET
    shown = result["service"]["secret"]["channels"]
    assert [c["channelId"] for c in shown] == ["16504661149", "globex.example.com"]
    assert shown[0]["webhook"] == {"secret": "********"}
    assert [c["channelId"] for c in result["diff"]["after"]["secret"]["channels"]] == ["16504661149", "globex.example.com"]
    assert_no_secret(result, "wh-key-1", "api-key-1", "wh-key-2", "api-key-2")
    sim.clear()
    ok, result = run(dict(nexus_args, **ASYNC))
    assert ok and result["changed"] is False and sim.writes() == []


def test_identifiers_the_api_hides_stay_masked_in_before(sim, nexus_args):
    run(dict(nexus_args, **ASYNC))
    moved = dict(ASYNC, data={"channels": [dict(c, webhook={"url": "https://new.example.com"}) for c in ASYNC["data"]["channels"]]})
    ok, result = run(dict(nexus_args, **moved), check_mode=True)
    assert ok and result["changed"]
    # The simulator hides every secret leaf, channelId included: before cannot claim to know it.
    assert result["diff"]["before"]["secret"]["channels"][0]["channelId"] == "********"
    assert result["diff"]["after"]["secret"]["channels"][0]["channelId"] == "16504661149"


def test_identifiers_the_api_shows_are_compared(sim, nexus_args):
    sim.configure("nexus", redact_secrets=False)
    run(dict(nexus_args, **ASYNC))
    renamed = dict(ASYNC, secret_identifiers={"channels": [{"channelId": "16504661150"}, {"channelId": "globex.example.com"}]})
    ok, result = run(dict(nexus_args, **renamed), check_mode=True)
    assert ok and result["changed"]
    assert result["diff"]["before"]["secret"]["channels"][0]["channelId"] == "16504661149"


@pytest.mark.parametrize("identifiers, message", [
    ({"channels": [{"channelId": "1"}]}, "secret_identifiers.channels has 1 items where the secret has 2"),
    ({"channels": {"channelId": "1"}}, "secret_identifiers.channels is an object where the secret has list"),
])
def test_identifiers_that_do_not_fit_the_secret_fail_before_any_request(sim, nexus_args, identifiers, message):
    ok, result = run(dict(nexus_args, **dict(ASYNC, secret_identifiers=identifiers)))
    assert not ok and result["msg"] == message and sim.journal() == []


def test_identifiers_need_a_secret(sim, nexus_args):
    ok, result = run(dict(nexus_args, name="Async", secret_identifiers={"a": "b"}))
    assert not ok and result["msg"] == "secret_identifiers needs secret" and sim.journal() == []
