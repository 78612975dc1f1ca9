# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The preflight's verdicts and report, from task results shaped as Ansible registers them."""

from __future__ import annotations

import json

import pytest

from ansible_collections.cxops.digital_channels.plugins.filter.preflight_report import FilterModule as ReportFilters
from ansible_collections.cxops.digital_channels.plugins.filter.preflight_tenant import FilterModule as TenantFilters
from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _preflight as preflight

NEXUS = "https://digital.example.com"
GAX = "https://gax.example.com"
LOGIN, API = "https://login.mypurecloud.com", "https://api.mypurecloud.com"
SKIPPED = {"changed": False, "skipped": True, "skip_reason": "Conditional result was False"}
SMS_PATH = "/nexus/v3/provisioning/services/45acae06-6b7c-4f97-9c76-471cb5c21bf7/SMS"

# Messages exactly as the HTTP core and clients word them.
AUTH = {"failed": True, "changed": False, "status": 401, "method": "GET", "path": SMS_PATH,
        "msg": "GET %s failed: HTTP 401: invalid API key (check the credentials)" % SMS_PATH}
FORBIDDEN = {"failed": True, "status": 403,
             "msg": "GET /nexus/v3/provisioning/apikeys failed: HTTP 403: managing API keys needs a cluster API key"}
SHAPE = {"failed": True, "status": None,
         "msg": "GET %s: refusing the server's answer: service SMS has no usable data (fields present: secret, settings, url)"
                % SMS_PATH}
TLS = {"failed": True, "status": None,
       "msg": "GET %s failed: connection failed: TLS with digital.example.com:443 failed: certificate verify failed: "
              "self-signed certificate" % SMS_PATH}
REFUSED = {"failed": True, "status": None,
           "msg": "POST /gax/api/session/login failed: connection failed: connection to gax.example.com:443 refused"}
NOT_FOUND = {"failed": True, "status": 200,
             "msg": "GET /gax/api/cfg/objects failed: HTTP 200: transaction NexusServices not found; it is created with "
                    "Digital Channels, check the tenant and that gax_username may read it"}
SERVER = {"failed": True, "status": 503, "msg": "GET /api/v2/oauth/clients failed: HTTP 503: injected fault (gave up after 5 retries)"}
INPUT = {"failed": True, "msg": "missing required arguments: gax_url"}
WRITE = {"failed": True, "msg": "refusing to send POST /api/v2/authorization/roles in check mode (this is a bug in the "
                                "collection, please report it)"}

SERVICES = {"changed": False, "services": {"SMS": {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}},
                                           "mGageSMS": {"url": "http://directtext.mgage.com", "data": {}, "secret": {}}},
            "missing": ["Async", "PurecloudIDP", "PorticoSMS"]}
NO_SERVICES = {"changed": False, "services": {}, "missing": ["SMS", "mGageSMS", "Async", "PurecloudIDP", "PorticoSMS"]}
API_KEY = {"changed": False, "api_key": {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"],
                                         "enabled": True}, "found": True}
TRANSACTION = {"changed": False, "transaction": {"name": "NexusServices", "dbid": "312"}, "missing": [],
               "sections": {"chat.SMS_Main": {"channelId": "********"}, "Async": {"header:x": "********"}}}
NUMBERS = {"changed": False, "numbers": [{"number": "+18445550100", "listed_as": "18445550100"}]}
ROLE = {"changed": False, "role": {"name": "Nexus Messaging", "permissions": [], "id": None}}
CLIENT = {"changed": False, "oauth_client": {"name": "Nexus Messaging Integration", "id": "5e0b2c3e-0000-4000-8000-000000000001"}}


def nexus(urls=(NEXUS,), validate_certs=True, **checks):
    """A Nexus probe: checks by name override the defaults (services read)."""
    return {"urls": list(urls), "validate_certs": validate_certs, "checks": dict({"services": SERVICES}, **checks)}


def gws(urls=("https://gauth.example.com", NEXUS), validate_certs=True, **checks):
    """A GWS Auth Services probe: the login lists API keys (the Portico cluster key found)."""
    return {"urls": list(urls), "validate_certs": validate_certs, "checks": dict({"api_keys": API_KEY}, **checks)}


def gax(used=True, urls=(GAX,), validate_certs=True, **checks):
    return {"used": used, "reason": "no sender IDs", "urls": list(urls), "validate_certs": validate_certs,
            "checks": dict({"nexus_services": TRANSACTION}, **checks)}


def gc(urls=(LOGIN, API), validate_certs=True, **checks):
    return {"urls": list(urls), "validate_certs": validate_certs,
            "checks": dict({"integration": NUMBERS, "admin_roles": SKIPPED, "admin_clients": SKIPPED}, **checks)}


def tenant(option="genesys_cloud", require_tls=False, **planes):
    planes = dict({"nexus": nexus(), "gws_auth": gws(), "gax": gax(), "genesys_cloud": gc()}, **planes)
    return preflight.tenant_result({"sms_option": option, "planes": planes}, require_tls)


# --- kinds of failure -------------------------------------------------------------------------

@pytest.mark.parametrize("result, kind", [
    (AUTH, "auth"), (FORBIDDEN, "auth"), (SHAPE, "response_shape"), (TLS, "tls"), (REFUSED, "connection"),
    (NOT_FOUND, "not_found"), (SERVER, "http"), (INPUT, "input"), (WRITE, "write_refused"),
])
def test_failure_kinds(result, kind):
    assert preflight.failure_kind(result["msg"], result.get("status")) == kind


# --- one tenant --------------------------------------------------------------------------------

def test_a_healthy_genesys_cloud_tenant():
    result = tenant()
    assert result["status"] == "ok" and result["failures"] == [] and result["errors"] == []
    planes = result["planes"]
    assert list(planes) == ["nexus", "gws_auth", "gax", "genesys_cloud"]
    assert {name: plane["status"] for name, plane in planes.items()} == dict.fromkeys(
        ["nexus", "gws_auth", "gax", "genesys_cloud"], "ok")
    assert [(c["name"], c["status"]) for c in planes["genesys_cloud"]["checks"]] == [
        ("integration", "ok"), ("admin_roles", "skipped"), ("admin_clients", "skipped")]
    assert planes["nexus"]["checks"][0]["detail"] == "services present: SMS, mGageSMS"
    assert planes["gws_auth"]["checks"][0]["detail"] == "Portico Cluster API Key exists"
    assert planes["gax"]["checks"][0]["detail"] == "NexusServices (dbid 312) parsed: 2 sections, 1 sender ID"
    assert planes["genesys_cloud"]["checks"][0]["detail"] == "token issued; 1 toll-free number owned"
    assert planes["genesys_cloud"]["checks"][1]["message"].startswith("sms_genesys_cloud_create_oauth_client is false")
    assert all(plane["tls"]["status"] == "verified" for plane in planes.values())


def test_a_fresh_tenant_is_healthy_and_says_what_does_not_exist_yet():
    no_key = {"changed": False, "api_key": API_KEY["api_key"], "found": False}
    no_client = {"changed": False, "oauth_client": {"name": "Nexus Messaging Integration", "id": None}}
    result = tenant(nexus=nexus(services=NO_SERVICES), gws_auth=gws(api_keys=no_key),
                    genesys_cloud=gc(integration=SKIPPED, admin_roles=ROLE, admin_clients=no_client))
    assert result["status"] == "ok"
    checks = {c["name"]: c for plane in result["planes"].values() for c in plane["checks"]}
    assert checks["services"]["detail"].startswith("no SMS service exists yet")
    assert checks["api_keys"]["detail"] == "Portico Cluster API Key does not exist yet (site.yml creates it)"
    assert checks["integration"]["status"] == "skipped"
    assert "site.yml creates it" in checks["integration"]["message"]
    assert checks["admin_roles"]["detail"] == "Nexus Messaging does not exist yet (site.yml creates it)"
    assert checks["admin_clients"]["detail"] == "Nexus Messaging Integration does not exist yet (site.yml creates it)"


def test_planes_the_option_does_not_use_are_skipped_whatever_their_tasks_did():
    result = tenant("kaleyra", nexus=nexus(), gws_auth=gws(api_keys=AUTH), gax=gax(used=False, nexus_services=SKIPPED),
                    genesys_cloud=gc(integration=AUTH))
    planes = result["planes"]
    assert result["status"] == "ok"
    assert planes["genesys_cloud"] == {"label": "Genesys Cloud", "status": "skipped",
                                       "message": "not used by sms_option kaleyra", "checks": []}
    assert planes["gws_auth"] == {"label": "GWS Auth Services", "status": "skipped",
                                  "message": "not used by sms_option kaleyra", "checks": []}
    assert planes["gax"]["status"] == "skipped" and planes["gax"]["message"] == "no sender IDs"


@pytest.mark.parametrize("used", [False, "False", "false"])
def test_used_may_come_as_text_from_older_cores(used):
    assert tenant("kaleyra", gax=gax(used=used))["planes"]["gax"]["status"] == "skipped"


def test_a_failing_plane_is_named_with_its_check_and_one_line_message_and_the_others_still_count():
    result = tenant(nexus=nexus(services=AUTH), gws_auth=gws(api_keys=FORBIDDEN),
                    genesys_cloud=gc(integration=dict(SERVER, msg=SERVER["msg"] + "\n  detail"), admin_roles=SERVER))
    assert result["status"] == "failed"
    nexus_plane, gc_plane = result["planes"]["nexus"], result["planes"]["genesys_cloud"]
    assert nexus_plane["status"] == "failed" and nexus_plane["kind"] == "auth"
    assert nexus_plane["message"] == "the API key reads the tenant's SMS services: %s" % AUTH["msg"]
    assert result["planes"]["gws_auth"]["status"] == "failed" and result["planes"]["gws_auth"]["kind"] == "auth"
    assert result["planes"]["gax"]["status"] == "ok"
    assert [c["status"] for c in gc_plane["checks"]] == ["failed", "failed", "skipped"]
    assert gc_plane["checks"][0]["message"] == SERVER["msg"] + " detail"
    assert gc_plane["message"] == ("the integration client gets a token and lists toll-free numbers: %s detail "
                                   "(and 1 more failed check)" % SERVER["msg"])
    assert result["failures"] == [
        "nexus: " + nexus_plane["message"],
        "gws_auth: " + result["planes"]["gws_auth"]["message"],
        "genesys_cloud: " + gc_plane["message"],
    ]


def test_a_renamed_field_is_reported_by_name():
    result = tenant(nexus=nexus(services=SHAPE))
    plane = result["planes"]["nexus"]
    assert plane["kind"] == "response_shape"
    assert "service SMS has no usable data (fields present: secret, settings, url)" in plane["message"]
    assert result["failures"] == ["nexus: " + plane["message"]]


def test_a_check_that_did_not_register_fails():
    result = tenant(gax=gax(nexus_services=None))
    assert result["planes"]["gax"]["status"] == "failed"
    assert result["planes"]["gax"]["checks"][0]["message"] == "the check did not run (see the playbook output)"


@pytest.mark.parametrize("option", [None, "", "twilio", 3])
def test_an_unknown_option_fails_the_tenant_without_checks(option):
    result = preflight.tenant_result({"sms_option": option, "planes": {"nexus": nexus()}})
    assert result["status"] == "failed"
    assert result["errors"][0].startswith("sms_option must be kaleyra, custom_gateway, genesys_cloud, got ")
    assert result["failures"] == ["inventory: " + result["errors"][0]]
    assert {p["status"] for p in result["planes"].values()} == {"skipped"}


# --- TLS -----------------------------------------------------------------------------------------

def test_tls_failure_is_the_plane_failure_and_its_tls_verdict():
    plane = tenant(nexus=nexus(services=TLS))["planes"]["nexus"]
    assert plane["status"] == "failed" and plane["kind"] == "tls"
    assert plane["tls"]["status"] == "failed"
    assert plane["tls"]["message"] == "TLS with digital.example.com:443 failed: certificate verify failed: self-signed certificate"


def test_plain_http_and_unverified_certificates_are_reported_not_failed_by_default():
    result = tenant(nexus=nexus(urls=["http://digital.example.com"]), gax=gax(validate_certs="false"),
                    genesys_cloud=gc(urls=[LOGIN, "http://api.example.com", None, ""]))
    planes = result["planes"]
    assert result["status"] == "ok"
    assert planes["nexus"]["tls"] == {"status": "plaintext", "urls": ["http://digital.example.com"], "validate_certs": True,
                                      "message": "http://digital.example.com is not encrypted"}
    assert planes["gax"]["tls"]["status"] == "unverified"
    assert planes["gax"]["tls"]["message"] == "validate_certs is false: the certificate of %s is not verified" % GAX
    assert planes["genesys_cloud"]["tls"]["status"] == "plaintext"
    assert planes["genesys_cloud"]["tls"]["urls"] == [LOGIN, "http://api.example.com"]


def test_require_tls_fails_plaintext_and_unverified_planes_only():
    result = tenant(require_tls=True, nexus=nexus(urls=["http://digital.example.com"]),
                    gax=gax(validate_certs=False))
    planes = result["planes"]
    assert planes["genesys_cloud"]["status"] == "ok"
    for name in ("nexus", "gax"):
        assert planes[name]["status"] == "failed" and planes[name]["kind"] == "tls"
        assert planes[name]["checks"][-1]["name"] == "tls"
    assert planes["nexus"]["message"] == "TLS required (preflight_require_tls): http://digital.example.com is not encrypted"


def test_tls_is_unknown_when_no_request_got_an_answer_and_verified_when_one_did():
    assert tenant(nexus=nexus(services=REFUSED))["planes"]["nexus"]["tls"]["status"] == "unknown"
    assert tenant(gws_auth=gws(api_keys=AUTH))["planes"]["gws_auth"]["tls"]["status"] == "verified"
    assert tenant(nexus=nexus(services=INPUT))["planes"]["nexus"]["tls"]["status"] == "unknown"
    assert tenant(nexus=nexus(urls=[]))["planes"]["nexus"]["tls"]["status"] == "unknown"


# --- the report -------------------------------------------------------------------------------------

def test_report_of_several_tenants():
    results = {
        "initech": tenant(genesys_cloud=gc(integration=dict(AUTH, msg="POST /oauth/token failed: HTTP 401: invalid client | credentials"))),
        "acme": tenant("kaleyra", nexus=nexus(), gax=gax(used=False, nexus_services=SKIPPED)),
        "globex": None,
    }
    out = ReportFilters().filters()["preflight_report"](results, "preflight.yml")
    data = out["json"]
    assert list(data["tenants"]) == ["acme", "globex", "initech"]
    assert data["ok"] is False and data["failed_tenants"] == ["globex", "initech"]
    assert data["failures"] == [
        "globex: preflight: did not finish for this tenant (see the playbook output)",
        "initech: genesys_cloud: the integration client gets a token and lists toll-free numbers: "
        "POST /oauth/token failed: HTTP 401: invalid client | credentials",
    ]
    json.dumps(data)

    table = out["table"]
    assert table[0].split() == ["tenant", "sms_option", "nexus", "gws_auth", "gax", "genesys_cloud"]
    assert table[1].split() == ["acme", "kaleyra", "ok", "(https)", "skipped", "skipped", "skipped"]
    assert table[3].split() == ["initech", "genesys_cloud", "ok", "(https)", "ok", "(https)", "ok", "(https)", "FAILED",
                                "(https)"]
    assert table[4] == "3 tenants checked, 2 failed"
    assert table[5:] == ["FAILED " + failure for failure in data["failures"]]

    md = out["markdown"]
    assert md.startswith("# Preflight report\n")
    assert "| Tenant | SMS option | Nexus | GWS Auth Services | Platform Administration (GAX) | Genesys Cloud |" in md
    assert "| acme | kaleyra | ok (https, verified) | skipped | skipped | skipped |" in md
    assert "## initech: failed" in md
    assert "  - failed: the integration client gets a token and lists toll-free numbers: POST /oauth/token failed: " \
           "HTTP 401: invalid client \\| credentials" in md
    assert "  - TLS: https, verified (the certificate of %s, %s was verified)" % (LOGIN, API) in md


def test_report_of_all_healthy_tenants():
    data = preflight.report({"acme": tenant("kaleyra", nexus=nexus(), gax=gax())}, generated="2026-11-26T10:00:00+00:00")
    assert data["json"]["ok"] is True and data["json"]["failures"] == [] and data["json"]["generated"] == "2026-11-26T10:00:00+00:00"
    assert data["table"][-1] == "1 tenant checked, 0 failed"


def test_tenant_filter_is_the_verdict():
    probes = {"sms_option": "kaleyra", "planes": {"nexus": nexus(), "gax": gax()}}
    assert TenantFilters().filters()["preflight_tenant"](probes) == preflight.tenant_result(probes)
    plain = {"sms_option": "kaleyra", "planes": {"nexus": nexus(urls=["http://x.example"]), "gax": gax()}}
    assert TenantFilters().filters()["preflight_tenant"](plain)["status"] == "ok"
    assert TenantFilters().filters()["preflight_tenant"](plain, True)["status"] == "failed"
