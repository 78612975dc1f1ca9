# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Genesys Cloud client against the simulator: tokens, paging, exactly-once ordering."""

from __future__ import annotations

import re

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    CheckModeWriteError,
    InputError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import TOKEN_MARGIN, GcClient, resolve_urls

TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
ROLES = "/api/v2/authorization/roles"
NEXUS = "https://digital.example.com"
CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"


def params(gc_args, **extra):
    base = dict(gc_args, region=None, access_token=None, validate_certs=True, ca_path=None, timeout=5, retries=3,
                settle_timeout=2)
    base.update(extra)
    return base


def entry(number):
    return {"tollfreeNumber": number, "moUrl": NEXUS + "/nexus/v3/sms/message", "drUrl": NEXUS + "/nexus/v3/sms/receipt",
            "webhookUsername": CCID, "webhookPassword": "cluster-key-0123456789"}


def orders(sim):
    return [e for e in sim.journal() if e["method"] == "POST" and e["path"] == TF]


def test_resolve_urls():
    assert resolve_urls({"region": "eu-west-1"}) == ("https://login.mypurecloud.ie", "https://api.mypurecloud.ie")
    assert resolve_urls({"region": "us-east-1", "login_url": "http://l/", "api_url": "http://a"}) == ("http://l", "http://a")
    with pytest.raises(InputError, match="login_url and api_url go together"):
        resolve_urls({"login_url": "http://l"})
    with pytest.raises(InputError, match="give region"):
        resolve_urls({})


def test_a_token_user_needs_only_the_api_url(sim, gc_args):
    """Issue 10: access_token with api_url alone works; nothing is sent to a login service."""
    token = GcClient.from_params(params(gc_args)).auth.fetch()["access_token"]
    sim.clear()
    assert resolve_urls({"api_url": "http://a/", "access_token": "t"}) == (None, "http://a")
    client = GcClient.from_params(params(gc_args, login_url=None, client_id=None, client_secret=None, access_token=token))
    assert client.list_tollfree() == {}
    assert [e["path"] for e in sim.journal()] == [TF]
    with pytest.raises(InputError, match="access_token alone needs only api_url"):
        resolve_urls({"api_url": "http://a", "client_id": "c", "client_secret": "s"})


def test_errors_keep_the_servers_code_and_context_id(sim, gc_args):
    sim.fault(method="GET", path=TF + "$", status=400, times=1, body={
        "message": "Invalid value", "code": "bad.request", "status": 400, "contextId": "6d2f4c3e-ctx",
        "messageWithParams": "Invalid value {v}", "messageParams": {"v": "x"}, "details": [], "errors": []})
    with pytest.raises(ApiError) as err:
        GcClient.from_params(params(gc_args)).list_tollfree()
    assert str(err.value) == "GET %s failed: HTTP 400: Invalid value [code: bad.request, contextId: 6d2f4c3e-ctx]" % TF


@pytest.mark.parametrize("region, domain", [
    ("mx-central-1", "mxc1.pure.cloud"), ("ap-southeast-1", "apse1.pure.cloud"), ("eusc-de-east-1", "edee1.eusc-pure.cloud"),
])
def test_regions_added_from_the_sdk(region, domain):
    """The three regions the table lacked; tests/sdk compares the whole table with the SDK's."""
    assert resolve_urls({"region": region}) == ("https://login." + domain, "https://api." + domain)


def test_credentials_must_be_complete(gc_args):
    with pytest.raises(InputError, match="give access_token, or client_id and client_secret"):
        GcClient.from_params(params(gc_args, client_id=None, client_secret=None))
    with pytest.raises(InputError, match="client_id and client_secret go together"):
        GcClient.from_params(params(gc_args, client_secret=None, access_token="t"))


def test_token_is_fetched_once_and_cached(sim, gc_args):
    client = GcClient.from_params(params(gc_args))
    client.list_tollfree()
    client.list_tollfree()
    token_calls = [e for e in sim.journal() if e["path"] == "/oauth/token"]
    assert len(token_calls) == 1
    call = token_calls[0]
    assert call["headers"]["authorization"].startswith("Basic ")
    assert call["headers"]["content-type"] == "application/x-www-form-urlencoded"
    assert call["body"] == {"grant_type": "client_credentials"}
    assert call["write"] is False


def test_token_refetched_before_expiry(sim, gc_args):
    now = [1000.0]
    client = GcClient.from_params(params(gc_args))
    client.auth.clock = lambda: now[0]
    client.list_tollfree()
    now[0] += 86400 - TOKEN_MARGIN + 1
    client.list_tollfree()
    assert len([e for e in sim.journal() if e["path"] == "/oauth/token"]) == 2


def test_expired_token_reauthenticates_once(sim, gc_args):
    client = GcClient.from_params(params(gc_args))
    client.list_tollfree()
    sim.configure("gc", expire_tokens=True)
    sim.clear()
    client.list_tollfree()
    assert [(e["path"], e["status"]) for e in sim.journal()] == [(TF, 401), ("/oauth/token", 200), (TF, 200)]


def test_given_token_without_credentials_fails_clearly_on_401(sim, gc_args):
    client = GcClient.from_params(params(gc_args, client_id=None, client_secret=None, access_token="stale-token-1234"))
    with pytest.raises(ApiError) as err:
        client.list_tollfree()
    assert re.fullmatch(r"GET %s failed: HTTP 401: Invalid login credentials\. \[code: bad\.credentials, contextId: "
                        r"[0-9a-f-]{36}\] \(check the credentials\)" % TF, str(err.value)), str(err.value)
    assert "stale-token-1234" not in str(err.value)


def test_token_request_passes_check_mode(sim, gc_args):
    client = GcClient.from_params(params(gc_args), check_mode=True)
    assert client.auth.fetch()["token_type"] == "bearer"
    with pytest.raises(CheckModeWriteError):
        client.order_tollfree([entry("18445550100")])
    assert orders(sim) == []


def test_bad_client_secret(sim, gc_args):
    client = GcClient.from_params(params(gc_args, client_secret="wrong-secret-99"))
    with pytest.raises(ApiError) as err:
        client.auth.fetch()
    assert str(err.value) == "POST /oauth/token failed: HTTP 401: invalid client credentials (check the credentials)"


def test_listing_follows_every_page(sim, gc_args):
    """Roles are listed in pages (the SDK's pageSize/pageNumber); nextUri leads through all of them."""
    sim.configure("gc", page_size=2)
    client = GcClient.from_params(params(gc_args))
    for index in range(5):
        client.create_role({"name": "R%d" % index, "description": "", "permissionPolicies": []})
    sim.clear()
    assert [r["name"] for r in client._pages(ROLES)] == ["R0", "R1", "R2", "R3", "R4"]
    pages = [e for e in sim.journal() if e["path"] == ROLES]
    assert [p["query"].get("pageNumber") for p in pages] == [None, "2", "3"]


def test_listing_without_next_uri_uses_page_count(sim, gc_args):
    sim.configure("gc", page_size=2, next_uri=False)
    client = GcClient.from_params(params(gc_args))
    for index in range(3):
        client.create_role({"name": "R%d" % index, "description": "", "permissionPolicies": []})
    sim.clear()
    assert len(client._pages(ROLES)) == 3
    assert [e["query"].get("pageNumber") for e in sim.journal() if e["path"] == ROLES] == [None, "2"]


def test_owned_numbers_come_in_one_listing(sim, gc_args):
    """The owned-numbers operation takes no paging parameters, so every number is on its one page."""
    sim.configure("gc", page_size=2)
    client = GcClient.from_params(params(gc_args))
    client.order_tollfree([entry("1844555010%d" % i) for i in range(5)])
    sim.clear()
    owned = client.list_tollfree()
    assert sorted(owned) == ["+1844555010%d" % i for i in range(5)]
    assert [e["query"] for e in sim.journal() if e["path"] == TF] == [{}]
    assert all("webhookPassword" not in n for n in owned.values())


def test_available_numbers(sim, gc_args):
    client = GcClient.from_params(params(gc_args))
    numbers = client.available_tollfree(5)
    assert len(numbers) == 5 and all(n.startswith("+1844555") for n in numbers)
    assert sim.journal()[-1]["query"] == {"numberOfResults": "5"}


def test_order_is_sent_once(sim, gc_args):
    client = GcClient.from_params(params(gc_args))
    order, ordered = client.order_tollfree([entry("18445550100"), entry("18445550101")])
    assert order["status"] == "Pending" and ordered == ["18445550100", "18445550101"]
    assert len(orders(sim)) == 1
    assert orders(sim)[0]["body"] == [entry("18445550100"), entry("18445550101")]


def test_order_refused_by_the_api_is_not_retried(sim, gc_args):
    client = GcClient.from_params(params(gc_args))
    with pytest.raises(ApiError) as err:
        client.order_tollfree([entry("18005550199")])
    assert err.value.status == 400 and "not available" in str(err.value)
    assert len(orders(sim)) == 1
    assert [e["method"] for e in sim.journal() if e["path"] == TF] == ["POST"]


def test_order_504_lists_until_the_window_passes_then_orders_again_exactly_once(sim, gc_args, sleeps):
    """504: a gateway gave up waiting, the order may still be processed: listed for the whole settle window."""
    sim.fault(method="POST", path=TF + "$", status=504, times=1)
    client = GcClient.from_params(params(gc_args))
    order, ordered = client.order_tollfree([entry("18445550100")])
    assert order["orderId"] and ordered == ["18445550100"]
    # Listed at 0, 0.5, 1.5 and 2 s of the 2 s window, checked still available, ordered after a backoff.
    assert sleeps[:3] == [0.5, 1.0, 0.5] and len(sleeps) == 4
    assert [(e["method"], e["status"]) for e in sim.journal() if e["path"] == TF] == [
        ("POST", 504), ("GET", 200), ("GET", 200), ("GET", 200), ("GET", 200), ("POST", 200)]
    assert len(sim.state("gc")["orders"]) == 1


def test_order_500_that_did_not_land_is_not_sent_again(sim, gc_args, sleeps):
    sim.fault(method="POST", path=TF + "$", status=500, body={"message": "carrier error"}, times=1)
    client = GcClient.from_params(params(gc_args))
    with pytest.raises(ApiError) as err:
        client.order_tollfree([entry("18445550100")])
    assert str(err.value) == ("POST %s failed: HTTP 500: carrier error (the order for 18445550100 did not show in the "
                              "owned numbers; not ordering again)" % TF)
    assert [e["method"] for e in sim.journal() if e["path"] == TF] == ["POST", "GET"]


def test_order_503_lists_until_the_window_passes_then_orders_again_exactly_once(sim, gc_args, sleeps):
    sim.fault(method="POST", path=TF + "$", status=503, times=1)
    client = GcClient.from_params(params(gc_args))
    order, ordered = client.order_tollfree([entry("18445550100")])
    assert order["orderId"] and ordered == ["18445550100"]
    # 503: the server answered, so one listing tells it did not land; still available, ordered after a backoff.
    assert len(sleeps) == 1
    assert [(e["method"], e["status"]) for e in sim.journal() if e["path"] == TF] == [
        ("POST", 503), ("GET", 200), ("POST", 200)]
    assert [e["path"] for e in sim.journal()].count(TF + "/available") == 1
    assert list(sim.state("gc")["owned"]) == ["18445550100"]
    assert len(sim.state("gc")["orders"]) == 1


def test_order_committed_then_dropped_is_not_repeated(sim, gc_args, sleeps):
    sim.fault(method="POST", path=TF + "$", action="drop_after_commit", times=1)
    client = GcClient.from_params(params(gc_args))
    order, ordered = client.order_tollfree([entry("18445550100")])
    assert order is None and ordered == ["18445550100"]
    assert [(e["method"], e["fault"]) for e in sim.journal() if e["path"] == TF] == [
        ("POST", "drop_after_commit"), ("GET", None)]
    assert len(sim.state("gc")["orders"]) == 1


def test_partial_commit_orders_only_the_rest(sim, gc_args, sleeps):
    client = GcClient.from_params(params(gc_args))
    # Another actor bought one of the two numbers while our POST failed.
    sim.fault(method="POST", path=TF + "$", status=502, times=1)
    sim.server.planes["gc"].owned["18445550100"] = dict(entry("18445550100"), status="Active")
    order, ordered = client.order_tollfree([entry("18445550100"), entry("18445550101")])
    assert order["orderId"] and ordered == ["18445550101"]
    assert orders(sim)[-1]["body"] == [entry("18445550101")]
    assert len(sim.state("gc")["orders"]) == 1


def test_order_gives_up_after_retries_and_says_what_was_not_ordered(sim, gc_args, sleeps):
    sim.fault(method="POST", path=TF + "$", status=503, times=-1)
    client = GcClient.from_params(params(gc_args, retries=2))
    with pytest.raises(ApiError) as err:
        client.order_tollfree([entry("18445550100")])
    assert "3 orders were sent and 18445550100 still not owned after each; not ordering again" in str(err.value)
    assert len(orders(sim)) == 3
    assert sim.state("gc")["owned"] == {}


def test_wait_for_order_polls_until_done(sim, gc_args, sleeps):
    sim.configure("gc", order_polls=3)
    client = GcClient.from_params(params(gc_args))
    order = client.order_tollfree([entry("18445550100")])[0]
    final = client.wait_for_order(order["orderId"], timeout=60, interval=1.5)
    assert final["status"] == "Completed"
    assert sleeps == [1.5, 1.5]


def test_wait_for_order_stops_at_the_deadline(sim, gc_args, sleeps):
    sim.configure("gc", order_polls=100)
    client = GcClient.from_params(params(gc_args))
    order = client.order_tollfree([entry("18445550100")])[0]
    ticks = iter(range(0, 1000, 10))
    final = client.wait_for_order(order["orderId"], timeout=25, interval=1, clock=lambda: next(ticks))
    assert final["status"] == "Pending"
    assert len(sleeps) == 2
