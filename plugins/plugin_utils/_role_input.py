# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the roles check and build before their first write, with the modules' own validators.

Internal use only: not a public API. The collection's filter plugins expose these to
the roles, so a bad variable fails the role before any request, with the same rules
(and a message naming the role variable) as the module that would later refuse it.

The NexusServices and sender-ID rules are imported when first used: they come with the GAX
client and ``requests``, and ansible-core loads every filter file of the collection as soon as
a task uses one of its filters, so a role's first check, in a worker forked before the
controller imported the clients, would otherwise import them all once per tenant.
"""

from __future__ import annotations

import os
import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    credential,
    validate_email,
    validate_label,
    validate_url,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import e164, pattern_of

# An e-mail domain, the runbook's $asyncEmailDomain: labels of letters, digits and '-', at least two.
_DOMAIN = re.compile(r"(?=.{4,253}\Z)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


def _nexus_rules():
    # pylint: disable-next=import-outside-toplevel
    from ansible_collections.cxops.digital_channels.plugins.module_utils import _nexus_services

    return _nexus_services


def _sender_id_rules():
    # pylint: disable-next=import-outside-toplevel
    from ansible_collections.cxops.digital_channels.plugins.module_utils import _sender_ids

    return _sender_ids


def _items(value, option, kind=dict):
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, kind) for item in value):
        raise InputError("%s must be a list of %s" % (option, "mappings" if kind is dict else kind.__name__))
    return value


def async_channel_id(value, where):
    """A channel of the custom gateway is a phone number (the sender ID forms) or an e-mail domain."""
    if isinstance(value, str) and _DOMAIN.fullmatch(value):
        return value
    try:
        return _sender_id_rules().normalize_channel_id(value, where)
    except InputError:
        raise InputError("%s must be a short code, long code or E.164 number (the runbook's $asyncPhoneNumber) or an "
                         "e-mail domain ($asyncEmailDomain), got %r" % (where, shorten(str(value), 60))) from None


def async_service(channels, option="channels"):
    """The Async service's data, secret and secret identifiers for channels [{channel_id, webhook_url, *_secret}].

    The seed's body shape, with each channelId given once as an identifier rather than
    inside the no_log secret.
    """
    data, secret, identifiers, seen = [], [], [], {}
    for index, channel in enumerate(_items(channels, option)):
        where = "%s[%d]" % (option, index)
        unknown = sorted(set(channel) - {"channel_id", "webhook_url", "webhook_secret", "api_secret"})
        if unknown:
            raise InputError("%s has unknown keys: %s" % (where, ", ".join(unknown)))
        channel_id = async_channel_id(channel.get("channel_id"), where + ".channel_id")
        if channel_id in seen:
            raise InputError("%s.channel_id %s is also %s" % (where, channel_id, seen[channel_id]))
        seen[channel_id] = where
        url = validate_url(channel.get("webhook_url") if isinstance(channel.get("webhook_url"), str) else "",
                           where + ".webhook_url")
        keys = {}
        for key in ("webhook_secret", "api_secret"):
            value = channel.get(key)
            keys[key] = credential(value if isinstance(value, str) else ("" if value is None else str(value)),
                                   "%s.%s" % (where, key))
        data.append({"channelId": channel_id, "webhook": {"url": url}})
        secret.append({"webhook": {"secret": keys["webhook_secret"]}, "api": {"secret": keys["api_secret"]}})
        identifiers.append({"channelId": channel_id})
    if not data:
        raise InputError("%s must list at least one channel" % option)
    return {"data": {"channels": data}, "secret": {"channels": secret}, "secret_identifiers": {"channels": identifiers}}


def header_options(headers, option="headers", section=None, section_option="section"):
    """Static webhook headers {name: value} as NexusServices options {header:<name>: value}.

    With ``section``, the section they go to is checked too, as nexus_services_options checks it.
    """
    rules = _nexus_rules()
    if section is not None:
        rules.validate_section(section, section_option)
        if section.startswith(rules.CHAT_PREFIX):
            raise InputError("%s %s is a sender ID section; the headers go to the async provider's section"
                             % (section_option, section))
    if headers is None:
        return {}
    if not isinstance(headers, dict):
        raise InputError("%s must be a mapping of header names to values" % option)
    return rules.validate_options({rules.HEADER_PREFIX + str(name): value for name, value in headers.items()}, option)


def checked_sender_ids(items, provider=None, option="sender_ids"):
    """The sender IDs as nexus_sender_id will take them, each with the provider unless it names its own.

    Checked with the module's own parser, so a name with a space or a channel ID of the
    wrong length fails here, before the role writes anything.
    """
    rules = _sender_id_rules()
    result = []
    for index, item in enumerate(_items(items, option)):
        unknown = sorted(set(item) - set(rules.ITEM_OPTIONS))
        if unknown:
            raise InputError("%s[%d] has unknown keys: %s" % (option, index, ", ".join(unknown)))
        entry = {k: v for k, v in item.items() if v is not None}
        if provider is not None:
            entry.setdefault("provider", provider)
        result.append(entry)
    try:
        rules.parse_sender_ids({"state": "present", "exclusive": False, "sender_ids": result})
    except InputError as exc:
        raise InputError(str(exc).replace("sender_ids[", option + "[")) from None
    return result


def checked_tollfree_numbers(numbers, option="numbers"):
    """Toll-free numbers [{number or area_code/vanity, comment, email_address}] checked as gc_tollfree_number
    checks them."""
    seen = {}
    for index, item in enumerate(_items(numbers, option)):
        where = "%s[%d]" % (option, index)
        unknown = sorted(set(item) - {"number", "area_code", "vanity", "comment", "email_address"})
        if unknown:
            raise InputError("%s has unknown keys: %s" % (where, ", ".join(unknown)))
        if pattern_of(item, where) is None:
            number = e164(item.get("number"), where + ".number")
            if number in seen:
                raise InputError("%s.number %s is also %s" % (where, number, seen[number]))
            seen[number] = where
        if item.get("comment") is not None:
            validate_label(item["comment"], where + ".comment", max_length=500)
        if item.get("email_address") is not None:
            validate_email(item["email_address"], where + ".email_address")
    return numbers or []


def integration_client(created, client_id=None, client_secret=None, creating=False):
    """The Digital Channels integration client's credentials for the rest of the role.

    ``created`` is gc_oauth_client's result when the role manages the client (None otherwise).
    A client this run creates gives its new secret; one that exists needs the stored
    credentials. In check mode a client that a real run would create has no credentials
    yet: ``pending`` says so, and nothing may be sent with them. What is missing is
    returned in ``problem`` rather than raised, so that a task that hides the secret
    (no_log) does not also hide why the role stops.
    """
    client = ((created or {}).get("oauth_client") or {}) if creating else {}
    new_id, new_secret = client.get("id"), client.get("client_secret")
    result = {"id": new_id or client_id, "secret": new_secret or client_secret, "pending": False, "problem": None}
    if new_id and new_secret:
        result.update(id=new_id, secret=new_secret)
    elif creating and not new_id:
        result.update(id=None, secret=None, pending=True)
    elif new_id and client_id and new_id != client_id:
        result["problem"] = "the OAuth client has id %s, but sms_genesys_cloud_client_id is %s" % (new_id, client_id)
    elif not result["id"] or not client_secret:
        result["problem"] = (
            "the Digital Channels integration needs sms_genesys_cloud_client_id and sms_genesys_cloud_client_secret. "
            "Genesys Cloud shows a client secret only when the client is created: store it in the vault after the run "
            "that created it, or regenerate it in Genesys Cloud (Admin > OAuth) and store the new one")
    return result


# The environment variable a module falls back to when the inventory has no value (the plane tables' "env").
_ENV_FALLBACK = {"gax_url": "GAX_URL", "nexus_url": "NEXUS_URL"}


def throttle_for_shared(hosts, hostvars, variable):
    """1 (one host at a time) when two of the hosts share a value of ``variable``, else 0 (no limit).

    Tenants with their own Platform Administration never touch each other's NexusServices;
    tenants that share one would make each other retry, so their writes go one by one. URLs
    are compared as one endpoint however they are spelled (``_http.endpoint_key``); a host
    without the variable uses what its module would, the controller's environment (an AWX
    credential), and a host with neither counts as sharing with every other such host.
    """
    from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (  # pylint: disable=import-outside-toplevel
        endpoint_key,
    )

    fallback = os.environ.get(_ENV_FALLBACK.get(variable, ""))
    values = []
    for host in hosts:
        value = hostvars[host].get(variable) or fallback
        values.append(endpoint_key(value) if isinstance(value, str) and "://" in value else str(value))
    return 1 if len(set(values)) < len(values) else 0


# What a check-mode run uses for a cluster key the real run would create: never sent (check mode writes nothing).
PENDING_KEY = "(generated by this run)"


def cluster_api_key(own, hosts, hostvars, register, nexus_url=None):
    """The Portico cluster API key's value for this tenant: {"value", "problem"}.

    The first tenant of a Digital Channels cluster creates the key and gets its generated value; every
    other tenant of the play on the same cluster (``nexus_url`` compared as one endpoint) gets it from that
    tenant's registered result. A key that existed before the run has no value anywhere: ``problem``.
    """
    from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (  # pylint: disable=import-outside-toplevel
        endpoint_key,
    )

    def value_of(result):
        key = ((result or {}).get("api_key") or {}).get("key") if isinstance(result, dict) else None
        return key if isinstance(key, str) and key else None

    def cluster(url):
        url = url or os.environ.get("NEXUS_URL") or ""
        return endpoint_key(url) if "://" in url else url

    if value_of(own):
        return {"value": value_of(own), "problem": None}
    mine = cluster(nexus_url)
    for host in hosts:
        other = hostvars[host]
        if value_of(other.get(register)) and cluster(other.get("nexus_url")) == mine:
            return {"value": value_of(other.get(register)), "problem": None}
    if isinstance(own, dict) and own.get("changed"):
        # Only in check mode does a key that is to be created come without its value.
        return {"value": PENDING_KEY, "problem": None}
    name = ((own or {}).get("api_key") or {}).get("name") if isinstance(own, dict) else None
    return {"value": None, "problem": (
        "API key %r exists on Digital Channels %s but its value is not in the inventory: set "
        "sms_genesys_cloud_cluster_api_key (in the vault) to it; Genesys Cloud needs it as the numbers' webhook "
        "password. docs/operator-guide.md, 'The Portico cluster API key', says where to find it or how to replace "
        "the key" % (name or "Portico Cluster API Key", mine or "(nexus_url)"))}


def genesys_cloud_urls(region=None, login_url=None, api_url=None, strict=True):
    """The organization's login and API URLs: the inventory's, else the environment's (an AWX credential), else
    those of the region (the inventory's, else GENESYSCLOUD_REGION), from the collection's region table.
    strict=False (the preflight, which reports what is missing) gives None for a URL nothing names."""
    from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import REGIONS  # pylint: disable=import-outside-toplevel

    login_url = login_url or os.environ.get("GENESYSCLOUD_LOGIN_URL") or None
    api_url = api_url or os.environ.get("GENESYSCLOUD_API_URL") or None
    region = region or os.environ.get("GENESYSCLOUD_REGION") or None
    if region is not None and region not in REGIONS:
        raise InputError("sms_genesys_cloud_region (or GENESYSCLOUD_REGION) must be one of %s, got %s"
                         % (", ".join(sorted(REGIONS)), shorten(str(region), 60)))
    if region is not None:
        login_url = login_url or "https://login." + REGIONS[region]
        api_url = api_url or "https://api." + REGIONS[region]
    if not strict:
        return {"login_url": login_url, "api_url": api_url}
    if not (login_url and api_url):
        raise InputError("the Genesys Cloud organization's URLs are needed: set sms_genesys_cloud_login_url and "
                         "sms_genesys_cloud_api_url, or sms_genesys_cloud_region (or GENESYSCLOUD_LOGIN_URL and "
                         "GENESYSCLOUD_API_URL, or GENESYSCLOUD_REGION, from a Genesys Cloud credential)")
    return {"login_url": validate_url(login_url, "sms_genesys_cloud_login_url"),
            "api_url": validate_url(api_url, "sms_genesys_cloud_api_url")}


# Ansible's wrapping of a failed task's message, which buries the useful part (a filter's own message, say).
_WRAPPERS = re.compile(r"^(?:Task failed: |Action failed: |Module failed: |Finalization of task args for '[^']*' failed: |"
                       r"Error while resolving value for '[^']*': |The filter plugin '[^']*' failed: |"
                       r"The conditional check '[^']*' failed\. The error was: )+")
_REQUEST = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (\S+) failed: (?:HTTP (\d{3})|connection failed|(.+?) timed out)")
# Which inventory variables a plane's credentials and URL come from, by the path a request went to.
_PLANES = (
    ("/gax/api/", "Platform Administration", "gax_username and gax_password", "gax_url"),
    ("/nexus/v3/apikeys", "Digital Channels (API keys, with the GWS Auth Services token)",
     "gauth_username and gauth_password", "nexus_url"),
    ("/auth/v3/oauth/token", "GWS Auth Services", "gauth_client_id, gauth_client_secret, gauth_username and gauth_password",
     "gauth_url"),
    ("/nexus/v3/", "Digital Channels", "nexus_api_key", "nexus_url"),
)
_GC_ADMIN_ACTIONS = ("gc_role", "gc_oauth_client")


def operator_message(message, tenant, action=""):
    """A role's failure as an operator reads it: the inventory variable and the tenant first, then the detail.

    ``message`` is the failed task's message, ``action`` its module (the Genesys Cloud admin client and the
    integration client reach the same endpoints). Ansible's wrapping ("Task failed: Finalization of task args ...
    The filter plugin ... failed:") is dropped, so the collection's own message comes first.
    """
    text = _WRAPPERS.sub("", " ".join(str(message or "failed without a message").split()))
    match = _REQUEST.match(text)
    if not match:
        return "tenant %s: %s" % (tenant, text)
    path, status = match.group(2), match.group(3)
    plane, credentials, url = _plane_of(path, action)
    if status in ("401", "403"):
        verb = "was" if " and " not in credentials else "were"
        return "%s of tenant %s %s refused by %s (%s): %s" % (credentials, tenant, verb, plane, status, text)
    if status is None:
        return "%s of tenant %s: %s did not answer: %s" % (url, tenant, plane, text)
    return "tenant %s: %s" % (tenant, text)


def _plane_of(path, action):
    for marker, plane, credentials, url in _PLANES:
        if marker in path:
            return plane, credentials, url
    if str(action or "").rsplit(".", maxsplit=1)[-1] in _GC_ADMIN_ACTIONS:
        return ("Genesys Cloud (the admin client)", "sms_genesys_cloud_admin_client_id and sms_genesys_cloud_admin_client_secret",
                "sms_genesys_cloud_login_url")
    return ("Genesys Cloud", "sms_genesys_cloud_client_id and sms_genesys_cloud_client_secret",
            "sms_genesys_cloud_login_url" if path.endswith("/oauth/token") else "sms_genesys_cloud_api_url")
