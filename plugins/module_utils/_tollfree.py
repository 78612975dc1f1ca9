# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Toll-free numbers of Genesys Cloud SMS aggregation: desired state, plan, order body, order states.

Internal use only: not a public API. What :mod:`_sender_ids` is for sender IDs: input
is validated here before any request, numbers are compared in one form (E.164) and
sent exactly in the form the API listed them, and the change a task needs is planned
against one listing of owned numbers. The HTTP calls stay in :class:`GcClient`.
"""

from __future__ import annotations

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    validate_base_url,
    validate_email,
    validate_label,
    validate_url,
    validate_uuid,
)

PREFIXES = ("800", "833", "844", "855", "866", "877", "888")
# The API's vanity search: 4 to 7 letters or digits, letters as on a phone keypad (docs/api-facts.md, GC-VANITY).
VANITY = re.compile(r"[A-Za-z0-9]{4,7}")
KEYPAD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"))
# Module option -> API field of a number's settings (the webhook password is write-only).
FIELDS = (("mo_url", "moUrl"), ("dr_url", "drUrl"), ("webhook_username", "webhookUsername"),
          ("comment", "comment"), ("email_address", "emailAddress"))
# Fields an owned or available number may carry its number in, first one wins.
NUMBER_FIELDS = ("tollfreeNumber", "phoneNumber")

PENDING, DONE, FAILED = "pending", "done", "failed"
# Order states as the API may spell them (compared lower-cased) and what each means for the task.
ORDER_STATES = {
    "pending": PENDING, "inprogress": PENDING, "in_progress": PENDING, "processing": PENDING, "submitted": PENDING,
    "completed": DONE, "complete": DONE, "succeeded": DONE, "success": DONE, "fulfilled": DONE,
    "failed": FAILED, "error": FAILED, "rejected": FAILED, "cancelled": FAILED, "canceled": FAILED,
}


def e164(value, option="number"):
    """+1NXXNXXXXXX for a North American toll-free number given in any usual format."""
    text = value if isinstance(value, str) else ""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if len(digits) == 10:
        digits = "1" + digits
    if not re.fullmatch(r"1[0-9]{10}", digits) or digits[1:4] not in PREFIXES:
        raise InputError("%s must be a North American toll-free number (+1 and area code %s), got %r"
                         % (option, "/".join(PREFIXES), shorten(str(value), 60)))
    return "+" + digits


def listed_number(entity):
    """The number of an owned or available entry exactly as the API wrote it (a string entry is the number)."""
    if isinstance(entity, str):
        return entity
    if isinstance(entity, dict):
        return next((entity[f] for f in NUMBER_FIELDS if isinstance(entity.get(f), str) and entity[f]), None)
    return None


def settings_of(entity):
    """An owned number's settings under the modules' option names."""
    return {option: entity.get(field) for option, field in FIELDS}


def order_state(order):
    """PENDING, DONE, FAILED, or the state itself lower-cased when the API used a word we do not know."""
    state = str((order or {}).get("status") or (order or {}).get("state") or "").lower()
    return ORDER_STATES.get(state, state)


def desired_numbers(params):
    """Validated desired settings keyed by E.164 number, in the task's order; nothing is sent before this passes."""
    if params["nexus_url"]:
        base = validate_base_url(params["nexus_url"], "nexus_url")
        defaults = {"mo_url": base + "/nexus/v3/sms/message", "dr_url": base + "/nexus/v3/sms/receipt"}
    else:
        defaults = {}
    common = {}
    for option in ("mo_url", "dr_url"):
        value = params[option] or defaults.get(option)
        if not value:
            raise InputError("give nexus_url, or both mo_url and dr_url")
        common[option] = validate_url(value, option)
    common["webhook_username"] = validate_uuid(params["webhook_username"], "webhook_username")
    wanted, patterns = {}, []
    for index, item in enumerate(params["numbers"]):
        where = "numbers[%d]" % index
        settings = dict(common, comment=None, email_address=None)
        if item.get("comment") is not None:
            settings["comment"] = validate_label(item["comment"], where + ".comment", max_length=500)
        if item.get("email_address") is not None:
            settings["email_address"] = validate_email(item["email_address"], where + ".email_address")
        pattern = pattern_of(item, where)
        if pattern:
            patterns.append((pattern, settings))
            continue
        number = e164(item.get("number"), where + ".number")
        if number in wanted:
            raise InputError("numbers lists %s twice" % number)
        wanted[number] = settings
    if not wanted and not patterns:
        raise InputError("numbers must list at least one number")
    return wanted, patterns


def wanted_username(params):
    return validate_uuid(params["webhook_username"], "webhook_username")


def pattern_of(item, where):
    """A number asked for by area code and/or vanity digits instead of by number; None for a number."""
    area_code, vanity = item.get("area_code"), item.get("vanity")
    if area_code is None and vanity is None:
        return None
    if item.get("number") is not None:
        raise InputError("%s: give number, or area_code and/or vanity, not both" % where)
    if area_code is not None and str(area_code) not in PREFIXES:
        raise InputError("%s.area_code must be a toll-free area code (%s), got %r"
                         % (where, "/".join(PREFIXES), shorten(str(area_code), 20)))
    if vanity is not None and not (isinstance(vanity, str) and VANITY.fullmatch(vanity)):
        raise InputError("%s.vanity must be 4 to 7 letters or digits (letters as on a phone keypad), got %r"
                         % (where, shorten(str(vanity), 20)))
    return {"area_code": None if area_code is None else str(area_code), "vanity": vanity,
            "digits": None if vanity is None else keypad_digits(vanity), "where": where}


def keypad_digits(vanity):
    return "".join(KEYPAD.get(c, c) for c in vanity.upper())


def matches(number, pattern):
    """Whether an E.164 toll-free number has the pattern's area code and its vanity digits after the area code."""
    area_ok = pattern["area_code"] is None or number[2:5] == pattern["area_code"]
    return area_ok and (pattern["digits"] is None or pattern["digits"] in number[5:])


def describe(pattern):
    parts = (["area code %s" % pattern["area_code"]] if pattern["area_code"] else []) + (
        ["vanity %s" % pattern["vanity"]] if pattern["vanity"] else [])
    return "%s (%s)" % (pattern["where"], ", ".join(parts))


class Pool:
    """Numbers that can be ordered, read as the API offers them: the first page, then its own search.

    The listing has no paging and shows at most 100 numbers; a number past those is found with ``vanity`` (the
    seven digits after the area code) and a pattern with its own vanity. Every answer is checked here too (a
    number the search returns that does not match is never taken), so a looser server match orders nothing wrong.
    ``search(vanity=None)`` returns {E.164: the number as listed}, in the API's order.
    """

    def __init__(self, search):
        self._search = search
        self._pages = {}

    def _page(self, vanity=None):
        if vanity not in self._pages:
            self._pages[vanity] = self._search(vanity=vanity)
        return self._pages[vanity]

    def find(self, numbers):
        """{E.164: listed form} of those numbers that can be ordered."""
        found = {}
        for number in numbers:
            listed = self._page().get(number) or self._page(number[5:]).get(number)
            if listed:
                found[number] = listed
        return found

    def first(self, pattern, taken):
        """The first number that can be ordered matching the pattern and not taken, as (E.164, listed) or None."""
        # An area code alone can only look at the first page: the API searches by vanity, not by area code.
        page = self._page(pattern["vanity"]) if pattern["vanity"] else self._page()
        for number, listed in page.items():
            if number not in taken and matches(number, pattern):
                return number, listed
        return None


def resolve_patterns(wanted, patterns, owned, username, pool):
    """Give each pattern entry its number: an owned number of this tenant (webhookUsername) that matches and no
    other entry claims, else the first that can be ordered. Returns the wanted numbers (explicit ones first)
    and {E.164: listed form} of the numbers chosen from the pool."""
    wanted = dict(wanted)
    chosen = {}
    for pattern, settings in patterns:
        mine = [n for n, entity in owned.items()
                if entity.get("webhookUsername") == username and n not in wanted and matches(n, pattern)]
        if mine:
            wanted[sorted(mine)[0]] = settings
            continue
        found = pool.first(pattern, set(wanted) | set(owned))
        if found is None:
            raise InputError("no number that can be ordered matches %s; nothing was ordered "
                             "(gc_tollfree_number_info with available=true lists numbers you can order)" % describe(pattern))
        wanted[found[0]] = settings
        chosen[found[0]] = found[1]
    return wanted, chosen


class Plan:
    """What a task does to the organization's numbers: order the missing ones, PATCH the drifted ones."""

    def __init__(self, wanted, owned):
        self.wanted = wanted
        self.owned = owned
        self.missing = [n for n in wanted if n not in owned]
        self.updates = {}

    def __bool__(self):
        return bool(self.missing or self.updates)

    def before(self):
        return {n: settings_of(self.owned[n]) for n in self.wanted if n in self.owned}


def plan_numbers(wanted, owned, password, update_password, max_new):
    """The Plan against one listing of owned numbers ({E.164: entity}); refuses what a real run would refuse.

    Fields the API does not return are not guessed at, and the write-only webhook
    password is sent to owned numbers only with ``update_password == "always"``.
    """
    plan = Plan(wanted, owned)
    if plan.missing and not password:
        raise InputError("webhook_password (the cluster API key) is needed to order %s" % ", ".join(plan.missing))
    if len(plan.missing) > max_new:
        raise InputError("would order %d numbers (%s) but max_new_numbers is %d; nothing was ordered. Raise "
                         "max_new_numbers to allow it" % (len(plan.missing), ", ".join(plan.missing), max_new))
    if update_password == "always" and not password:
        raise InputError("update_webhook_password=always needs webhook_password")
    for number, settings in wanted.items():
        entity = owned.get(number)
        if entity is None:
            continue
        changes = {field: settings[option] for option, field in FIELDS
                   if settings[option] is not None and field in entity and entity[field] != settings[option]}
        if update_password == "always":
            changes["webhookPassword"] = password
        if changes:
            plan.updates[number] = changes
    return plan


def check_available(missing, available):
    """Refuse, before ordering anything, numbers that are not in the pool ({E.164: listed form})."""
    unavailable = [n for n in missing if n not in available]
    if unavailable:
        raise InputError("%s cannot be ordered: not among the available numbers, nor found by the API's vanity search "
                         "for its last seven digits; nothing was ordered (gc_tollfree_number_info with available=true "
                         "lists numbers you can order)" % ", ".join(unavailable))


def order_body(missing, wanted, available, password):
    """The order POST's array, each number exactly as ``/available`` listed it (the runbook's "send it")."""
    entries = []
    for number in missing:
        settings = wanted[number]
        entry = {"tollfreeNumber": available[number], "moUrl": settings["mo_url"], "drUrl": settings["dr_url"],
                 "webhookUsername": settings["webhook_username"], "webhookPassword": password}
        for option, field in (("comment", "comment"), ("email_address", "emailAddress")):
            if settings[option] is not None:
                entry[field] = settings[option]
        entries.append(entry)
    return entries


def numbers_after(wanted, owned):
    """The desired numbers as the organization has them after the task (or would, in check mode)."""
    numbers, after = [], {}
    for number, settings in wanted.items():
        entity = owned.get(number) or {}
        state = {o: settings[o] if settings[o] is not None else entity.get(f) for o, f in FIELDS}
        after[number] = state
        numbers.append(dict(state, number=number, status=entity.get("status")))
    return numbers, after
