# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A tenant as it is, in the shape the roles take: adopt.yml's host_vars, site.yml's snapshot before a write.

Internal use only: not a public API. The inverse of what the SMS roles write: the option's services (Nexus), the
sender ID sections and the custom gateway's webhook headers (NexusServices), the tenant's toll-free numbers (Genesys
Cloud, webhookUsername = ccid). A value Digital Channels never shows (a service secret: Kaleyra login, channel keys,
the integration client, the cluster key) or a header that looks secret becomes a named vault placeholder; its value
is never read into the result. What the roles cannot express exactly is listed as a note, never guessed.
"""

from __future__ import annotations

import datetime
import re

import yaml

# Per option: the SMS service's data, its provider services, the sender IDs' provider.
OPTIONS = {
    "kaleyra": {"sms": {"provider": "mGage"}, "services": ["SMS", "mGageSMS"], "provider": "mGage"},
    "custom_gateway": {"sms": {"provider": "Async"}, "services": ["SMS", "Async"], "provider": "Async"},
    "genesys_cloud": {"sms": {"tokenProvider": "Purecloud"}, "services": ["SMS", "PurecloudIDP", "PorticoSMS"],
                      "provider": "Portico"},
}
SEED_OPTIONS = {"channelType": "sms", "interactionSubtype": "SMS", "interactionType": "Inbound", "media": "chat"}
DEDICATED = ("channelId", "endpoint", "cxcOnly", "provider")
# A webhook header whose name says it carries a secret: its value is never written to the host_vars.
SECRET_HEADER = re.compile(r"auth|token|key|secret|signature|password|credential|cookie|session", re.I)


class Adopted:
    """What the reads show, as role variables, placeholders and notes."""

    def __init__(self, tenant, option):
        self.tenant = tenant
        self.option = option
        self.vars = {}
        self.placeholders = []  # (variable, what it holds)
        self.notes = []
        self.prefix = "vault_" + re.sub(r"\W", "_", tenant)

    def placeholder(self, name, what):
        variable = "%s_%s" % (self.prefix, name)
        self.placeholders.append((variable, what))
        return "{{ %s }}" % variable


def adopt(tenant, option, services, sections=None, numbers=None, ccid=None, headers_section="Async"):
    """The tenant's role variables from what was read (``services``: name -> {url, data, secret}; ``sections``:
    NexusServices section -> options, None when not read; ``numbers``: owned numbers, None when not read)."""
    if option not in OPTIONS:
        raise ValueError("sms_option must be kaleyra, custom_gateway or genesys_cloud, got %r" % (option,))
    result = Adopted(tenant, option)
    spec = OPTIONS[option]
    services = services if isinstance(services, dict) else {}
    missing = [name for name in spec["services"] if name not in services]
    if missing:
        result.notes.append("services missing in Digital Channels: %s (site.yml would create them)" % ", ".join(missing))
    sms = services.get("SMS") or {}
    if sms and (sms.get("data") or {}) != spec["sms"]:
        result.notes.append("the SMS service's data is %s, not %s: site.yml would set it for sms_option %s"
                            % (sms.get("data"), spec["sms"], option))
    globals()["_" + option](result, services)
    if sections is None:
        result.notes.append("NexusServices was not read (no Platform Administration login): sender IDs%s not adopted"
                            % (" and webhook headers" if option == "custom_gateway" else ""))
    else:
        _sender_ids(result, sections, spec["provider"])
        if option == "custom_gateway":
            _headers(result, sections.get(headers_section) or {})
    if option == "genesys_cloud":
        _numbers(result, numbers, ccid)
    return result


def _kaleyra(result, services):
    mgage = services.get("mGageSMS")
    if mgage:
        result.vars["sms_kaleyra_url"] = mgage.get("url")
    result.vars["sms_kaleyra_username"] = result.placeholder("kaleyra_username", "the Kaleyra account (mGageSMS secret.username)")
    result.vars["sms_kaleyra_password"] = result.placeholder("kaleyra_password", "its password (mGageSMS secret.password)")


def _custom_gateway(result, services):
    channels = ((services.get("Async") or {}).get("data") or {}).get("channels") or []
    adopted = []
    for index, channel in enumerate(channels if isinstance(channels, list) else []):
        if not isinstance(channel, dict):
            continue
        number = index + 1
        adopted.append({
            "channel_id": str(channel.get("channelId")),
            "webhook_url": ((channel.get("webhook") or {}).get("url")),
            "webhook_secret": result.placeholder("channel%d_webhook_secret" % number,
                                                 "the webhook signature key of channel %s" % channel.get("channelId")),
            "api_secret": result.placeholder("channel%d_api_secret" % number,
                                             "the API signature key of channel %s" % channel.get("channelId")),
        })
    if adopted:
        result.vars["sms_custom_gateway_channels"] = adopted
    elif services.get("Async"):
        result.notes.append("the Async service lists no channels")


def _genesys_cloud(result, services):
    idp, portico = services.get("PurecloudIDP") or {}, services.get("PorticoSMS") or {}
    if idp.get("url"):
        result.vars["sms_genesys_cloud_login_url"] = idp["url"]
    if portico.get("url"):
        result.vars["sms_genesys_cloud_api_url"] = portico["url"]
    result.vars["sms_genesys_cloud_client_id"] = result.placeholder(
        "gc_client_id", "the integration OAuth client's id (PurecloudIDP secret.clientId)")
    result.vars["sms_genesys_cloud_client_secret"] = result.placeholder(
        "gc_client_secret", "its secret (PurecloudIDP secret.clientSecret)")
    result.vars["sms_genesys_cloud_cluster_api_key"] = result.placeholder(
        "portico_cluster_api_key", "the Portico cluster API key's value (the numbers' webhook password), shared by "
        "the cluster's tenants")


def _sender_ids(result, sections, provider):
    adopted, others = [], []
    for name, options in sections.items():
        if not (isinstance(name, str) and name.startswith("chat.") and isinstance(options, dict)):
            continue
        # Digital Channels takes a section without provider as Portico (the runbook's note).
        if options.get("provider", "Portico") != provider:
            others.append(name)
            continue
        item = {"name": name[len("chat."):], "channel_id": options.get("channelId"), "endpoint": options.get("endpoint")}
        if str(options.get("cxcOnly", "false")).lower() == "true":
            item["cxc_only"] = True
        extra = {k: v for k, v in options.items() if k not in DEDICATED and SEED_OPTIONS.get(k) != v}
        if extra:
            item["options"] = extra
        if "provider" not in options:
            result.notes.append("%s has no provider option (Digital Channels takes Portico): site.yml would add "
                                "provider=%s" % (name, provider))
        adopted.append(item)
    variable = {"mGage": "sms_kaleyra_sender_ids", "Async": "sms_custom_gateway_sender_ids",
                "Portico": "sms_genesys_cloud_sender_ids"}[provider]
    result.vars[variable] = adopted
    if others:
        result.notes.append("sender ID sections of another provider, not adopted: %s" % ", ".join(sorted(others)))


def _headers(result, section):
    plain, secret = {}, {}
    for key, value in section.items():
        if not key.startswith("header:"):
            continue
        header = key[len("header:"):]
        if SECRET_HEADER.search(header):
            secret[header] = result.placeholder("header_%s" % re.sub(r"\W", "_", header).lower(),
                                                "the value of webhook header %s" % header)
        else:
            plain[header] = value
    if plain:
        result.vars["sms_custom_gateway_headers"] = plain
    if secret:
        result.vars["sms_custom_gateway_secret_headers"] = secret


def _numbers(result, numbers, ccid):
    if numbers is None:
        result.notes.append("the Genesys Cloud numbers were not read (no integration client): sms_genesys_cloud_numbers "
                            "not adopted")
        return
    mine = [n for n in numbers if isinstance(n, dict) and n.get("webhook_username") == ccid]
    adopted = []
    for entry in sorted(mine, key=lambda n: str(n.get("number"))):
        item = {"number": entry.get("number")}
        for option in ("comment", "email_address"):
            if entry.get(option):
                item[option] = entry[option]
        adopted.append(item)
    result.vars["sms_genesys_cloud_numbers"] = adopted
    if len(adopted) > 1:
        result.vars["sms_genesys_cloud_max_new_numbers"] = 1


HEADERS = {
    "adopt": ["# %(tenant)s (sms_option %(option)s), adopted by cxops.digital_channels %(generated)s; read only, nothing "
              "was written.",
              "# Connection values stay in your inventory. Put each vault_ variable below in your vault, then run",
              "# audit.yml: it should report no drift, and site.yml should write nothing."],
    "snapshot": ["# %(tenant)s (sms_option %(option)s) as it was at %(generated)s, before a run of cxops.digital_channels "
                 "wrote to it.",
                 "# To go back: put these variables in its host_vars, the secrets it had under the vault_ names below, "
                 "and run site.yml."],
}


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes any str as a string: ansible-core < 2.19 hands results' strings over as
    AnsibleUnsafeText, a str subclass the safe dumper refuses."""


_Dumper.add_multi_representer(str, yaml.SafeDumper.represent_str)


def _body(result):
    """The file below its dated header: what the tenant is, so two snapshots of one state compare equal."""
    lines = [yaml.dump(result.vars, Dumper=_Dumper, default_flow_style=False, sort_keys=False, allow_unicode=True,
                       width=100).rstrip("\n")]
    if result.placeholders:
        lines.append("# Secrets Digital Channels never shows, to put in your vault (ansible-vault encrypt_string):")
        lines += ["#   %s: %s" % item for item in result.placeholders]
    if result.notes:
        lines.append("# Notes:")
        lines += ["#   %s" % note for note in result.notes]
    return "\n".join(lines) + "\n"


def render(result, generated=None, kind="adopt", body=None):
    """The host_vars file: a header that says what it is, the variables, the placeholders to fill, the notes."""
    generated = generated or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    lines = ["---"] + [line % {"tenant": result.tenant, "option": result.option, "generated": generated}
                       for line in HEADERS[kind]]
    return "\n".join(lines) + "\n" + (body if body is not None else _body(result))


def adopted_host_vars(tenant, option, services, sections=None, numbers=None, ccid=None, headers_section="Async",
                      kind="adopt", generated=None):
    """The filter's value: the file's text, the variables, the placeholders and the notes."""
    if kind not in HEADERS:
        raise ValueError("kind must be adopt or snapshot, got %r" % (kind,))
    result = adopt(tenant, option, services, sections, numbers, ccid, headers_section)
    body = _body(result)
    return {"text": render(result, generated, kind, body), "state": body, "vars": result.vars,
            "placeholders": [name for name, dummy in result.placeholders], "notes": result.notes}
