# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTTP core against the simulator: retries, re-auth, check-mode guard, errors."""

from __future__ import annotations

import email.utils

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError, CheckModeWriteError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    MAX_RETRY_AFTER,
    HeaderAuth,
    Transport,
    retry_after_seconds,
    server_message,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Secrets
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID

PATH = "/nexus/v3/provisioning/services/%s/SMS" % CCID
BODY = {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}


def transport(sim, **kwargs):
    kwargs.setdefault("auth", HeaderAuth({"x-api-key": DEFAULT_API_KEY, "x-ccid": CCID}))
    kwargs.setdefault("retries", 3)
    return Transport(sim.url, **kwargs)


class RefreshingAuth(HeaderAuth):
    """Starts with a bad key; refresh() swaps in the good one, as a token refresh would."""

    def __init__(self, good=DEFAULT_API_KEY):
        super().__init__({"x-api-key": "expired", "x-ccid": CCID})
        self.good = good
        self.refreshed = 0

    def refresh(self):
        self.refreshed += 1
        self._headers = {"x-api-key": self.good, "x-ccid": CCID}
        return True


def test_get_returns_decoded_body(sim):
    t = transport(sim)
    t.request("POST", PATH, json_body=BODY, idempotent=True)
    response = t.request("GET", PATH)
    assert response.status == 200
    assert response.body == BODY
    assert [e["method"] for e in sim.journal()] == ["POST", "GET"]
    assert sim.journal()[0]["headers"]["content-type"] == "application/json"


def test_404_is_an_error_unless_allowed(sim):
    t = transport(sim)
    assert t.request("GET", PATH, ok=(404,)).status == 404
    with pytest.raises(ApiError) as err:
        t.request("GET", PATH)
    assert err.value.status == 404
    assert str(err.value) == "GET %s failed: HTTP 404: service SMS not found" % PATH


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retries_transient_status_honouring_retry_after(sim, sleeps, status):
    sim.fault(method="GET", path="/SMS$", status=status, retry_after="7", times=2)
    response = transport(sim).request("GET", PATH, ok=(404,))
    assert response.status == 404
    assert sleeps == [7.0, 7.0]
    assert [e["status"] for e in sim.journal()] == [status, status, 404]


def test_retry_after_http_date(sim, sleeps):
    when = email.utils.formatdate(timeval=None, usegmt=True)
    sim.fault(method="GET", status=503, retry_after=when, times=1)
    transport(sim).request("GET", PATH, ok=(404,))
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 1


def test_backoff_grows_exponentially_with_jitter_and_a_cap(sim, sleeps):
    sim.fault(method="GET", status=503, times=5)
    transport(sim, retries=5, backoff=1.0, backoff_max=4.0).request("GET", PATH, ok=(404,))
    ceilings = [1.0, 2.0, 4.0, 4.0, 4.0]
    assert len(sleeps) == 5
    for waited, ceiling in zip(sleeps, ceilings):
        assert ceiling / 2 <= waited <= ceiling


def test_gives_up_after_retries_with_a_clear_message(sim, sleeps):
    sim.fault(method="GET", status=503, times=-1, body={"message": "maintenance"})
    with pytest.raises(ApiError) as err:
        transport(sim, retries=2).request("GET", PATH)
    assert len(sim.journal()) == 3
    assert len(sleeps) == 2
    assert str(err.value) == "GET %s failed: HTTP 503: maintenance (gave up after 2 retries)" % PATH


def test_retries_zero_means_one_attempt(sim, sleeps):
    sim.fault(method="GET", status=429, times=1)
    with pytest.raises(ApiError) as err:
        transport(sim, retries=0).request("GET", PATH)
    assert err.value.status == 429
    assert sleeps == []


def test_500_is_not_retried(sim, sleeps):
    sim.fault(method="GET", status=500, times=1, body={"error": "boom"})
    with pytest.raises(ApiError) as err:
        transport(sim).request("GET", PATH)
    assert err.value.to_fail_json() == {
        "msg": "GET %s failed: HTTP 500: boom" % PATH, "method": "GET", "path": PATH, "status": 500,
    }
    assert len(sim.journal()) == 1


def test_non_idempotent_post_is_not_retried_on_503(sim, sleeps):
    sim.fault(method="POST", status=503, times=1)
    with pytest.raises(ApiError) as err:
        transport(sim).request("POST", PATH, json_body=BODY)
    assert err.value.status == 503
    assert len(sim.journal()) == 1 and sleeps == []


def test_non_idempotent_post_is_retried_on_429(sim, sleeps):
    sim.fault(method="POST", status=429, retry_after="3", times=1)
    transport(sim).request("POST", PATH, json_body=BODY)
    assert sleeps == [3.0]
    assert [e["status"] for e in sim.journal()] == [429, 201]


def test_idempotent_request_retried_after_dropped_connection(sim, sleeps):
    sim.fault(method="GET", action="drop", times=1)
    assert transport(sim).request("GET", PATH, ok=(404,)).status == 404
    assert [e["fault"] for e in sim.journal()] == ["drop", None]
    assert len(sleeps) == 1


def test_non_idempotent_post_not_retried_after_commit_and_drop(sim, sleeps):
    """The order-safety rule: a dropped POST may have been committed, so it is not repeated."""
    sim.fault(method="POST", action="drop_after_commit", times=1)
    with pytest.raises(ApiError) as err:
        transport(sim).request("POST", PATH, json_body=BODY)
    assert err.value.status is None
    assert str(err.value).startswith("POST %s failed: connection failed: " % PATH)
    assert len(sim.writes()) == 1
    assert sim.state("nexus")["services"][CCID]["SMS"] == BODY


def test_read_timeout_is_retried_for_reads(sim, sleeps):
    sim.fault(method="GET", delay=0.5, times=1)
    assert transport(sim, timeout=0.1).request("GET", PATH, ok=(404,)).status == 404
    assert [e["fault"] for e in sim.journal()][1] is None
    assert len(sim.journal()) == 2


def test_401_reauthenticates_once(sim):
    auth = RefreshingAuth()
    assert transport(sim, auth=auth).request("GET", PATH, ok=(404,)).status == 404
    assert auth.refreshed == 1
    assert [e["status"] for e in sim.journal()] == [401, 404]


def test_401_after_reauth_fails_without_looping(sim):
    auth = RefreshingAuth(good="still-wrong")
    with pytest.raises(ApiError) as err:
        transport(sim, auth=auth).request("GET", PATH)
    assert auth.refreshed == 1
    assert err.value.status == 401
    assert "check the credentials" in str(err.value)
    assert len(sim.journal()) == 2


def test_static_credentials_do_not_retry_401(sim):
    with pytest.raises(ApiError) as err:
        transport(sim, auth=HeaderAuth({"x-api-key": "nope", "x-ccid": CCID})).request("GET", PATH)
    assert str(err.value) == "GET %s failed: HTTP 401: invalid API key (check the credentials)" % PATH
    assert len(sim.journal()) == 1


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_check_mode_refuses_writes_before_sending(sim, method):
    t = transport(sim, check_mode=True)
    with pytest.raises(CheckModeWriteError) as err:
        t.request(method, PATH, json_body=BODY)
    assert method in str(err.value) and "check mode" in str(err.value)
    assert sim.journal() == []
    assert t.stats["requests"] == 0


def test_check_mode_allows_reads_and_read_only_posts(sim):
    t = transport(sim, check_mode=True)
    assert t.request("GET", PATH, ok=(404,)).status == 404
    # A POST marked read-only (token or login request) passes; here the API answers it normally.
    t.request("POST", PATH, json_body=BODY, read_only=True)
    assert [e["method"] for e in sim.journal()] == ["GET", "POST"]
    assert t.stats["writes"] == 0


def test_secrets_echoed_by_the_server_are_scrubbed(sim):
    sim.fault(method="POST", status=400, body={"message": "bad password hunter2-secret for user"})
    t = transport(sim, secrets=["hunter2-secret"])
    with pytest.raises(ApiError) as err:
        t.request("POST", PATH, json_body={"secret": {"password": "hunter2-secret"}})
    assert "hunter2-secret" not in str(err.value)
    assert "bad password ******** for user" in str(err.value)


def test_connection_refused_names_method_path_and_host(sleeps):
    t = Transport("http://127.0.0.1:9", retries=1)
    with pytest.raises(ApiError) as err:
        t.request("GET", "/x")
    assert str(err.value) == "GET /x failed: connection failed: connection to 127.0.0.1:9 refused"
    assert len(sleeps) == 1


def test_ca_path_overrides_validate_certs():
    assert Transport("https://h", ca_path="/etc/ca.pem", validate_certs=False).verify == "/etc/ca.pem"
    assert Transport("https://h", validate_certs=False).verify is False


@pytest.mark.parametrize("value, expected", [
    ("5", 5.0), ("0", 0.0), ("1.5", 1.5), ("100000", MAX_RETRY_AFTER), ("", None), (None, None), ("soon", None),
])
def test_retry_after_seconds(value, expected):
    assert retry_after_seconds(value) == expected


def test_retry_after_date_in_the_past_is_zero():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_server_message_shapes():
    assert server_message({"message": "m"}, "") == "m"
    assert server_message({"errors": ["a", "b"]}, "") == '["a", "b"]'
    assert server_message(None, "plain\n text") == "plain text"
    assert server_message(None, "x" * 400).endswith("...")


def test_scrub_ignores_empty_and_tiny_values():
    assert Secrets(["", None, "ab"]).scrub("abc") == "abc"
    assert Secrets(["s3cr3t!"]).scrub("key=s3cr3t!") == "key=********"
