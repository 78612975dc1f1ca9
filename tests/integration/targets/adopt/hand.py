# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""hand.py URL SECRETS.yml: three tenants set up by hand, with the runbook's raw requests (its bodies, its NexusServices
options, a toll-free number ordered the runbook's way), and the secrets the operator knows written to SECRETS.yml
under the names adopt.yml's placeholders get (what the operator puts in the vault)."""

from __future__ import annotations

import base64
import json
import sys
import urllib.parse
import urllib.request

BASE, SECRETS = sys.argv[1], sys.argv[2]
KEY = "sim-nexus-api-key-7f3c9a"
CLUSTER_KEY = "hand-cluster-key-6b1d90aa"
CCIDS = {"hand_kaleyra": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "hand_gateway": "1d2e3f4a-5b6c-4d7e-9f80-a1b2c3d4e5f6",
         "hand_portico": "2e3f4a5b-6c7d-4e8f-a091-b2c3d4e5f6a7"}


def request(method, path, body=None, headers=None, opener=None, form=None):
    data = json.dumps(body).encode() if body is not None else (urllib.parse.urlencode(form).encode() if form else None)
    kind = "application/json" if body is not None else "application/x-www-form-urlencoded"
    req = urllib.request.Request(BASE + path, method=method, data=data, headers=dict({"Content-Type": kind}, **(headers or {})))
    raw = (opener or urllib.request.build_opener()).open(req, timeout=10).read()
    return json.loads(raw) if raw else None


def service(tenant, name, body):
    ccid = CCIDS[tenant]
    request("POST", "/nexus/v3/provisioning/services/%s/%s" % (ccid, name), body, {"x-api-key": KEY, "x-ccid": ccid})


def nexus_services(tenant, sections):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    env = "/tenants/" + tenant
    request("POST", env + "/gax/api/session/login",
            {"username": "sim-gax-admin", "password": "sim-gax-pass-3e71c9", "isPasswordEncrypted": False}, opener=opener)
    obj, = request("GET", env + "/gax/api/cfg/objects?brief=false&type=CfgTransaction&name=NexusServices", opener=opener)
    for section, options in sections.items():
        obj["userproperties"]["property"] += [{"section": section, "key": k, "value": v} for k, v in options.items()]
    request("PUT", env + "/gax/api/cfg/objects/CfgTransaction/%s" % obj["dbid"], obj, opener=opener)


def sender_id(number, endpoint, provider, cxc_only="false"):
    # Step 4 of the runbook's "Manage sender IDs", every option as it lists them.
    return {"channelId": number, "channelType": "sms", "endpoint": "chat." + endpoint, "interactionSubtype": "SMS",
            "interactionType": "Inbound", "media": "chat", "cxcOnly": cxc_only, "provider": provider}


# Option 1, Kaleyra.
service("hand_kaleyra", "mGageSMS", {"url": "http://directtext.mgage.com", "data": {},
                                     "secret": {"username": "hand-sms", "password": "hand-kaleyra-pass-3390"}})
service("hand_kaleyra", "SMS", {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}})
nexus_services("hand_kaleyra", {"chat.SMS_Hand_Main": sender_id("1650466116", "SMS_Main", "mGage"),
                                "chat.SMS_Hand_CXC": sender_id("55502", "SMS_Campaigns", "mGage", "true")})

# Option 2, the custom gateway: the runbook's Async body (no url), then the webhook headers in NexusServices.
service("hand_gateway", "Async", {
    "data": {"channels": [{"channelId": "16504669902", "webhook": {"url": "https://hook.hand.example.com"}},
                          {"channelId": "hand.example.com", "webhook": {"url": "https://hook.hand.example.com"}}]},
    "secret": {"channels": [{"channelId": "16504669902", "webhook": {"secret": "hand-webhook-key-1"},
                             "api": {"secret": "hand-api-key-1"}},
                            {"channelId": "hand.example.com", "webhook": {"secret": "hand-webhook-key-2"},
                             "api": {"secret": "hand-api-key-2"}}]}})
service("hand_gateway", "SMS", {"url": "N/A", "data": {"provider": "Async"}, "secret": {}})
nexus_services("hand_gateway", {"Async": {"header:custom-header-for-async-1": "12345",
                                          "header:Authorization": "Bearer hand-gateway-token-7781"},
                                "chat.SMS_Hand_Support": sender_id("16504669902", "SMS_Support", "Async")})

# Option 3, Genesys Cloud: the cluster key (GWS Auth token, /nexus/v3/apikeys), the services, a number ordered.
GRANT = {"grant_type": "password", "username": "sim-gws-ops", "password": "gws-ops-pass-sim-5c1a",
         "client_id": "external_api_client"}
BASIC = "Basic " + base64.b64encode(b"external_api_client:sim-gauth-client-secret-2b7e").decode()
token = request("POST", "/auth/v3/oauth/token", form=GRANT, headers={"Authorization": BASIC})
request("POST", "/nexus/v3/apikeys", {"data": {"id": CLUSTER_KEY, "name": "Portico Cluster API Key", "tenant": "*",
                                               "permissions": ["nexus:cluster:*"]}},
        {"Authorization": "Bearer " + token["access_token"]})
service("hand_portico", "PurecloudIDP", {"url": BASE, "data": {}, "secret": {
    "clientId": "4da40a9d-b113-4024-8ba9-c9dd89c91f67", "clientSecret": "sim-gc-client-secret-aKSXEgLO57"}})
service("hand_portico", "SMS", {"url": "N/A", "data": {"tokenProvider": "Purecloud"}, "secret": {}})
service("hand_portico", "PorticoSMS", {"url": BASE, "data": {}, "secret": {}})
gc = request("POST", "/oauth/token", form={"grant_type": "client_credentials"}, headers={
    "Authorization": "Basic " + base64.b64encode(b"4da40a9d-b113-4024-8ba9-c9dd89c91f67:sim-gc-client-secret-aKSXEgLO57").decode()})
bearer = {"Authorization": "Bearer " + gc["access_token"]}
tf = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
listed = request("GET", tf + "/available?numberOfResults=10", headers=bearer)["entities"][3]["tollfreeNumber"]
request("POST", tf, [{"tollfreeNumber": listed, "comment": "Nexus Premise Hand", "moUrl": BASE + "/nexus/v3/sms/message",
                      "drUrl": BASE + "/nexus/v3/sms/receipt", "webhookUsername": CCIDS["hand_portico"],
                      "webhookPassword": CLUSTER_KEY, "emailAddress": "sms.admin@hand.example.com"}], bearer)
nexus_services("hand_portico", {"chat.SMS_Hand_Portico": sender_id("+1" + listed.lstrip("+1")[-10:], "SMS_Main", "Portico")})

with open(SECRETS, "w", encoding="utf-8") as handle:
    json.dump({
        "vault_hand_kaleyra_kaleyra_username": "hand-sms", "vault_hand_kaleyra_kaleyra_password": "hand-kaleyra-pass-3390",
        "vault_hand_gateway_channel1_webhook_secret": "hand-webhook-key-1", "vault_hand_gateway_channel1_api_secret": "hand-api-key-1",
        "vault_hand_gateway_channel2_webhook_secret": "hand-webhook-key-2", "vault_hand_gateway_channel2_api_secret": "hand-api-key-2",
        "vault_hand_gateway_header_authorization": "Bearer hand-gateway-token-7781",
        "vault_hand_portico_gc_client_id": "4da40a9d-b113-4024-8ba9-c9dd89c91f67",
        "vault_hand_portico_gc_client_secret": "sim-gc-client-secret-aKSXEgLO57",
        "vault_hand_portico_portico_cluster_api_key": CLUSTER_KEY,
    }, handle)
print(listed)
