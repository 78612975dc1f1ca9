# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What adopt.yml writes from what it read: the roles' shape, placeholders for secrets, notes for what the roles
cannot say. The adopt integration target proves the round trip against hand-made tenants."""

from __future__ import annotations

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.filter.adopted_host_vars import FilterModule
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._adopt import adopted_host_vars

CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"
SENDER = {"channelId": "1650466114", "channelType": "sms", "endpoint": "chat.SMS_Main", "interactionSubtype": "SMS",
          "interactionType": "Inbound", "media": "chat", "cxcOnly": "false", "provider": "mGage"}


def kaleyra_services(url="http://directtext.mgage.com"):
    return {"SMS": {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}},
            "mGageSMS": {"url": url, "data": {}, "secret": {"username": "********", "password": "********"}}}


def test_sender_ids_of_the_options_provider_only_with_their_extras():
    sections = {"chat.SMS_Main": SENDER,
                "chat.Other": dict(SENDER, provider="Async"),
                "chat.Extra": dict(SENDER, cxcOnly="true", media="sms", priority="5"),
                "chat.NoProvider": {k: v for k, v in SENDER.items() if k != "provider"},
                "Async": {"header:x": "1"}}
    result = adopted_host_vars("acme", "kaleyra", kaleyra_services(), sections)
    assert result["vars"]["sms_kaleyra_sender_ids"] == [
        {"name": "SMS_Main", "channel_id": "1650466114", "endpoint": "chat.SMS_Main"},
        {"name": "Extra", "channel_id": "1650466114", "endpoint": "chat.SMS_Main", "cxc_only": True,
         "options": {"media": "sms", "priority": "5"}}]
    assert "sender ID sections of another provider, not adopted: chat.NoProvider, chat.Other" in result["notes"]


def test_secrets_become_named_placeholders_and_never_values():
    services = {"SMS": {"url": "N/A", "data": {"provider": "Async"}, "secret": {}},
                "Async": {"url": "N/A", "data": {"channels": [{"channelId": "16504661149", "webhook": {"url": "https://h"}}]},
                          "secret": {"channels": [{"webhook": {"secret": "********"}, "api": {"secret": "********"}}]}}}
    sections = {"Async": {"header:X-Tenant": "acme", "header:Authorization": "Bearer real-token-1",
                          "header:X-Api-Key": "real-key-2", "retries": "3"}}
    result = adopted_host_vars("acme-1.eu", "custom_gateway", services, sections)
    text = result["text"]
    assert "real-token-1" not in text and "real-key-2" not in text
    values = yaml.safe_load(text)
    assert values["sms_custom_gateway_headers"] == {"X-Tenant": "acme"}
    assert values["sms_custom_gateway_secret_headers"] == {
        "Authorization": "{{ vault_acme_1_eu_header_authorization }}", "X-Api-Key": "{{ vault_acme_1_eu_header_x_api_key }}"}
    assert values["sms_custom_gateway_channels"] == [{
        "channel_id": "16504661149", "webhook_url": "https://h",
        "webhook_secret": "{{ vault_acme_1_eu_channel1_webhook_secret }}", "api_secret": "{{ vault_acme_1_eu_channel1_api_secret }}"}]
    assert result["placeholders"][0] == "vault_acme_1_eu_channel1_webhook_secret"
    assert "#   vault_acme_1_eu_header_authorization: the value of webhook header Authorization" in text


def test_numbers_of_this_tenant_only():
    services = {"SMS": {"url": "N/A", "data": {"tokenProvider": "Purecloud"}, "secret": {}},
                "PurecloudIDP": {"url": "https://login.mypurecloud.de", "data": {}, "secret": {}},
                "PorticoSMS": {"url": "https://api.mypurecloud.de", "data": {}, "secret": {}}}
    numbers = [{"number": "+18445550101", "webhook_username": CCID, "comment": "Ours", "email_address": None},
               {"number": "+18445550100", "webhook_username": "someone-else"}]
    values = adopted_host_vars("acme", "genesys_cloud", services, {}, numbers, CCID)["vars"]
    assert values["sms_genesys_cloud_numbers"] == [{"number": "+18445550101", "comment": "Ours"}]
    assert values["sms_genesys_cloud_login_url"] == "https://login.mypurecloud.de"
    assert values["sms_genesys_cloud_cluster_api_key"] == "{{ vault_acme_portico_cluster_api_key }}"


def test_what_was_not_read_or_differs_is_a_note():
    services = {"SMS": {"url": "N/A", "data": {"provider": "Async"}, "secret": {}}}
    result = adopted_host_vars("acme", "kaleyra", services, None)
    assert result["notes"] == [
        "services missing in Digital Channels: mGageSMS (site.yml would create them)",
        "the SMS service's data is {'provider': 'Async'}, not {'provider': 'mGage'}: site.yml would set it for "
        "sms_option kaleyra",
        "NexusServices was not read (no Platform Administration login): sender IDs not adopted"]
    assert "sms_kaleyra_sender_ids" not in result["vars"]


def test_a_snapshot_says_what_it_is():
    text = adopted_host_vars("acme", "kaleyra", kaleyra_services("http://old"), {}, kind="snapshot",
                             generated="2026-12-07T00:00:00+00:00")["text"]
    assert text.startswith("---\n# acme (sms_option kaleyra) as it was at 2026-12-07T00:00:00+00:00, before a run")
    assert yaml.safe_load(text)["sms_kaleyra_url"] == "http://old"


def test_an_unknown_option_fails_naming_the_tenant():
    adopt = FilterModule().filters()["adopted_host_vars"]
    with pytest.raises(AnsibleFilterError, match="tenant acme: sms_option must be kaleyra, custom_gateway or genesys_cloud"):
        adopt("acme", "twilio", {})


def test_strings_of_a_str_subclass_are_written_as_strings():
    """ansible-core < 2.19 hands a result's strings to a filter as AnsibleUnsafeText, a str subclass."""
    class Unsafe(str):
        pass

    services = {Unsafe(k): {Unsafe("url"): Unsafe(v["url"]), "data": {Unsafe(dk): Unsafe(dv) for dk, dv in v["data"].items()},
                            "secret": v["secret"]} for k, v in kaleyra_services().items()}
    text = adopted_host_vars("acme", "kaleyra", services, {}, None, CCID)["text"]
    assert yaml.safe_load(text)["sms_kaleyra_url"] == "http://directtext.mgage.com"
    assert "!!python" not in text


def test_the_state_is_the_file_below_its_dated_header_and_changes_with_the_tenant():
    """The SMS roles save a snapshot only when the state differs from the tenant's last one."""
    first = adopted_host_vars("acme", "kaleyra", kaleyra_services(), None, None, CCID, kind="snapshot",
                              generated="2026-12-01T00:00:00+00:00")
    later = adopted_host_vars("acme", "kaleyra", kaleyra_services(), None, None, CCID, kind="snapshot",
                              generated="2026-12-02T00:00:00+00:00")
    moved = adopted_host_vars("acme", "kaleyra", kaleyra_services("http://other.example.com"), None, None, CCID,
                              kind="snapshot")
    assert first["text"] != later["text"] and first["state"] == later["state"] != moved["state"]
    assert first["text"].endswith(first["state"]) and "2026-12-01" not in first["state"]
    assert first["state"].splitlines()[0] == "sms_kaleyra_url: http://directtext.mgage.com"
