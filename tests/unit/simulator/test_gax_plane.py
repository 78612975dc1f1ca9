# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulated GAX plane is strict: a test double that accepted wrong requests would prove nothing."""

from __future__ import annotations

import copy
import threading

import pytest
import requests

from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_GAX_PASSWORD, DEFAULT_GAX_USERNAME
from ansible_collections.cxops.digital_channels.tests.simulator.core import HttpError

LOGIN = {"username": DEFAULT_GAX_USERNAME, "password": DEFAULT_GAX_PASSWORD, "isPasswordEncrypted": False}
QUERY = {"brief": "false", "type": "CfgTransaction", "name": "NexusServices"}


@pytest.fixture()
def http(sim):
    """A logged-in requests session and the base URL."""
    session = requests.Session()
    assert session.post(sim.url + "/gax/api/session/login", json=LOGIN, timeout=5).status_code == 200
    return session


def get(sim, http, **query):
    return http.get(sim.url + "/gax/api/cfg/objects", params=query or QUERY, timeout=5)


def put(sim, http, body, path="/gax/api/cfg/objects/CfgTransaction/312"):
    return http.put(sim.url + path, json=body, timeout=5)


def stored(sim, http):
    return get(sim, http).json()[0]


@pytest.mark.parametrize("body, status", [
    ({"username": DEFAULT_GAX_USERNAME, "password": DEFAULT_GAX_PASSWORD}, 400),
    (dict(LOGIN, isPasswordEncrypted=True), 400),
    (dict(LOGIN, password="nope"), 401),
    (dict(LOGIN, username="nobody"), 401),
])
def test_login_is_strict(sim, body, status):
    assert requests.post(sim.url + "/gax/api/session/login", json=body, timeout=5).status_code == status


def test_login_route_is_not_journaled_as_a_write(sim, http):
    assert [e["write"] for e in sim.journal()] == [False]


def test_no_session_no_data(sim):
    response = requests.get(sim.url + "/gax/api/cfg/objects", params=QUERY, timeout=5)
    assert response.status_code == 401
    response = requests.get(sim.url + "/gax/api/cfg/objects", params=QUERY, cookies={"JSESSIONID": "forged"}, timeout=5)
    assert response.status_code == 401


@pytest.mark.parametrize("query, status, found", [
    (QUERY, 200, 1),
    ({"type": "CfgTransaction", "name": "Other"}, 200, 0),
    ({"brief": "false", "name": "NexusServices"}, 400, None),
    (dict(QUERY, brief="maybe"), 400, None),
    (dict(QUERY, filters="folderid=1"), 400, None),
])
def test_list_objects(sim, http, query, status, found):
    response = get(sim, http, **query)
    assert response.status_code == status
    if found is not None:
        assert len(response.json()) == found


def test_brief_list_has_only_identity(sim, http):
    assert get(sim, http, type="CfgTransaction").json() == [{"dbid": "312", "name": "NexusServices", "type": "CfgTransaction"}]


def mutate(obj, **changes):
    obj = copy.deepcopy(obj)
    for key, value in changes.items():
        if value is None:
            del obj[key]
        else:
            obj[key] = value
    return obj


@pytest.mark.parametrize("change, message", [
    ({"state": None}, "PUT takes the whole object; missing fields: state"),
    ({"extra": "x"}, "unknown fields: extra"),
    ({"dbid": "313"}, "dbid cannot be changed"),
    ({"name": "Renamed"}, "name cannot be changed"),
    ({"folderid": 196}, "folderid must be a string"),
    ({"userproperties": []}, "userproperties must be"),
    ({"userproperties": {"property": {}}}, "userproperties.property must be a list"),
    ({"userproperties": {"property": [{"section": "a", "key": "k"}]}}, "must have exactly section, key and value"),
    ({"userproperties": {"property": [{"section": "a", "key": "k", "value": 1}]}}, "must be strings"),
    ({"userproperties": {"property": [{"section": "", "key": "k", "value": "1"}]}}, "may not be empty"),
    ({"userproperties": {"property": [{"section": "a", "key": "k", "value": "1"}, {"section": "a", "key": "k", "value": "2"}]}},
     "option a/k appears twice"),
])
def test_put_refuses_wrong_shapes(sim, http, change, message):
    before = stored(sim, http)
    response = put(sim, http, mutate(before, **change))
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert stored(sim, http) == before


def test_put_unknown_object_is_404(sim, http):
    assert put(sim, http, stored(sim, http), "/gax/api/cfg/objects/CfgTransaction/999").status_code == 404
    assert put(sim, http, stored(sim, http), "/gax/api/cfg/objects/CfgApplication/312").status_code == 404


def test_put_needs_json(sim, http):
    response = http.put(sim.url + "/gax/api/cfg/objects/CfgTransaction/312", data="x", timeout=5)
    assert response.status_code == 415


def test_put_replaces_and_returns_the_object(sim, http):
    body = stored(sim, http)
    body["userproperties"]["property"] = [{"section": "Async", "key": "header:x", "value": "1"}]
    response = put(sim, http, body)
    assert response.status_code == 200 and response.json() == body
    assert stored(sim, http) == body


def test_session_request_limit(sim, http):
    sim.configure("gax", session_max_requests=2)
    assert [get(sim, http).status_code, get(sim, http).status_code, get(sim, http).status_code] == [200, 200, 401]
    # The expired session is gone for good.
    assert get(sim, http).status_code == 401


@pytest.mark.parametrize("rule", [
    {"after": "POST"},
    {"after": "GET", "stale": True},
    {"after": "GET", "set": [{"section": "a"}]},
    {"after": "PUT", "remove_sections": [1]},
    {"after": "PUT", "unknown": 1},
])
def test_concurrent_write_rules_are_checked(sim, rule):
    with pytest.raises(HttpError):
        sim.configure("gax", concurrent_writes=[rule])


def test_concurrent_write_after_skip(sim, http):
    other = {"section": "chat.Other", "key": "channelId", "value": "55555"}
    sim.configure("gax", concurrent_writes=[{"after": "GET", "skip": 1, "set": [other], "remove_sections": ["Async"]}])
    sim.server.planes["gax"].set_sections({"Async": {"a": "1"}, "b": {"k": "v"}})
    first = stored(sim, http)
    assert first["userproperties"]["property"] == [{"section": "Async", "key": "a", "value": "1"},
                                                   {"section": "b", "key": "k", "value": "v"}]
    second = stored(sim, http)
    # Applied right after the second read was answered from the old state.
    assert second == first
    assert sim.server.planes["gax"].sections() == {"b": {"k": "v"}, "chat.Other": {"channelId": "55555"}}
    assert len(sim.state("gax")["concurrent_writes"]) == 1


def test_reset_restores_the_empty_transaction_and_forgets_sessions(sim, http):
    sim.server.planes["gax"].set_sections({"a": {"k": "v"}})
    sim.server.reset()
    assert sim.server.planes["gax"].sections() == {}
    assert sim.state("gax")["sessions"] == []
    assert get(sim, http).status_code == 401


def test_hold_answers_only_after_release(sim, http):
    """The core fault 'hold': processed at once, answered when released (for interleaving real clients)."""
    sim.fault(method="GET", path="/gax/api/cfg/objects$", action="hold", delay=30)
    answer = {}
    worker = threading.Thread(target=lambda: answer.setdefault("status", get(sim, http).status_code))
    worker.start()
    for wait in range(100):
        if [e for e in sim.journal() if e["fault"] == "hold"]:
            break
        worker.join(0.05)
    assert [e["status"] for e in sim.journal() if e["fault"] == "hold"] == [200]
    assert worker.is_alive() and not answer, wait
    sim.server.faults.release()
    worker.join(5)
    assert answer == {"status": 200}
