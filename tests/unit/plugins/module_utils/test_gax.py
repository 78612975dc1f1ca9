# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The GAX client against the simulator: session login, re-login, object reads and whole-object writes."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    CheckModeWriteError,
    InputError,
    OutcomeUnknownError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import LOGIN_PATH, OBJECTS_PATH, GaxClient
from ansible_collections.cxops.digital_channels.tests.simulator.gax import transaction

PUT_PATH = "/gax/api/cfg/objects/CfgTransaction/312"


def client(gax_args, check_mode=False, **overrides):
    params = {"validate_certs": True, "ca_path": None, "timeout": 5, "retries": 2}
    params.update(gax_args)
    params.update(overrides)
    return GaxClient.from_params(params, check_mode)


def calls(sim):
    return [(e["method"], e["path"], e["status"]) for e in sim.journal()]


def methods(sim):
    return [e["method"] for e in sim.journal()]


def test_login_then_read_with_the_session_cookie(sim, gax_args):
    obj = client(gax_args).find_object("CfgTransaction", "NexusServices")
    assert obj["dbid"] == "312" and obj["userproperties"] == {"property": []}
    login, read = sim.journal()
    assert (login["method"], login["path"], login["write"]) == ("POST", LOGIN_PATH, False)
    assert login["body"] == {"username": gax_args["gax_username"], "password": gax_args["gax_password"],
                             "isPasswordEncrypted": False}
    assert (read["method"], read["path"], read["query"]) == (
        "GET", OBJECTS_PATH, {"brief": "false", "type": "CfgTransaction", "name": "NexusServices"})
    assert read["headers"]["cookie"].startswith("JSESSIONID=")


def test_one_login_for_many_requests(sim, gax_args):
    gax = client(gax_args)
    for attempt in range(3):
        assert gax.find_object("CfgTransaction", "NexusServices"), attempt
    assert methods(sim) == ["POST", "GET", "GET", "GET"]
    assert gax.auth.logins == 1


def test_not_found_is_none(sim, gax_args):
    assert client(gax_args).find_object("CfgTransaction", "Other") is None


def test_only_an_exact_name_counts_and_two_are_an_error(sim, gax_args):
    plane = sim.server.planes["gax"]
    plane.objects["900"] = transaction(dbid="900", tenantdbid="102")
    with pytest.raises(ApiError) as err:
        client(gax_args).find_object("CfgTransaction", "NexusServices")
    assert str(err.value) == ("GET %s failed: HTTP 200: 2 CfgTransaction objects are named NexusServices (dbid 312, 900); "
                              "expected one" % OBJECTS_PATH)


def test_put_sends_the_whole_object(sim, gax_args):
    gax = client(gax_args)
    obj = gax.find_object("CfgTransaction", "NexusServices")
    obj["userproperties"]["property"].append({"section": "Async", "key": "header:x", "value": "1"})
    gax.put_object(obj)
    put = sim.writes()[0]
    assert (put["method"], put["path"], put["status"]) == ("PUT", PUT_PATH, 200)
    assert put["body"] == obj
    assert sim.server.planes["gax"].sections() == {"Async": {"header:x": "1"}}


def test_expired_session_logs_in_again_once(sim, gax_args):
    gax = client(gax_args)
    gax.find_object("CfgTransaction", "NexusServices")
    sim.configure("gax", session_max_requests=1)
    assert gax.find_object("CfgTransaction", "NexusServices")["dbid"] == "312"
    assert calls(sim) == [("POST", LOGIN_PATH, 200), ("GET", OBJECTS_PATH, 200), ("GET", OBJECTS_PATH, 401),
                          ("POST", LOGIN_PATH, 200), ("GET", OBJECTS_PATH, 200)]
    assert gax.auth.logins == 2 and gax.transport.stats["reauth"] == 1


def test_session_expired_by_time(sim, gax_args):
    gax = client(gax_args)
    gax.find_object("CfgTransaction", "NexusServices")
    sim.configure("gax", session_ttl=0)
    with pytest.raises(ApiError) as err:
        gax.find_object("CfgTransaction", "NexusServices")
    # A session that expires at once: re-login is tried once, then the 401 is reported, no loop.
    assert err.value.status == 401
    assert str(err.value) == "GET %s failed: HTTP 401: session expired: log in again (check the credentials)" % OBJECTS_PATH
    assert methods(sim) == ["POST", "GET", "GET", "POST", "GET"]


def test_put_after_expiry_is_repeated_once_with_a_new_session(sim, gax_args):
    gax = client(gax_args)
    obj = gax.find_object("CfgTransaction", "NexusServices")
    sim.configure("gax", session_max_requests=1)
    gax.put_object(obj)
    assert calls(sim)[-3:] == [("PUT", PUT_PATH, 401), ("POST", LOGIN_PATH, 200), ("PUT", PUT_PATH, 200)]


def test_bad_password_fails_once_without_loop_and_without_the_password(sim, gax_args):
    with pytest.raises(ApiError) as err:
        client(gax_args, gax_password="wrong-password-4471").find_object("CfgTransaction", "NexusServices")
    assert str(err.value) == "POST %s failed: HTTP 401: invalid username or password (check the credentials)" % LOGIN_PATH
    assert calls(sim) == [("POST", LOGIN_PATH, 401)]


def test_server_echoing_the_password_is_scrubbed(sim, gax_args):
    sim.fault(method="POST", path="login", status=401, body={"message": "bad password %s" % gax_args["gax_password"]})
    with pytest.raises(ApiError) as err:
        client(gax_args).find_object("CfgTransaction", "NexusServices")
    assert gax_args["gax_password"] not in json.dumps(err.value.to_fail_json())
    assert str(err.value).endswith("bad password ******** (check the credentials)")


def test_check_mode_logs_in_and_reads_but_refuses_the_put(sim, gax_args):
    gax = client(gax_args, check_mode=True)
    obj = gax.find_object("CfgTransaction", "NexusServices")
    with pytest.raises(CheckModeWriteError):
        gax.put_object(obj)
    assert methods(sim) == ["POST", "GET"]
    assert sim.writes() == []


def test_whole_object_put_is_not_retried_blind(sim, gax_args, sleeps):
    """A PUT of the whole object has no version: a late copy could undo a later write, so it is not repeated."""
    sim.fault(method="PUT", path="objects/", status=503, retry_after="1", times=1)
    gax = client(gax_args)
    with pytest.raises(OutcomeUnknownError):
        gax.put_object(gax.find_object("CfgTransaction", "NexusServices"))
    assert sleeps == []
    assert [e["status"] for e in sim.journal() if e["method"] == "PUT"] == [503]


@pytest.mark.parametrize("method, path", [("POST", "login"), ("GET", "objects")])
def test_transient_failures_are_retried(sim, gax_args, sleeps, method, path):
    sim.fault(method=method, path=path, status=503, retry_after="1", times=1)
    gax = client(gax_args)
    gax.put_object(gax.find_object("CfgTransaction", "NexusServices"))
    assert sleeps == [1.0]
    assert [e["status"] for e in sim.journal() if e["method"] == method] == [503, 200]


def test_rate_limit_is_waited_out(sim, gax_args, sleeps):
    sim.fault(method="GET", status=429, retry_after="4", times=2)
    assert client(gax_args).find_object("CfgTransaction", "NexusServices")
    assert sleeps == [4.0, 4.0]


def test_server_error_is_not_retried_and_names_the_request(sim, gax_args, sleeps):
    sim.fault(method="GET", status=500, body={"message": "config server unavailable"})
    with pytest.raises(ApiError) as err:
        client(gax_args).find_object("CfgTransaction", "NexusServices")
    assert str(err.value) == "GET %s failed: HTTP 500: config server unavailable" % OBJECTS_PATH
    assert sleeps == []


def test_non_array_answer_is_an_error(sim, gax_args):
    sim.fault(method="GET", status=200, body={"dbid": "312"})
    with pytest.raises(ApiError, match="the listing is not a JSON array of objects .got an object with fields dbid.; "
                                       "not reading it as empty"):
        client(gax_args).find_object("CfgTransaction", "NexusServices")


@pytest.mark.parametrize("override, message", [
    ({"gax_url": "gax.example.com"}, "gax_url must be an http:// or https:// URL"),
    ({"gax_username": " "}, "gax_username must not be empty"),
    ({"timeout": 0}, "timeout must be a positive number"),
])
def test_bad_connection_options_fail_before_any_request(sim, gax_args, override, message):
    with pytest.raises(InputError, match=message):
        client(gax_args, **override)
    assert sim.journal() == []
