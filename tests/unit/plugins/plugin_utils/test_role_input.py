# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the roles check before their first write, and the filter plugins that expose it."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.filter import async_service as async_service_filter
from ansible_collections.cxops.digital_channels.plugins.filter import checked_sender_ids as sender_ids_filter
from ansible_collections.cxops.digital_channels.plugins.filter import integration_client as integration_filter
from ansible_collections.cxops.digital_channels.plugins.filter import throttle_for_shared as throttle_filter
from ansible_collections.cxops.digital_channels.plugins.filter import webhook_header_options as headers_filter
from ansible_collections.cxops.digital_channels.plugins.filter import checked_tollfree_numbers as numbers_filter
from ansible_collections.cxops.digital_channels.plugins.filter import genesys_cloud_urls as gc_urls_filter
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.plugin_utils._role_input import (
    PENDING_KEY,
    async_service,
    checked_sender_ids,
    checked_tollfree_numbers,
    cluster_api_key,
    genesys_cloud_urls,
    header_options,
    integration_client,
    operator_message,
    throttle_for_shared,
)

CHANNEL = {"channel_id": "16504661149", "webhook_url": "https://hook.example.com", "webhook_secret": "w-key-1",
           "api_secret": "a-key-1"}


def test_async_service_is_the_seed_body_with_identifiers_apart():
    service = async_service([CHANNEL, dict(CHANNEL, channel_id="globex.example.com")], "channels")
    assert service["data"] == {"channels": [
        {"channelId": "16504661149", "webhook": {"url": "https://hook.example.com"}},
        {"channelId": "globex.example.com", "webhook": {"url": "https://hook.example.com"}}]}
    assert service["secret"] == {"channels": [{"webhook": {"secret": "w-key-1"}, "api": {"secret": "a-key-1"}}] * 2}
    assert service["secret_identifiers"] == {"channels": [{"channelId": "16504661149"}, {"channelId": "globex.example.com"}]}


@pytest.mark.parametrize("change, message", [
    ({"channel_id": "165046611"}, "gw[0].channel_id must be a short code, long code or E.164 number"),
    ({"channel_id": "globex"}, "gw[0].channel_id must be a short code"),
    ({"channel_id": None}, "gw[0].channel_id must be a short code"),
    ({"webhook_url": "hook.example.com"}, "gw[0].webhook_url must be an http:// or https:// URL"),
    ({"webhook_secret": ""}, "gw[0].webhook_secret must be a non-empty value on one line"),
    ({"api_secret": "a\nb"}, "gw[0].api_secret must be a non-empty value on one line"),
    ({"extra": 1}, "gw[0] has unknown keys: extra"),
])
def test_async_service_refuses_bad_channels(change, message):
    with pytest.raises(InputError) as err:
        async_service([dict(CHANNEL, **change)], "gw")
    assert str(err.value).startswith(message)
    assert "w-key-1" not in str(err.value) and "a-key-1" not in str(err.value)


def test_async_service_needs_distinct_channels():
    with pytest.raises(InputError, match=r"gw\[1\].channel_id 16504661149 is also gw\[0\]"):
        async_service([CHANNEL, CHANNEL], "gw")
    with pytest.raises(InputError, match="gw must list at least one channel"):
        async_service([], "gw")


def test_header_options_checks_names_values_and_section():
    assert header_options({"x-tenant": 7, "X-Flag": True}, "h") == {"header:x-tenant": "7", "header:X-Flag": "true"}
    assert header_options(None, "h") == {}
    with pytest.raises(InputError, match="'header:x\\(t\\)' must be 'header:' followed by an HTTP header name"):
        header_options({"x(t)": "a"}, "h")
    with pytest.raises(InputError, match="a header value may not hold line breaks"):
        header_options({"x-t": "a\r\nInjected: 1"}, "h")
    with pytest.raises(InputError, match="sec chat.S1 is a sender ID section"):
        header_options({}, "h", "chat.S1", "sec")
    with pytest.raises(InputError, match="sec must be letters, digits"):
        header_options({}, "h", "Async Provider", "sec")


def test_checked_sender_ids_adds_the_provider_and_uses_the_modules_rules():
    items = checked_sender_ids([{"name": "S1", "channel_id": "55501", "endpoint": "E", "cxc_only": None}], "mGage", "ids")
    assert items == [{"name": "S1", "channel_id": "55501", "endpoint": "E", "provider": "mGage"}]
    own = checked_sender_ids([{"name": "S1", "channel_id": "55501", "endpoint": "E", "provider": "Async"}], "mGage", "ids")
    assert own[0]["provider"] == "Async"
    with pytest.raises(InputError, match=r"ids\[0\].name may hold only letters"):
        checked_sender_ids([{"name": "S 1", "channel_id": "55501", "endpoint": "E"}], "mGage", "ids")
    with pytest.raises(InputError, match=r"ids\[1\] \(chat.S2\).*one number can feed only one section"):
        checked_sender_ids([{"name": "S1", "channel_id": "55501", "endpoint": "E"},
                            {"name": "S2", "channel_id": "55501", "endpoint": "E"}], None, "ids")
    with pytest.raises(InputError, match=r"ids\[0\] has unknown keys: chanel_id"):
        checked_sender_ids([{"name": "S1", "chanel_id": "55501", "endpoint": "E"}], None, "ids")


def test_checked_tollfree_numbers():
    numbers = [{"number": "+1 844 555 0100", "comment": "ACME", "email_address": "a@b.example"}]
    assert checked_tollfree_numbers(numbers, "n") is numbers
    with pytest.raises(InputError, match=r"n\[1\].number \+18445550100 is also n\[0\]"):
        checked_tollfree_numbers([{"number": "8445550100"}, {"number": "+18445550100"}], "n")
    with pytest.raises(InputError, match=r"n\[0\].email_address must be an e-mail address"):
        checked_tollfree_numbers([{"number": "8445550100", "email_address": "nobody"}], "n")


@pytest.mark.parametrize("created, given_id, given_secret, creating, expected", [
    # The role manages no client: the stored credentials, or what is missing.
    (None, "id-1", "s-1", False, {"id": "id-1", "secret": "s-1", "pending": False, "problem": None}),
    (None, "id-1", None, False, "needs sms_genesys_cloud_client_id and sms_genesys_cloud_client_secret"),
    # The role created the client now: its new credentials win.
    ({"oauth_client": {"id": "new", "client_secret": "new-s"}}, None, None, True,
     {"id": "new", "secret": "new-s", "pending": False, "problem": None}),
    # It existed: its id, the stored secret.
    ({"oauth_client": {"id": "new"}}, None, "s-1", True, {"id": "new", "secret": "s-1", "pending": False, "problem": None}),
    ({"oauth_client": {"id": "new"}}, "other", "s-1", True, "the OAuth client has id new, but sms_genesys_cloud_client_id is other"),
    ({"oauth_client": {"id": "new"}}, None, None, True, "needs sms_genesys_cloud_client_id"),
    # Check mode, the client does not exist yet: nothing to send.
    ({"oauth_client": {"id": None}}, None, None, True, {"id": None, "secret": None, "pending": True, "problem": None}),
    (None, None, None, True, {"id": None, "secret": None, "pending": True, "problem": None}),
])
def test_integration_client(created, given_id, given_secret, creating, expected):
    result = integration_client(created, given_id, given_secret, creating)
    if isinstance(expected, str):
        assert expected in result["problem"]
    else:
        assert result == expected


def test_throttle_only_where_hosts_share_a_value():
    hostvars = {"a": {"gax_url": "https://a"}, "b": {"gax_url": "https://b"}, "c": {"gax_url": "https://a"}, "d": {}}
    assert throttle_for_shared(["a", "b"], hostvars, "gax_url") == 0
    assert throttle_for_shared(["a", "b", "c"], hostvars, "gax_url") == 1
    assert throttle_for_shared(["a", "d"], hostvars, "gax_url") == 0
    assert throttle_for_shared(["d", "d2"], dict(hostvars, d2={}), "gax_url") == 1  # both fall back to GAX_URL


@pytest.mark.parametrize("first, second, throttle", [
    # One endpoint however it is spelled: its writers go one by one.
    ("https://gax.example.com", "https://gax.example.com/", 1),
    ("https://gax.example.com", "HTTPS://GAX.Example.COM", 1),
    ("https://gax.example.com/", "https://gax.example.com:443", 1),
    ("http://gax.example.com:80/tenants/acme", "http://GAX.example.com/tenants/acme/", 1),
    # Different endpoints stay apart.
    ("https://gax.example.com/tenants/acme", "https://gax.example.com/tenants/globex", 0),
    ("https://gax.example.com", "https://gax.example.com:8443", 0),
    ("http://gax.example.com", "https://gax.example.com", 0),
])
def test_throttle_sees_one_endpoint_however_it_is_spelled(first, second, throttle):
    hostvars = {"a": {"gax_url": first}, "b": {"gax_url": second}}
    assert throttle_for_shared(["a", "b"], hostvars, "gax_url") == throttle


def test_throttle_uses_the_environment_where_the_inventory_has_no_url(monkeypatch):
    """An AWX credential injects GAX_URL: a host without gax_url writes where that points."""
    monkeypatch.setenv("GAX_URL", "https://GAX.example.com/")
    hostvars = {"a": {"gax_url": "https://gax.example.com"}, "b": {}, "c": {"gax_url": "https://other.example.com"}}
    assert throttle_for_shared(["a", "b"], hostvars, "gax_url") == 1
    assert throttle_for_shared(["b", "c"], hostvars, "gax_url") == 0


@pytest.mark.parametrize("module, name, args", [
    (async_service_filter, "async_service", ([dict(CHANNEL, channel_id="1")], "gw")),
    (headers_filter, "webhook_header_options", ({"x t": "1"}, "h")),
    (sender_ids_filter, "checked_sender_ids", ([{"name": "S 1", "channel_id": "55501", "endpoint": "E"}], None, "ids")),
    (numbers_filter, "checked_tollfree_numbers", ([{"number": "1"}], "n")),
])
def test_filters_turn_input_errors_into_filter_errors(module, name, args):
    plugin = module.FilterModule().filters()[name]
    with pytest.raises(AnsibleFilterError):
        plugin(*args)


def test_filters_return_what_the_helpers_return():
    assert async_service_filter.FilterModule().filters()["async_service"]([CHANNEL]) == async_service([CHANNEL])
    assert integration_filter.FilterModule().filters()["integration_client"](None, "i", "s") == integration_client(None, "i", "s", False)
    assert throttle_filter.FilterModule().filters()["throttle_for_shared"](["a"], {"a": {}}, "x") == 0


class CountingHostvars(dict):
    """hostvars that count how often a host's variables are read (each read is a full get_vars in Ansible)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads = 0

    def __getitem__(self, host):
        self.reads += 1
        return super().__getitem__(host)


def test_throttle_filter_reads_every_host_once_per_run():
    # throttle is evaluated for every host of every task that has one: without the cache, 30 tenants and
    # three throttled tasks read 2,700 hosts' variables in the controller's main loop.
    hostvars = CountingHostvars(a={"gax_url": "https://a"}, b={"gax_url": "https://b"}, c={"gax_url": "https://a"})
    plugin = throttle_filter.FilterModule().filters()["throttle_for_shared"]
    assert [plugin(["a", "b"], hostvars, "gax_url") for _attempt in range(5)] == [0] * 5
    assert hostvars.reads == 2
    # Another host list (another play) or another variable is computed anew.
    assert plugin(["a", "b", "c"], hostvars, "gax_url") == 1
    assert hostvars.reads == 5
    assert plugin(["a", "b"], hostvars, "ccid") == 1  # neither has one: both fall back alike
    assert hostvars.reads == 7


# --- the Portico cluster key, one per cluster (issue 20) -----------------------------------------------

def created(value, name="Portico Cluster API Key"):
    return {"changed": True, "api_key": {"name": name, "key": value}, "found": False}


FOUND = {"changed": False, "api_key": {"name": "Portico Cluster API Key"}, "found": True}


def test_the_tenant_that_created_the_cluster_key_has_its_value():
    assert cluster_api_key(created("v-123"), ["a"], {"a": {}}, "r") == {"value": "v-123", "problem": None}


def test_every_tenant_of_the_cluster_gets_the_value_however_its_url_is_spelled():
    hostvars = {"a": {"nexus_url": "https://nexus.example.com", "r": created("v-123")},
                "b": {"nexus_url": "HTTPS://Nexus.example.com:443/", "r": FOUND},
                "c": {"nexus_url": "https://other.example.com", "r": FOUND}}
    assert cluster_api_key(FOUND, ["a", "b", "c"], hostvars, "r", "https://nexus.example.com/")["value"] == "v-123"
    other = cluster_api_key(FOUND, ["a", "b", "c"], hostvars, "r", "https://other.example.com")
    assert other["value"] is None and "exists on Digital Channels https://other.example.com" in other["problem"]
    assert "set sms_genesys_cloud_cluster_api_key (in the vault)" in other["problem"]


def test_hosts_without_nexus_url_count_with_nexus_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEXUS_URL", "https://nexus.example.com")
    hostvars = {"a": {"r": created("v-123")}, "b": {"r": FOUND}}
    assert cluster_api_key(FOUND, ["a", "b"], hostvars, "r", None)["value"] == "v-123"


def test_check_mode_uses_a_placeholder_for_a_key_the_real_run_creates():
    would_create = {"changed": True, "api_key": {"name": "Portico Cluster API Key"}, "found": False}
    assert cluster_api_key(would_create, ["a"], {"a": {}}, "r") == {"value": PENDING_KEY, "problem": None}


GC_ENV = ("GENESYSCLOUD_LOGIN_URL", "GENESYSCLOUD_API_URL", "GENESYSCLOUD_REGION")


@pytest.fixture
def no_gc_env(monkeypatch):
    for name in GC_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_genesys_cloud_urls_come_from_the_region_table(no_gc_env):
    assert genesys_cloud_urls("eu-central-1") == {"login_url": "https://login.mypurecloud.de",
                                                  "api_url": "https://api.mypurecloud.de"}


def test_genesys_cloud_region_from_the_credential_environment(no_gc_env):
    no_gc_env.setenv("GENESYSCLOUD_REGION", "ca-central-1")
    assert genesys_cloud_urls() == {"login_url": "https://login.cac1.pure.cloud", "api_url": "https://api.cac1.pure.cloud"}


def test_inventory_urls_win_over_the_credential_and_the_credential_over_the_region(no_gc_env):
    no_gc_env.setenv("GENESYSCLOUD_REGION", "us-east-1")
    no_gc_env.setenv("GENESYSCLOUD_LOGIN_URL", "https://login.from-credential.test")
    urls = genesys_cloud_urls(None, None, None)
    assert urls == {"login_url": "https://login.from-credential.test", "api_url": "https://api.mypurecloud.com"}
    urls = genesys_cloud_urls("eu-west-1", "https://login.inventory.test", None)
    assert urls == {"login_url": "https://login.inventory.test", "api_url": "https://api.mypurecloud.ie"}


def test_genesys_cloud_urls_missing_or_wrong_fail_with_one_line(no_gc_env):
    with pytest.raises(InputError, match=r"sms_genesys_cloud_region \(or GENESYSCLOUD_REGION\) must be one of .*, got mars-1"):
        genesys_cloud_urls("mars-1")
    with pytest.raises(InputError, match="the Genesys Cloud organization's URLs are needed"):
        genesys_cloud_urls(None, "https://login.example.test", None)
    with pytest.raises(AnsibleFilterError, match="URLs are needed"):
        gc_urls_filter.genesys_cloud_urls(None)
    with pytest.raises(InputError, match="sms_genesys_cloud_api_url"):
        genesys_cloud_urls(None, "https://login.example.test", "ftp://api.example.test")


def test_genesys_cloud_urls_not_strict_leaves_what_is_missing_to_the_preflight(no_gc_env):
    assert genesys_cloud_urls(None, None, "https://api.example.test", strict=False) == {
        "login_url": None, "api_url": "https://api.example.test"}
    with pytest.raises(InputError, match="must be one of"):
        genesys_cloud_urls("mars-1", strict=False)


@pytest.mark.parametrize("message, action, expected", [
    ("Task failed: Module failed: POST /nexus/v3/provisioning/services/45ac/SMS failed: HTTP 401: bad key (check the credentials)",
     "cxops.digital_channels.nexus_service",
     "nexus_api_key of tenant acme was refused by Digital Channels (401): POST /nexus/v3/provisioning/services/45ac/SMS "
     "failed: HTTP 401: bad key (check the credentials)"),
    ("POST /tenants/acme/gax/api/session/login failed: HTTP 401: invalid username or password", "x.nexus_sender_id",
     "gax_username and gax_password of tenant acme were refused by Platform Administration (401): POST "
     "/tenants/acme/gax/api/session/login failed: HTTP 401: invalid username or password"),
    ("POST /oauth/token failed: HTTP 401: bad secret", "cxops.digital_channels.gc_oauth_client",
     "sms_genesys_cloud_admin_client_id and sms_genesys_cloud_admin_client_secret of tenant acme were refused by Genesys "
     "Cloud (the admin client) (401): POST /oauth/token failed: HTTP 401: bad secret"),
    ("POST /oauth/token failed: HTTP 401: bad secret", "cxops.digital_channels.gc_tollfree_number",
     "sms_genesys_cloud_client_id and sms_genesys_cloud_client_secret of tenant acme were refused by Genesys Cloud (401): "
     "POST /oauth/token failed: HTTP 401: bad secret"),
    ("POST /auth/v3/oauth/token failed: HTTP 401: bad password", "cxops.digital_channels.nexus_api_key",
     "gauth_client_id, gauth_client_secret, gauth_username and gauth_password of tenant acme were refused by GWS Auth "
     "Services (401): POST /auth/v3/oauth/token failed: HTTP 401: bad password"),
    ("GET /nexus/v3/provisioning/services/45ac/SMS failed: connection failed: connecting to 10.0.0.1:443 was refused",
     "x.nexus_service_info",
     "nexus_url of tenant acme: Digital Channels did not answer: GET /nexus/v3/provisioning/services/45ac/SMS failed: "
     "connection failed: connecting to 10.0.0.1:443 was refused"),
    ("Task failed: Finalization of task args for 'ansible.builtin.assert' failed: Error while resolving value for 'that': "
     "The filter plugin 'cxops.digital_channels.checked_sender_ids' failed: sms_kaleyra_sender_ids[0].name may hold "
     "only letters", "ansible.builtin.assert",
     "tenant acme: sms_kaleyra_sender_ids[0].name may hold only letters"),
    ("PUT /gax/api/cfg/objects/CfgTransaction/312 failed: HTTP 500: rejected", "x",
     "tenant acme: PUT /gax/api/cfg/objects/CfgTransaction/312 failed: HTTP 500: rejected"),
    (None, "", "tenant acme: failed without a message"),
])
def test_operator_messages_name_the_variable_and_the_tenant_first(message, action, expected):
    assert operator_message(message, "acme", action) == expected
