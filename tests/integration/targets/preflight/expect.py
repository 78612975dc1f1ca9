# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What each preflight run of runme.sh must show: expect.py SCENARIO preflight.json OUTPUT JOURNAL."""

from __future__ import annotations

import json
import re
import sys

TENANTS = ("acme_kaleyra", "globex_custom_gateway", "initech_genesys_cloud")
CCIDS = {
    "acme_kaleyra": "45acae06-6b7c-4f97-9c76-471cb5c21bf7",
    "globex_custom_gateway": "7d4e2f10-3b9a-4c61-8e2d-5f0a9b7c3e21",
    "initech_genesys_cloud": "c2a8f5e4-91d7-4b3e-a6f0-2d8e7c1b9a54",
}
# The planes each demo tenant uses (all three have sender IDs, so all use Platform Administration).
USED = {
    "acme_kaleyra": ("nexus", "gax"),
    "globex_custom_gateway": ("nexus", "gax"),
    "initech_genesys_cloud": ("nexus", "gws_auth", "gax", "genesys_cloud"),
}
PLANES = ("nexus", "gws_auth", "gax", "genesys_cloud")
LOGIN = "POST /gax/api/session/login failed: HTTP 401: invalid username or password (check the credentials)"
TOKEN_401 = "POST /oauth/token failed: HTTP 401: invalid client credentials (check the credentials)"
GAUTH_401 = ("POST /auth/v3/oauth/token failed: HTTP 401: Bad credentials (GWS Auth Services at 127.0.0.1:")


class Run:
    def __init__(self, report, output, journal):
        with open(report, encoding="utf-8") as handle:
            self.report = json.load(handle)
        with open(output, encoding="utf-8") as handle:
            self.output = handle.read()
        with open(journal, encoding="utf-8") as handle:
            self.journal = json.load(handle)
        self.tenants = self.report["tenants"]

    def plane(self, tenant, plane):
        return self.tenants[tenant]["planes"][plane]

    def check(self, tenant, plane, name):
        found = [c for c in self.plane(tenant, plane)["checks"] if c["name"] == name]
        assert len(found) == 1, (tenant, plane, name, self.plane(tenant, plane))
        return found[0]

    def statuses(self, tenant):
        return {name: plane["status"] for name, plane in self.tenants[tenant]["planes"].items()}

    def requests(self, method, pattern):
        return [e for e in self.journal if e["method"] == method and re.search(pattern, e["path"])]

    def requested(self, method, pattern):
        assert self.requests(method, pattern), "no %s %s in the journal: that plane was not checked" % (method, pattern)

    def says(self, text):
        assert text in self.output, "the output does not say %r" % text

    def failed_plane(self, tenant, plane, kind, *texts):
        """The plane failed with that kind, its message holds each text, the output and the assert name it."""
        found = self.plane(tenant, plane)
        assert found["status"] == "failed" and found["kind"] == kind, (tenant, plane, found)
        for text in texts:
            assert text in found["message"], (text, found["message"])
        assert tenant in self.report["failed_tenants"]
        assert "%s: %s: %s" % (tenant, plane, found["message"]) in self.report["failures"], self.report["failures"]
        self.says("FAILED %s: %s: %s" % (tenant, plane, found["message"]))
        self.says("%s failed the preflight: " % tenant)


def all_ok(run, tenants=TENANTS):
    assert run.report["ok"] is True and run.report["failed_tenants"] == [] and run.report["failures"] == [], run.report
    assert sorted(run.tenants) == sorted(tenants)
    for tenant in tenants:
        expected = {p: ("ok" if p in USED[tenant] else "skipped") for p in PLANES}
        assert run.statuses(tenant) == expected, (tenant, run.statuses(tenant))
        for plane in USED[tenant]:
            assert run.plane(tenant, plane)["tls"]["status"] == "plaintext", run.plane(tenant, plane)["tls"]
        run.says("%s: preflight ok" % tenant)
    run.says("%d tenants checked, 0 failed" % len(tenants))


def every_plane_requested(run, gc=True):
    for ccid in CCIDS.values():
        run.requested("GET", "/nexus/v3/provisioning/services/%s/SMS$" % ccid)
    run.requested("POST", "/gax/api/session/login$")
    if gc:
        run.requested("POST", "^/oauth/token$")
        run.requested("POST", "^/auth/v3/oauth/token$")


def fresh(run):
    all_ok(run)
    every_plane_requested(run)
    run.requested("GET", "/gax/api/cfg/objects$")
    run.requested("GET", "/tollfreenumbers$")
    run.requested("GET", "^/nexus/v3/apikeys$")
    for tenant in TENANTS:
        assert run.check(tenant, "nexus", "services")["detail"].startswith("no SMS service exists yet"), tenant
        assert re.fullmatch(r"NexusServices \(dbid \d+\) parsed: 0 sections, 0 sender IDs",
                            run.check(tenant, "gax", "nexus_services")["detail"]), tenant
    initech = "initech_genesys_cloud"
    assert run.check(initech, "gws_auth", "api_keys")["detail"] == "Portico Cluster API Key does not exist yet (site.yml creates it)"
    assert run.check(initech, "genesys_cloud", "integration")["detail"] == "token issued; 0 toll-free numbers owned"
    assert run.check(initech, "genesys_cloud", "admin_roles")["status"] == "skipped"
    assert run.plane("acme_kaleyra", "gws_auth")["message"] == "not used by sms_option kaleyra"
    assert run.plane("acme_kaleyra", "genesys_cloud")["message"] == "not used by sms_option kaleyra"


def admin_fresh(run):
    all_ok(run)
    initech = "initech_genesys_cloud"
    integration = run.check(initech, "genesys_cloud", "integration")
    assert integration["status"] == "skipped" and "site.yml creates it" in integration["message"], integration
    assert run.check(initech, "genesys_cloud", "admin_roles")["detail"] == "Nexus Messaging does not exist yet (site.yml creates it)"
    assert run.check(initech, "genesys_cloud", "admin_clients")["detail"] == \
        "Nexus Messaging Integration does not exist yet (site.yml creates it)"
    run.requested("GET", "^/api/v2/authorization/roles$")
    run.requested("GET", "^/api/v2/oauth/clients$")
    assert not run.requests("GET", "/tollfreenumbers$"), "the integration client has no credentials yet"


def healthy(run):
    all_ok(run)
    every_plane_requested(run)
    assert run.check("acme_kaleyra", "nexus", "services")["detail"] == "services present: SMS, mGageSMS"
    assert run.check("globex_custom_gateway", "nexus", "services")["detail"] == "services present: SMS, Async"
    assert run.check("initech_genesys_cloud", "nexus", "services")["detail"] == "services present: SMS, PurecloudIDP, PorticoSMS"
    assert run.check("initech_genesys_cloud", "gws_auth", "api_keys")["detail"] == "Portico Cluster API Key exists"
    assert run.check("initech_genesys_cloud", "genesys_cloud", "integration")["detail"] == "token issued; 1 toll-free number owned"
    # The sender IDs site.yml provisioned are in the transaction the tenant reads.
    assert re.fullmatch(r"NexusServices \(dbid \d+\) parsed: \d+ sections?, [1-9]\d* sender IDs?",
                        run.check("acme_kaleyra", "gax", "nexus_services")["detail"])


def others_ok(run, tenant, failed):
    """The tenant's other planes were still checked and passed."""
    for plane in USED[tenant]:
        if plane != failed:
            assert run.plane(tenant, plane)["status"] == "ok", (tenant, plane, run.plane(tenant, plane))


def wrong_gax(run):
    assert run.report["failed_tenants"] == list(TENANTS)
    for tenant in TENANTS:
        run.failed_plane(tenant, "gax", "auth", LOGIN)
        others_ok(run, tenant, "gax")
    every_plane_requested(run)
    run.requested("GET", "/tollfreenumbers$")
    assert not run.requests("GET", "/gax/api/cfg/objects$")


def wrong_nexus(run):
    assert run.report["failed_tenants"] == list(TENANTS)
    for tenant, ccid in CCIDS.items():
        run.failed_plane(tenant, "nexus", "auth", "GET /nexus/v3/provisioning/services/%s/SMS failed: HTTP 401: invalid API key" % ccid)
        others_ok(run, tenant, "nexus")
    # The API-key plane does not use the Nexus key: it still passes.
    assert run.plane("initech_genesys_cloud", "gws_auth")["status"] == "ok"
    every_plane_requested(run)
    run.requested("GET", "/gax/api/cfg/objects$")
    run.requested("GET", "/tollfreenumbers$")


def wrong_gc(run):
    assert run.report["failed_tenants"] == ["initech_genesys_cloud"]
    run.failed_plane("initech_genesys_cloud", "genesys_cloud", "auth",
                     "the integration client gets a token and lists toll-free numbers: " + TOKEN_401)
    others_ok(run, "initech_genesys_cloud", "genesys_cloud")
    for tenant in ("acme_kaleyra", "globex_custom_gateway"):
        assert run.tenants[tenant]["status"] == "ok"
    every_plane_requested(run)
    run.requested("GET", "/gax/api/cfg/objects$")
    run.requested("GET", "^/nexus/v3/apikeys$")


def wrong_gauth(run):
    assert run.report["failed_tenants"] == ["initech_genesys_cloud"]
    run.failed_plane("initech_genesys_cloud", "gws_auth", "auth", "the login gets a token that lists Digital Channels' API keys",
                     GAUTH_401, "refused auth_username sim-gws-ops")
    others_ok(run, "initech_genesys_cloud", "gws_auth")
    assert not run.requests("GET", "^/nexus/v3/apikeys$"), "no token, no listing"


def wrong_admin(run):
    assert run.report["failed_tenants"] == ["initech_genesys_cloud"]
    run.failed_plane("initech_genesys_cloud", "genesys_cloud", "auth",
                     "the admin credentials read roles: " + TOKEN_401, "(and 1 more failed check)")
    assert run.check("initech_genesys_cloud", "genesys_cloud", "admin_clients")["message"] == TOKEN_401
    others_ok(run, "initech_genesys_cloud", "genesys_cloud")


def renamed(run):
    assert run.report["failed_tenants"] == list(TENANTS)
    for tenant, ccid in CCIDS.items():
        run.failed_plane(tenant, "nexus", "response_shape",
                         "GET /nexus/v3/provisioning/services/%s/SMS: refusing the server's answer: service SMS has no usable "
                         "data (fields present: secret, settings, url)" % ccid)
        run.failed_plane(tenant, "gax", "response_shape",
                         "GET /gax/api/cfg/objects: refusing the server's answer: CfgTransaction NexusServices has no usable "
                         "userproperties (fields present: ", "properties")
    run.failed_plane("initech_genesys_cloud", "genesys_cloud", "response_shape",
                     "GET /api/v2/messaging/sms/provisioning/tollfreenumbers: refusing the server's answer: a number entry has "
                     "no usable tollfreeNumber or phoneNumber (fields present: ", "number")


def tls(run):
    assert run.report["failed_tenants"] == list(TENANTS)
    for tenant in TENANTS:
        # Digital Channels on https: the API-key plane (GWS Auth at the same URL here) fails its handshake too.
        tls_planes = ("nexus", "gws_auth") if "gws_auth" in USED[tenant] else ("nexus",)
        for plane in tls_planes:
            run.failed_plane(tenant, plane, "tls", "failed: connection failed: TLS with 127.0.0.1:")
            found = run.plane(tenant, plane)["tls"]
            assert found["status"] == "failed" and found["message"].startswith("TLS with 127.0.0.1:"), found
            assert found["urls"][-1].startswith("https://127.0.0.1:"), found
        for plane in USED[tenant]:
            if plane not in tls_planes:
                assert run.plane(tenant, plane)["status"] == "ok", (tenant, plane)


def require_tls(run):
    assert run.report["failed_tenants"] == list(TENANTS)
    for tenant in TENANTS:
        for plane in USED[tenant]:
            run.failed_plane(tenant, plane, "tls", "TLS required (preflight_require_tls): http://127.0.0.1:")
            assert [c["status"] for c in run.plane(tenant, plane)["checks"] if c["name"] != "tls"] in (
                ["ok"], ["ok", "ok"], ["ok", "skipped"], ["ok", "skipped", "skipped"])


def bad_option(run):
    assert list(run.tenants) == ["acme_kaleyra"] and run.report["failed_tenants"] == ["acme_kaleyra"]
    message = "sms_option must be kaleyra, custom_gateway, genesys_cloud, got twilio"
    assert run.tenants["acme_kaleyra"]["errors"] == [message]
    run.says("FAILED acme_kaleyra: inventory: " + message)
    assert run.journal == [], "no request for a tenant whose option is unknown"


if __name__ == "__main__":
    scenario, report, output, journal = sys.argv[1:5]
    globals()[scenario](Run(report, output, journal))
    print("preflight %s: as expected" % scenario)
