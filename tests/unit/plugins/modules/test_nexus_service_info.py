# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json

from ansible_collections.cxops.digital_channels.plugins.modules import nexus_service, nexus_service_info
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

BASE = "/nexus/v3/provisioning/services/%s/" % CCID


def provision(nexus_args, **service):
    ok, result = run_module(nexus_service.main, dict(nexus_args, **service))
    assert ok and result["changed"]


def test_default_names_are_the_sms_services(sim, nexus_args):
    provision(nexus_args, name="SMS", data={"provider": "mGage"})
    provision(nexus_args, name="mGageSMS", url="http://directtext.mgage.com", secret={"username": "u-1", "password": "p-secret-9"})
    sim.clear()
    ok, result = run_module(nexus_service_info.main, nexus_args)
    assert ok and result["changed"] is False
    assert result["services"] == {
        "SMS": {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}},
        "mGageSMS": {"url": "http://directtext.mgage.com", "data": {}, "secret": {"username": "********", "password": "********"}},
    }
    assert result["missing"] == ["Async", "PurecloudIDP", "PorticoSMS"]
    assert [e["path"] for e in sim.journal()] == [BASE + n for n in ("SMS", "mGageSMS", "Async", "PurecloudIDP", "PorticoSMS")]
    assert sim.writes() == []


def test_secrets_are_masked_even_when_the_api_shows_them(sim, nexus_args):
    sim.configure("nexus", redact_secrets=False)
    provision(nexus_args, name="mGageSMS", url="http://directtext.mgage.com", secret={"username": "u-1", "password": "p-secret-9"})
    ok, result = run_module(nexus_service_info.main, dict(nexus_args, names=["mGageSMS"]))
    assert ok
    assert result["services"]["mGageSMS"]["secret"] == {"username": "********", "password": "********"}
    assert "p-secret-9" not in json.dumps(result)


def test_duplicate_names_are_read_once_and_check_mode_reads(sim, nexus_args):
    ok, result = run_module(nexus_service_info.main, dict(nexus_args, names=["SMS", "SMS"]), check_mode=True)
    assert ok and result["services"] == {} and result["missing"] == ["SMS"]
    assert len(sim.journal()) == 1


def test_bad_name_fails_before_any_request(sim, nexus_args):
    ok, result = run_module(nexus_service_info.main, dict(nexus_args, names=["SMS", "bad name"]))
    assert not ok and result["msg"].startswith("names may hold only letters")
    assert sim.journal() == []


def test_api_failure_is_reported(sim, nexus_args, sleeps):
    sim.fault(method="GET", path="/Async$", status=502, times=-1)
    ok, result = run_module(nexus_service_info.main, dict(nexus_args, retries=1))
    assert not ok
    assert result["msg"] == "GET %sAsync failed: HTTP 502: injected fault (gave up after 1 retries)" % BASE
