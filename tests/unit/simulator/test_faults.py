# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Faults the reliability matrix needs: a fault that waits its turn, a server that echoes credentials,
tokens and sessions that end mid-run, a server that goes away and comes back."""

from __future__ import annotations

import time

import pytest
import requests

from ansible_collections.cxops.digital_channels.tests.simulator import (
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_GAX_PASSWORD,
    DEFAULT_GAX_USERNAME,
)
from ansible_collections.cxops.digital_channels.tests.simulator.core import HttpError
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID

SMS = "/nexus/v3/provisioning/services/%s/SMS" % CCID
HEADERS = {"x-api-key": DEFAULT_API_KEY, "x-ccid": CCID}
LOGIN = {"username": DEFAULT_GAX_USERNAME, "password": DEFAULT_GAX_PASSWORD, "isPasswordEncrypted": False}


def get_sms(sim, session=requests):
    return session.get(sim.url + SMS, headers=HEADERS, timeout=5)


def test_skip_lets_that_many_matching_requests_through_first(sim):
    sim.fault(method="GET", path="/SMS$", status=503, skip=2)
    assert [get_sms(sim).status_code for dummy in range(4)] == [404, 404, 503, 404]
    assert [e["fault"] for e in sim.journal()] == [None, None, "status", None]


def test_echo_repeats_the_credentials_the_request_carried(sim):
    sim.fault(method="POST", path="/gax/api/session/login", status=500, echo=True, body={"message": "boom"})
    response = requests.post(sim.url + "/gax/api/session/login", json=LOGIN, timeout=5)
    message = response.json()["message"]
    assert response.status_code == 500 and message.startswith("boom; the request carried ")
    assert '"password": "%s"' % DEFAULT_GAX_PASSWORD in message

    sim.fault(method="GET", status=500, echo=True)
    message = get_sms(sim).json()["message"]
    assert "x-api-key: %s" % DEFAULT_API_KEY in message and "as sent: x-api-key=%s" % DEFAULT_API_KEY in message


@pytest.mark.parametrize("rule", [
    {"action": "drop", "echo": True},
    {"action": "configure", "body": {"gc": "expire_tokens"}},
    {"status": 500, "skip": -1},
])
def test_fault_rules_are_checked(sim, rule):
    with pytest.raises(HttpError):
        sim.fault(**rule)


def _token(sim):
    response = requests.post(sim.url + "/oauth/token", data={"grant_type": "client_credentials"},
                             auth=(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), timeout=5)
    return {"Authorization": "Bearer " + response.json()["access_token"]}


def test_configure_ends_every_token_just_before_the_request_it_hits(sim):
    roles = sim.url + "/api/v2/authorization/roles"
    bearer = _token(sim)
    sim.fault(method="GET", path="/roles$", action="configure", body={"gc": {"expire_tokens": True}}, skip=1)
    assert requests.get(roles, headers=bearer, timeout=5).status_code == 200
    assert requests.get(roles, headers=bearer, timeout=5).status_code == 401
    assert requests.get(roles, headers=_token(sim), timeout=5).status_code == 200
    assert [e["fault"] for e in sim.journal() if e["method"] == "GET"] == [None, "configure", None]


@pytest.mark.parametrize("prefix", ["", "/tenants/t1"])
def test_expire_sessions_ends_every_gax_session(sim, prefix):
    session = requests.Session()
    session.post(sim.url + prefix + "/gax/api/session/login", json=LOGIN, timeout=5)
    objects = sim.url + prefix + "/gax/api/cfg/objects?type=CfgTransaction"
    assert session.get(objects, timeout=5).status_code == 200
    sim.configure("gax", expire_sessions=True)
    assert session.get(objects, timeout=5).status_code == 401


def test_down_refuses_connections_until_resumed_and_keeps_the_state(sim):
    sim.server.planes["nexus"].services[CCID] = {"SMS": {"url": "N/A", "data": {}, "secret": {}}}
    kept_alive = requests.Session()
    assert get_sms(sim, kept_alive).status_code == 200
    sim.fault(method="GET", path="/SMS$", action="down", delay=60)
    with pytest.raises(requests.exceptions.ConnectionError):
        get_sms(sim, kept_alive)
    for session in (kept_alive, requests):
        with pytest.raises(requests.exceptions.ConnectionError, match="refused"):
            get_sms(sim, session)
    sim.server.resume()
    assert get_sms(sim).status_code == 200
    assert [e["fault"] for e in sim.journal()] == [None, "down", None]


def test_down_ends_by_itself(sim):
    sim.fault(method="GET", action="down", delay=0.5)
    with pytest.raises(requests.exceptions.ConnectionError):
        get_sms(sim)
    deadline = time.monotonic() + 10
    while sim.server.down and time.monotonic() < deadline:
        time.sleep(0.1)
    assert get_sms(sim).status_code == 404
