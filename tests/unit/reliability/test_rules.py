# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scorecard's rules can fail: a duplicate write, a printed secret, an unclean failure are caught.

A scorecard of zeros means something only if the same harness reports a bad client; these tests
feed it one, through the real simulator where it matters.
"""

from __future__ import annotations

import base64
import json
import urllib.parse

import pytest
import requests

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_service
from ansible_collections.cxops.digital_channels.tests.reliability import inputs, matrix
from ansible_collections.cxops.digital_channels.tests.reliability.harness import (
    Lab,
    Run,
    duplicate_state,
    duplicate_writes,
    failure_problems,
    leaked,
    printed,
    secret_patterns,
)
from ansible_collections.cxops.digital_channels.tests.reliability.scenarios import SCENARIOS, Target
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET

TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
SECRET = "s3cr3t/token+value with space"


@pytest.fixture(scope="module")
def lab():
    lab = Lab()
    yield lab
    lab.close()


def entry(seq, method, path, body=None, status=200, write=True):
    return {"seq": seq, "method": method, "path": path, "body": body, "status": status, "write": write}


# --- duplicate writes -------------------------------------------------------------------------------

def test_an_order_sent_again_after_it_landed_is_a_duplicate_per_number():
    first = [{"tollfreeNumber": "18445550100"}, {"tollfreeNumber": "18445550101"}]
    again = [{"tollfreeNumber": "18445550101"}]
    found = duplicate_writes([entry(1, "POST", TF, first), entry(2, "POST", TF, again, status=400)])
    assert found == ["order of 18445550101 sent again (request 2) after request 1 had landed"]


@pytest.mark.parametrize("status", [None, 429, 500, 503, 401])
def test_a_write_sent_again_after_its_first_copy_did_not_land_is_a_retry(status):
    body = [{"tollfreeNumber": "18445550100"}]
    assert duplicate_writes([entry(1, "POST", TF, body, status=status), entry(2, "POST", TF, body)]) == []


def test_creates_of_one_name_and_identical_puts_are_duplicates_deletes_are_not():
    role = "/api/v2/authorization/roles"
    put = "/gax/api/cfg/objects/CfgTransaction/312"
    entries = [
        entry(1, "POST", role, {"name": "R", "description": "a"}), entry(2, "POST", role, {"name": "R"}, status=409),
        entry(3, "PUT", put, {"b": 1, "a": 2}), entry(4, "PUT", put, {"a": 2, "b": 1}),
        entry(5, "PUT", put, {"a": 3}),
        entry(6, "DELETE", role + "/x", status=204), entry(7, "DELETE", role + "/x", status=404),
        entry(8, "POST", "/gax/api/session/login", {"u": 1}, write=False),
        entry(9, "POST", "/gax/api/session/login", {"u": 1}, write=False),
    ]
    found = duplicate_writes(entries)
    assert len(found) == 2
    assert found[0].startswith("create of roles 'R' sent again (request 2)")
    assert found[1].startswith("PUT %s" % put) and "(request 4) after request 3" in found[1]


def test_a_client_that_resends_an_order_blind_is_caught_through_the_journal(lab):
    """What the fault matrix would report for a client without settle: one duplicate write."""
    lab.reset()
    token = requests.post(lab.url + "/oauth/token", data={"grant_type": "client_credentials"},
                          auth=(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), timeout=5).json()["access_token"]
    order = [{"tollfreeNumber": "18445550100", "moUrl": "https://d.example.com/m", "drUrl": "https://d.example.com/r",
              "webhookUsername": "45acae06-6b7c-4f97-9c76-471cb5c21bf7", "webhookPassword": "cluster-key-0123456789"}]
    lab.add_faults([{"method": "POST", "path": TF + "$", "action": "drop_after_commit"}])
    headers = {"Authorization": "Bearer " + token}
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(lab.url + TF, json=order, headers=headers, timeout=5)
    requests.post(lab.url + TF, json=order, headers=headers, timeout=5)
    lab.quiesce()
    assert duplicate_writes(lab.sim.journal.entries()) == [
        "order of 18445550100 sent again (request 3) after request 2 had landed"]


def test_objects_held_twice_are_duplicates_in_the_state():
    state = {"gc": {"roles": {"1": {"name": "R"}, "2": {"name": "R"}}, "oauth_clients": {},
                    "orders": {"a": {"numbers": ["1844"]}, "b": {"numbers": ["1844"]}}},
             "nexus": {"api_keys": {}}}
    assert duplicate_state(state) == ["roles 'R' exists 2 times", "1844 ordered 2 times"]


# --- secrets printed ----------------------------------------------------------------------------------

@pytest.mark.parametrize("shown", [
    SECRET, json.dumps(SECRET), repr(SECRET), urllib.parse.quote(SECRET, safe=""), urllib.parse.quote_plus(SECRET),
    "cut here: " + SECRET[:15] + "...",
])
def test_every_form_of_a_secret_and_a_cut_one_are_found(shown):
    assert printed("message: %s; more" % shown, secret_patterns([SECRET]))


def test_a_basic_token_is_found_and_a_short_fragment_is_not():
    basic = base64.b64encode(b"client:secret-value-123").decode()
    assert printed("Authorization: Basic " + basic, secret_patterns([basic]))
    assert not printed("message: " + SECRET[:11], secret_patterns([SECRET]))


def test_a_documented_return_may_hold_a_generated_secret_never_an_option_value():
    generated, given = "generated-secret-0123456789", "given-secret-0123456789"
    ok = Run(True, {"oauth_client": {"client_secret": generated, "id": "x"}}, [], [], 0.0)
    assert leaked(ok, [given], {generated}, allowed=(("oauth_client", "client_secret"),)) == []
    assert leaked(ok, [given], {generated}) != []
    bad = Run(True, {"oauth_client": {"client_secret": given}}, [], [], 0.0)
    assert leaked(bad, [given], set(), allowed=(("oauth_client", "client_secret"),)) != []
    warned = Run(True, {}, ["the token is %s" % generated], [], 0.0)
    assert leaked(warned, [], {generated}) != []


# --- clean failures ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("result, crash, problem", [
    ({"msg": "GET /x failed: HTTP 500\nmore"}, None, "message is more than one line"),
    ({"msg": "GET /x failed: HTTP 500", "method": "GET", "path": "/y", "status": 500}, None, "does not name GET /y"),
    ({"msg": "GET /x failed", "method": "GET", "path": "/x", "status": 500}, None, "does not name status 500"),
    ({"msg": "something broke"}, None, "an API failure without method and path"),
    ({}, "Traceback (most recent call last):\nKeyError: 'x'\n", "crashed with a traceback: KeyError: 'x'"),
])
def test_unclean_failures_are_named(result, crash, problem):
    problems = failure_problems(Run(False, result, [], [], 0.0, crash))
    assert any(problem in p for p in problems), problems


def test_a_clean_api_failure_passes():
    result = {"msg": "GET /x failed: HTTP 500: boom", "method": "GET", "path": "/x", "status": 500}
    assert failure_problems(Run(False, result, [], [], 0.0)) == []


# --- the case tables --------------------------------------------------------------------------------------

def test_string_options_come_from_the_spec_with_list_elements_and_suboptions():
    paths = inputs.string_options(inputs.argument_spec(nexus_service))
    assert {"name", "nexus_url", "api_key", "ccid", "ca_path", "url", "state", "update_secret"} == set(paths)
    spec = {"numbers": {"type": "list", "elements": "dict", "options": {"number": {"type": "str"}, "n": {"type": "int"}}},
            "names": {"type": "list", "elements": "str"}, "flag": {"type": "bool"}, "where": {"type": "path"}}
    assert inputs.string_options(spec) == ["names[]", "numbers[].number", "where"]


def test_every_string_option_of_every_module_has_a_kind():
    for module_name, path, dummy in matrix.input_cases():
        assert inputs.kind_of(module_name, path) in inputs.EXPECT, (module_name, path)


def test_values_are_set_at_option_paths():
    args = {"numbers": [{"number": "1", "comment": "c"}], "names": ["a", "b"]}
    assert inputs.set_value(args, "numbers[].number", "x") == {"numbers": [{"number": "x", "comment": "c"}], "names": ["a", "b"]}
    assert inputs.set_value(args, "names[]", 42)["names"] == [42, "b"]
    assert inputs.get_value(args, "numbers[].comment") == "c" and inputs.get_value({}, "names[]") is None


@pytest.mark.parametrize("case, kind, expected", [
    ("10k characters", "name", 10000), ("10k characters", "base url", 10000), ("10k characters", "email", 10000),
])
def test_the_long_value_is_ten_thousand_characters(case, kind, expected):
    base = {"name": "SMS", "base url": "http://127.0.0.1:8080", "email": "a@b.example.com"}[kind]
    assert len(inputs.bad_value(case, kind, base)) == expected


def test_phone_numbers_get_fullwidth_digits_as_their_unicode_case():
    assert inputs.bad_value("unicode", "number", "+18005550100") == "+\uff11\uff18\uff10\uff10\uff15\uff15\uff15\uff10\uff11\uff10\uff10"


def test_a_target_after_a_write_is_the_first_matching_request_after_it():
    put = Target("PUT", "PUT", "/objects/")
    reads_after = Target("reads after PUT", "GET", ".", after=put)
    entries = [entry(1, "GET", "/objects"), entry(2, "PUT", "/objects/312"), entry(3, "GET", "/objects")]
    assert reads_after.position(entries) == 2 and put.position(entries) == 1
    assert reads_after.position(entries[:2]) is None


def test_every_scenario_converges_without_faults_and_every_target_is_sent(lab):
    baselines = matrix.Baselines(lab)
    for scenario in SCENARIOS.values():
        for target in scenario.targets:
            position, same = baselines.skips(scenario, target)
            assert position >= same >= 0


def test_one_fault_case_and_one_input_case_run_end_to_end(lab):
    record = matrix.run_fault_case(lab, matrix.Baselines(lab), "nexus_service/create SMS", "POST service (create)",
                                   "drop after commit")
    assert record["survived"] and record["duplicates"] == [] and record["secrets"] == [], record
    record = matrix.run_input_case(lab, "nexus_service", "name", "trailing newline")
    assert record["passed"] and record["outcome"] == inputs.REJECTED and record["requests"] == 0, record


# --- every module that sends requests has a row -------------------------------------------------------

def test_every_module_that_sends_requests_has_a_row_and_documentation_only_ones_are_left_out():
    # pylint: disable=import-outside-toplevel,protected-access
    import os

    from ansible_collections.cxops.digital_channels.tests.reliability import run as reliability_run

    files = sorted(name for name in os.listdir(reliability_run.MODULES_DIR) if name.endswith(".py") and name != "__init__.py")
    sending = {name[:-3] for name in files if reliability_run._sends_requests(name)}
    assert not {"snapshot_file", "report_files"} & sending and "nexus_service" in sending
    assert sending == set(reliability_run.MODULES)
