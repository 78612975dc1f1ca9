# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sender IDs: the runbook's ``chat.<name>`` sections of NexusServices. Internal use only.

Input is validated and normalized here before any request, and the change a task
needs is planned as a :class:`Delta` against one read of the transaction.
"""

from __future__ import annotations

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import MAX_SECTION, NAME_PATTERN, check_length
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import (
    CHAT_PREFIX,
    TRANSACTION_NAME,
    Delta,
    validate_options,
)

# The runbook's fixed options of every sender ID section; extra options may override them.
SEED_OPTIONS = {"channelType": "sms", "interactionSubtype": "SMS", "interactionType": "Inbound", "media": "chat"}
# Options with a dedicated module option; extra options may not set them.
DEDICATED = {"channelId": "channel_id", "endpoint": "endpoint", "cxcOnly": "cxc_only", "provider": "provider"}
PROVIDERS = ("Portico", "Async", "mGage")
ITEM_OPTIONS = ("name", "channel_id", "endpoint", "provider", "cxc_only", "options")

_FORMATTING = re.compile(r"[\s().-]")
# ASCII digits only: \d would also take other scripts' digits.
_CHANNEL_FORMS = (
    re.compile(r"[0-9]{5}"),               # short code
    re.compile(r"[0-9]{10}"),              # long code
    re.compile(r"1[0-9]{10}"),             # North American number with country code, as in the runbook's Async example
    re.compile(r"\+[1-9][0-9]{7,14}"),     # E.164, e.g. a toll-free number from Genesys Cloud
)


class SenderId:
    """One validated item of the task: its section name and, for state=present, its options."""

    def __init__(self, label, section, channel_id=None, options=None):
        self.label = label
        self.section = section
        self.channel_id = channel_id
        self.options = options or {}


def normalize_channel_id(value, where):
    """Digits without formatting, a leading + kept: '+1 (800) 555-0100' -> '+18005550100'."""
    text = _FORMATTING.sub("", str(value)) if value is not None else ""
    if any(form.fullmatch(text) for form in _CHANNEL_FORMS):
        return text
    raise InputError("%s must be a 5-digit short code, a 10-digit long code or an E.164 number such as +18005550100, "
                     "got %r" % (where, shorten(str(value), 60)))


def channel_key(channel_id):
    """The number behind a channel ID: +16504661149, 16504661149 and 6504661149 are one number."""
    digits = channel_id.lstrip("+")
    if len(digits) == 10 and not channel_id.startswith("+"):
        return "1" + digits
    return digits


def _existing_key(value):
    try:
        return channel_key(normalize_channel_id(value, "channelId"))
    except InputError:
        return value.strip()


def section_name(value, where):
    """'SMS_Main' and 'chat.SMS_Main' both name the section chat.SMS_Main."""
    text = value if isinstance(value, str) else ""
    name = text[len(CHAT_PREFIX):] if text.startswith(CHAT_PREFIX) else text
    if not NAME_PATTERN.fullmatch(name):
        raise InputError("%s may hold only letters, digits, '_' and '-' after an optional 'chat.' prefix (no spaces), got %r"
                         % (where, shorten(str(value), 60)))
    return check_length(CHAT_PREFIX + name, where, MAX_SECTION)


def _label(prefix, field):
    return "%s.%s" % (prefix, field) if prefix else field


def _parse_item(prefix, item, state):
    section = section_name(item.get("name"), _label(prefix, "name"))
    label = "%s (%s)" % (prefix, section) if prefix else section
    if state == "absent":
        return SenderId(label, section)
    for field in ("channel_id", "endpoint"):
        if item.get(field) in (None, ""):
            raise InputError("%s is required when state=present" % _label(prefix, field))
    channel_id = normalize_channel_id(item["channel_id"], _label(prefix, "channel_id"))
    endpoint = section_name(item["endpoint"], _label(prefix, "endpoint"))
    if item.get("provider") is not None and item["provider"] not in PROVIDERS:
        raise InputError("%s must be one of %s, got %r" % (_label(prefix, "provider"), ", ".join(PROVIDERS),
                                                           shorten(str(item["provider"]), 60)))
    # In the runbook's order, so that a new section reads like the one made by hand.
    options = {"channelId": channel_id, "channelType": SEED_OPTIONS["channelType"], "endpoint": endpoint}
    options.update((k, SEED_OPTIONS[k]) for k in ("interactionSubtype", "interactionType", "media"))
    options["cxcOnly"] = "true" if item.get("cxc_only") else "false"
    if item.get("provider") is not None:
        options["provider"] = item["provider"]
    extra = validate_options(item.get("options"), _label(prefix, "options"))
    for key in extra:
        if key in DEDICATED:
            raise InputError("%s may not set %s; use %s" % (_label(prefix, "options"), key, _label(prefix, DEDICATED[key])))
    options.update(extra)
    return SenderId(label, section, channel_id, options)


def exclusive_scope(params):
    """The sections exclusive=true may remove: chat.<exclusive_prefix>*, every chat.* section without a prefix."""
    prefix = params.get("exclusive_prefix")
    if prefix is None:
        return CHAT_PREFIX
    if not params["exclusive"]:
        raise InputError("exclusive_prefix applies only with exclusive=true")
    name = prefix[len(CHAT_PREFIX):] if prefix.startswith(CHAT_PREFIX) else prefix
    if not NAME_PATTERN.fullmatch(name):
        raise InputError("exclusive_prefix may hold only letters, digits, '_' and '-' after an optional 'chat.', got %r"
                         % shorten(prefix, 60))
    return check_length(CHAT_PREFIX + name, "exclusive_prefix", MAX_SECTION)


def parse_sender_ids(params):
    """The task's sender IDs, from ``sender_ids`` or the single-item options, checked against each other."""
    state = params["state"]
    if params["exclusive"] and state == "absent":
        raise InputError("exclusive applies only to state=present")
    exclusive_scope(params)
    if params["sender_ids"] is not None:
        raw = [("sender_ids[%d]" % i, item) for i, item in enumerate(params["sender_ids"])]
    else:
        raw = [("", {k: params[k] for k in ITEM_OPTIONS})]
    items = [_parse_item(prefix, item, state) for prefix, item in raw]
    sections, numbers = {}, {}
    for item in items:
        if item.section in sections:
            raise InputError("%s is listed twice (also %s)" % (item.label, sections[item.section].label))
        sections[item.section] = item
        if item.channel_id is None:
            continue
        key = channel_key(item.channel_id)
        if key in numbers:
            raise InputError("channel_id %s of %s is also the channel_id of %s; one number can feed only one section"
                             % (item.channel_id, item.label, numbers[key].label))
        numbers[key] = item
    return items


def plan_sender_ids(current, items, state, exclusive, scope=CHAT_PREFIX):
    """The Delta from current sections to the task's; refuses numbers claimed by other sections.

    With ``exclusive``, stale sections are those named ``scope``* (``chat.`` or ``chat.<prefix>``)
    that the task does not list; sections outside the scope are never removed.
    """
    delta = Delta()
    if state == "absent":
        for item in items:
            if item.section in current:
                delta.remove_section(item.section)
        return delta
    names = {item.section for item in items}
    stale = [s for s in current if exclusive and s.startswith(scope) and s not in names]
    claimed = {channel_key(item.channel_id): item for item in items}
    for section, options in current.items():
        if not section.startswith(CHAT_PREFIX) or section in names or section in stale or "channelId" not in options:
            continue
        item = claimed.get(_existing_key(options["channelId"]))
        if item is not None:
            raise InputError("channel_id %s of %s is already the channelId of section %s in %s; one number can feed only "
                             "one section: manage %s in this task, remove it, or set exclusive"
                             % (item.channel_id, item.label, section, TRANSACTION_NAME, section))
    for item in items:
        have = current.get(item.section, {})
        for key, value in item.options.items():
            if have.get(key) != value:
                delta.set_option(item.section, key, value)
    for section in stale:
        delta.remove_section(section)
    return delta
