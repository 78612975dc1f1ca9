# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Defects the reliability matrix (make reliability) found, one test each, each failing before its fix."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError, InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import HeaderAuth, Transport, server_message
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import validate_email
from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_role,
    nexus_api_key,
    nexus_service,
)
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

ROLES = "/api/v2/authorization/roles"
SMS = "/nexus/v3/provisioning/services/%s/SMS" % CCID


def gc_params(gc_args, **extra):
    return dict(gc_args, region=None, access_token=None, validate_certs=True, ca_path=None, timeout=5, retries=0,
                settle_timeout=0, **extra)


def test_a_token_from_the_client_credentials_grant_is_scrubbed_from_api_errors(sim, gc_args):
    """The API transport kept a copy of the secrets taken before the login fetched a token."""
    client = GcClient.from_params(gc_params(gc_args))
    token = client.auth.fetch()["access_token"]
    sim.fault(method="GET", path=ROLES + "$", status=500, echo=True)
    with pytest.raises(ApiError) as err:
        client.find_role("Nexus Messaging")
    assert "authorization: Bearer ********" in str(err.value)
    assert token not in str(err.value)


def test_a_secret_cut_by_the_message_limit_is_scrubbed_before_the_cut(sim):
    """Messages are cut at 300 characters; cutting first left the part of a secret before the cut in clear."""
    transport = Transport(sim.url, auth=HeaderAuth({"x-api-key": DEFAULT_API_KEY, "x-ccid": CCID}),
                          secrets=[DEFAULT_API_KEY], retries=0)
    # The echoed key starts at character 283 of the server's message, so the cut at 300 falls inside it.
    sim.fault(method="GET", status=500, echo=True, body={"message": "p" * 250})
    with pytest.raises(ApiError) as err:
        transport.request("GET", SMS)
    assert str(err.value).endswith("...")
    assert DEFAULT_API_KEY[:12] not in str(err.value)


def test_a_secret_in_the_error_facts_is_scrubbed_before_their_cut():
    message = server_message({"message": "denied", "contextId": "c" * 60 + DEFAULT_API_KEY}, "", [DEFAULT_API_KEY])
    assert message.startswith("denied [contextId: cccc") and DEFAULT_API_KEY[:12] not in message


def test_a_given_api_key_value_is_scrubbed_from_errors(sim, gauth_args):
    key = "portico-cluster-key-0001"
    sim.fault(method="POST", path="/apikeys$", status=500, echo=True)
    ok, result = run_module(nexus_api_key.main, dict(gauth_args, name="Portico Cluster API Key", tenant="*",
                                                     permissions=["nexus:cluster:*"], key=key, settle_timeout=0))
    assert not ok and "HTTP 500" in result["msg"]
    assert key not in result["msg"]


@pytest.mark.parametrize("option", ["api_key"])
@pytest.mark.parametrize("suffix", ["\u20ac", "\u540d", "\u00fc"])
def test_a_header_credential_that_is_not_ascii_fails_before_any_request(sim, nexus_args, option, suffix):
    """Non-latin-1 characters in a header crashed with a UnicodeEncodeError traceback; latin-1 ones were sent."""
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", **{option: DEFAULT_API_KEY + suffix}))
    assert not ok
    assert result["msg"] == "api_key must be printable ASCII: it is sent in an HTTP header"
    assert sim.journal() == []


@pytest.mark.parametrize("option", ["client_id", "client_secret", "access_token"])
def test_genesys_cloud_credentials_that_are_not_ascii_fail_before_any_request(sim, gc_args, option):
    args = dict(gc_args, name="Nexus Messaging")
    args[option] = (args.get(option) or "token-value") + "\u20ac"
    ok, result = run_module(gc_role.main, args)
    assert not ok and result["msg"] == "%s must be printable ASCII: it is sent in an HTTP header" % option
    assert sim.journal() == []


@pytest.mark.parametrize("suffix", ["/../admin", "/./x", "/a/.."])
def test_a_base_url_with_dot_segments_fails_before_any_request(sim, nexus_args, suffix):
    """requests removes dot segments, so the request went to another path than the one shown and checked."""
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", nexus_url=sim.url + suffix))
    assert not ok and result["msg"].startswith("nexus_url must be an http:// or https:// URL")
    assert "'.' or '..'" in result["msg"]
    assert sim.journal() == []


@pytest.mark.parametrize("value", [
    "../sms.admin@acme.example.com/..", "sms.admin@acme.example.com/x", "a@b", "a@-b.example.com",
    "a" * 250 + "@example.com", "['sms.admin@acme.example.com']", "a@b..example.com",
])
def test_email_addresses_need_a_host_name_and_at_most_254_characters(value):
    with pytest.raises(InputError):
        validate_email(value, "email_address")


@pytest.mark.parametrize("value", [
    "sms.admin@acme.example.com", "first.last+sms@sub.acme-corp.example", "\u00fcn\u00ef@example.com",
    "x@xn--p1ai.example",
])
def test_email_addresses_that_stay_valid(value):
    assert validate_email(value, "email_address") == value


@pytest.mark.parametrize("role, message", [
    ("", "roles[0] must not be empty"),
    (" \t", "roles[0] must not be empty"),
    ("Nexus\r\nMessaging", "roles[0] must be one line"),
    ("R" * 201, "roles[0] must be one line"),
])
def test_role_names_of_an_oauth_client_are_checked_before_any_request(sim, gc_args, role, message):
    ok, result = run_module(gc_oauth_client.main, dict(gc_args, name="Nexus Messaging Integration", roles=[role]))
    assert not ok and result["msg"].startswith(message)
    assert sim.journal() == []


def test_a_role_name_is_trimmed_like_gc_role_trims_it(sim, gc_args):
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging"))
    assert ok
    ok, result = run_module(gc_oauth_client.main, dict(gc_args, name="Nexus Messaging Integration",
                                                       roles=["Nexus Messaging\n"]))
    assert ok and result["oauth_client"]["roles"] == ["Nexus Messaging"], result


def test_a_missing_ca_path_with_a_line_break_is_reported_on_one_line(sim, nexus_args):
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", ca_path="/nonexistent/ca.pem\n"))
    assert not ok and "\n" not in result["msg"]
    assert result["msg"].startswith("ca_path /nonexistent/ca.pem\\n does not exist")
    assert sim.journal() == []
