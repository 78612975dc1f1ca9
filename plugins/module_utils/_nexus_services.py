# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The NexusServices transaction: its option sections, changes to them, and safe writes.

Internal use only: not a public API. Options of a CfgTransaction are a flat list of
``{"section", "key", "value"}`` strings under ``userproperties.property``. Every
module that edits the transaction describes its edit as a :class:`Delta` and
writes it through :class:`NexusServices`, which owns the lost-update guard
(see docs/decisions.md): re-read just before the PUT, apply only the delta,
verify, and retry a bounded number of times.
"""

from __future__ import annotations

import copy
import random
import re
import time

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    ConflictError,
    InputError,
    OutcomeUnknownError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import OBJECTS_PATH, GaxClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import endpoint_key
from ansible_collections.cxops.digital_channels.plugins.module_utils._lock import exclusive
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import MASK, NEW_SECRET_MASK, shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import MAX_SECTION, MAX_VALUE, check_length, check_text

TRANSACTION_TYPE = "CfgTransaction"
TRANSACTION_NAME = "NexusServices"
CHAT_PREFIX = "chat."
# Attempts of re-read, apply, PUT and verify before giving up on a writer that keeps overwriting us.
WRITE_ATTEMPTS = 3
# Seconds after a write within which another controller's PUT, read before ours landed, is expected to land
# too; the roles' verification reads after it (docs/decisions.md, "Concurrent writers").
VERIFY_SETTLE = 2.0

# The options of the modules that write NexusServices, beyond the GAX connection (doc fragment ``nexus_services_write``).
WRITE_OPTIONS = {
    "lock_timeout": {"type": "int", "default": 300, "env": "CXOPS_LOCK_TIMEOUT"},
    "verify_after": {"type": "float"},
    "verify_settle": {"type": "float", "default": VERIFY_SETTLE},
}

SECTION = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")
HEADER_PREFIX = "header:"
# RFC 9110 token: what an HTTP header name may be made of.
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def properties(obj):
    """The object's option triples; a shape we do not understand is an API error, not a guess."""
    props = (obj.get("userproperties") or {}).get("property", [])
    if not isinstance(props, list) or not all(
        isinstance(p, dict) and all(isinstance(p.get(k), str) for k in ("section", "key", "value")) for p in props
    ):
        raise ApiError("GET", OBJECTS_PATH, 200, "%s %s: userproperties.property is not a list of section/key/value strings"
                       % (obj.get("type"), obj.get("name")))
    return props


def sections(obj):
    """{section: {key: value}} in the object's order."""
    result = {}
    for prop in properties(obj):
        result.setdefault(prop["section"], {})[prop["key"]] = prop["value"]
    return result


class Delta:
    """One task's change: options to set, options and whole sections to remove.

    Built against a read of the object and holding only real differences, so an
    empty delta means "no change". It is applied to whatever the object is at
    write time, which is what keeps other writers' sections intact.
    """

    def __init__(self):
        self.set = {}
        self.remove_keys = set()
        self.remove_sections = set()

    def __bool__(self):
        return bool(self.set or self.remove_keys or self.remove_sections)

    def set_option(self, section, key, value):
        self.set[(section, key)] = value

    def remove_option(self, section, key):
        self.remove_keys.add((section, key))

    def remove_section(self, section):
        self.remove_sections.add(section)

    def apply(self, obj):
        """A copy of obj with the delta applied; other options keep their order and values."""
        result = copy.deepcopy(obj)
        pending = dict(self.set)
        props = []
        for prop in properties(obj):
            where = (prop["section"], prop["key"])
            if prop["section"] in self.remove_sections or where in self.remove_keys:
                continue
            if where in pending:
                prop = dict(prop, value=pending.pop(where))
            props.append(prop)
        props.extend({"section": s, "key": k, "value": v} for (s, k), v in pending.items())
        result.setdefault("userproperties", {})["property"] = props
        return result

    def kept_removals(self, obj):
        """Sections where obj shows every option this delta sets, yet still holds what it removes; [] otherwise."""
        current = sections(obj)
        if any(current.get(s, {}).get(k) != v for (s, k), v in self.set.items()):
            return []
        kept = {s for (s, k) in self.remove_keys if k in current.get(s, {})}
        kept.update(s for s in self.remove_sections if s in current)
        return sorted(kept)

    def unsatisfied(self, obj):
        """Sections where obj does not (or no longer) show this delta."""
        current = sections(obj)
        missing = {s for (s, k), v in self.set.items() if current.get(s, {}).get(k) != v}
        missing.update(s for (s, k) in self.remove_keys if k in current.get(s, {}))
        missing.update(s for s in self.remove_sections if s in current)
        return sorted(missing)


def section_diff(before, after):
    """Before and after of the sections that change, each with all its options."""
    changed = [s for s in list(before) + [s for s in after if s not in before] if before.get(s) != after.get(s)]
    return {
        "before": {s: before[s] for s in changed if s in before},
        "after": {s: after[s] for s in changed if s in after},
    }


def section_changes(before, after):
    """Names of the sections added, updated and removed, for summaries of bulk runs."""
    return {
        "added": [s for s in after if s not in before],
        "updated": [s for s in after if s in before and before[s] != after[s]],
        "removed": [s for s in before if s not in after],
    }


class NexusServices:
    """Read and write the NexusServices transaction through a GaxClient."""

    def __init__(self, client, name=TRANSACTION_NAME, attempts=WRITE_ATTEMPTS, lock_timeout=300):
        self.client = client
        self.name = name
        self.attempts = attempts
        self.lock_timeout = lock_timeout
        self.puts = 0
        self.written_at = None

    @property
    def lock_key(self):
        """One key per transaction of one Platform Administration, however its URL is spelled."""
        return "gax %s %s" % (endpoint_key(self.client.transport.base_url), self.name)

    def read(self):
        obj = self.client.find_object(TRANSACTION_TYPE, self.name)
        if obj is None:
            raise ApiError("GET", OBJECTS_PATH, 200, "transaction %s not found; it is created with Digital Channels, "
                           "check the tenant and that gax_username may read it" % self.name)
        sections(obj)
        return obj

    def write(self, delta):
        """Apply delta onto a fresh read, PUT, verify; re-apply if another writer undid it.

        GAX documents no version or ETag that would make the PUT conditional, so every writer of this
        collection on the machine takes the transaction's lock for its read, PUT and verification
        (``_lock``); a writer elsewhere can still interleave, which the verification after a settle
        window (:func:`converge` with ``verify_after``) catches.
        """
        what = "%s at %s" % (self.name, self.client.transport.where)
        with exclusive(self.lock_key, what, self.lock_timeout):
            self._write(delta)
        self.written_at = time.time()

    def _write(self, delta):
        fresh = self.read()
        lost = delta.unsatisfied(fresh)
        unknown = None
        # PUTs the server answered with 2xx after which only this task's removals were still there.
        merged = 0
        while lost:
            if self.puts == self.attempts:
                if unknown is not None:
                    raise unknown.with_hint("%s did not show this task's change after any of %d writes; their "
                                            "outcome is unknown, a rerun reads first" % (self.name, self.attempts))
                raise ConflictError(
                    "%s was changed by another writer after each of %d writes, which undid this task's change of %s; "
                    "nothing else was modified, run the task again when the other change is done"
                    % (self.name, self.attempts, ", ".join(lost[:5]) + (" and %d more" % (len(lost) - 5) if len(lost) > 5 else ""))
                )
            transport = self.client.transport
            if self.puts:
                # Another writer is busy: back off with jitter so concurrent plays stop colliding.
                transport.wait(transport.backoff_delay(self.puts - 1))
            unknown = None
            answered = False
            try:
                self.client.put_object(delta.apply(fresh))
                answered = True
            except OutcomeUnknownError as exc:
                # The PUT may still land: wait for it rather than send a second copy that it could
                # later undo. Only a change still absent after the window is redone, from a fresh read.
                unknown = exc
                try:
                    landed = transport.settle(lambda: not delta.unsatisfied(self.read()), exc.in_flight)
                except ApiError as read_error:
                    raise exc.with_hint("the write of %s may have taken effect, but reading it back failed: %s; "
                                        "a rerun reads first" % (self.name, read_error)) from None
                if not landed and not exc.retryable:
                    raise exc.with_hint("the write of %s did not take effect" % self.name) from None
            self.puts += 1
            fresh = self.read()
            lost = delta.unsatisfied(fresh)
            kept = delta.kept_removals(fresh) if lost else []
            merged = merged + 1 if answered and kept and kept == lost else 0
            if merged >= 2:
                # Twice a PUT taken (2xx), every change applied but the removals, with the lock held: not another writer.
                raise ConflictError(
                    "Platform Administration kept %s in %s after %d PUTs of the whole object, which left them out; "
                    "every other change of this task was applied: its PUT merges options instead of replacing them, "
                    "where the collection assumes it replaces (docs/api-facts.md, GAX-PUT-REPLACE); remove them in "
                    "Platform Administration" % (_names(kept), self.name, merged))


def converge(params, check_mode, plan, secrets=()):
    """The one flow of every NexusServices module: read, plan a Delta, write it unless in check mode.

    ``plan(before)`` gets {section: {key: value}} and returns the Delta. Returns a dict with
    ``changed``, ``before``, ``after`` (what the write leads to, so check mode reports exactly
    what a real run would), ``transaction``, ``written_at`` (when the write was verified, for a
    later verification) and ``lost``. ``secrets`` are option values scrubbed from every error.

    With ``verify_after`` (the ``written_at`` of an earlier write of this run) the task checks
    that write instead: it waits until ``verify_settle`` seconds have passed since it, reads, and
    re-applies whatever another writer undid (``lost``), settling and reading again, at most as many
    rounds as the write attempts; still missing then, it fails naming the sections.
    """
    client = GaxClient.from_params(params, check_mode)
    for secret in secrets:
        client.transport.add_secret(secret)
    if params.get("lock_timeout", 1) < 0 or params.get("verify_settle", 0) < 0:
        raise InputError("lock_timeout and verify_settle must be 0 or more seconds")
    # As many writes as the connection allows retries, so `retries` bounds every kind of retry.
    services = NexusServices(client, attempts=max(WRITE_ATTEMPTS, params["retries"] + 1),
                             lock_timeout=params.get("lock_timeout", 300))
    verify_after = params.get("verify_after")
    if verify_after is not None:
        _wait_until(client.transport, verify_after + params.get("verify_settle", VERIFY_SETTLE))
    current = services.read()
    before = sections(current)
    delta = plan(before)
    after = sections(delta.apply(current))
    lost = delta.unsatisfied(current) if verify_after is not None else []
    if delta and not check_mode:
        services.write(delta)
        if verify_after is not None:
            _settle_and_verify(services, plan, params.get("verify_settle", VERIFY_SETTLE))
    return {"changed": bool(delta), "before": before, "after": after, "lost": lost, "written_at": services.written_at,
            "transaction": {"name": current["name"], "dbid": current["dbid"]}}


def lost_warning(outcome):
    """The warning of a verification that found this run's change undone, or None."""
    if not outcome["lost"]:
        return None
    return ("%s lost %s after this run wrote them: another writer that had read it earlier (on another controller or "
            "in another execution environment) overwrote it; %s" % (
                TRANSACTION_NAME, _names(outcome["lost"]),
                "re-applied and verified" if outcome["written_at"] else "a real run re-applies them"))


def _wait_until(transport, moment):
    remaining = moment - time.time()
    if remaining > 0:
        transport.wait(remaining)


def _settle_and_verify(services, plan, settle):
    """After re-applying a lost change: wait, read, and re-apply until a settled read shows it (bounded)."""
    transport = services.client.transport
    for attempt in range(services.attempts):
        transport.wait(settle + random.uniform(0, settle / 2))
        current = services.read()
        delta = plan(sections(current))
        if not delta:
            return
        if attempt == services.attempts - 1:
            break
        services.write(delta)
    raise ConflictError(
        "%s lost sections %s again after each of %d re-applications: a writer that does not share this machine's lock "
        "(another controller or execution environment) keeps overwriting it; they are missing now, run again when "
        "that writer is done" % (services.name, _names(delta.unsatisfied(current)), services.attempts))


def _names(names, most=5):
    return ", ".join(names[:most]) + (" and %d more" % (len(names) - most) if len(names) > most else "")


def mask_options(section_options, secret_keys, changed_keys=()):
    """A section's options as output shows them: values of secret keys masked, a changing one marked new."""
    return {key: (NEW_SECRET_MASK if key in changed_keys else MASK) if key in secret_keys else value
            for key, value in section_options.items()}


def option_value(value, where):
    """Option values are strings in GAX; booleans are written the way Genesys options spell them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return check_text(value, where, MAX_VALUE)
    raise InputError("%s must be a string, number or boolean, got %s" % (where, type(value).__name__))


def validate_option_key(key, where):
    if not isinstance(key, str) or not key or key != key.strip() or any(c.isspace() for c in key):
        raise InputError("%s: option names may not be empty or hold spaces, got %r" % (where, shorten(str(key), 60)))
    check_text(key, "%s: option name" % where, MAX_SECTION)
    if key.startswith(HEADER_PREFIX) and not HEADER_NAME.fullmatch(key[len(HEADER_PREFIX):]):
        raise InputError("%s: %r must be 'header:' followed by an HTTP header name (letters, digits and !#$%%&'*+.^_`|~-)"
                         % (where, key))
    return key


def validate_options(options, where):
    """{key: value} as GAX stores it: string keys without spaces, string values."""
    result = {}
    for key, value in (options or {}).items():
        validate_option_key(key, where)
        if key.startswith(HEADER_PREFIX) and isinstance(value, str) and ("\r" in value or "\n" in value):
            raise InputError("%s.%s: a header value may not hold line breaks" % (where, key))
        text = option_value(value, "%s.%s" % (where, key))
        result[key] = text
    return result


def validate_section(value, option):
    if not isinstance(value, str) or not SECTION.fullmatch(value):
        raise InputError("%s must be letters, digits, '_' and '-', in parts joined by '.', without spaces, got %r"
                         % (option, shorten(str(value), 60)))
    return check_length(value, option, MAX_SECTION)


def plan_section_options(current, section, options, state, exclusive):
    """The Delta for one section: set or remove the given options, others only with exclusive.

    For state=absent, ``options`` None removes the whole section; otherwise only
    the given keys (their values do not matter).
    """
    have = current.get(section, {})
    delta = Delta()
    if state == "absent":
        if options is None:
            if section in current:
                delta.remove_section(section)
            return delta
        for key in options:
            if key in have:
                delta.remove_option(section, key)
        return delta
    for key, value in options.items():
        if have.get(key) != value:
            delta.set_option(section, key, value)
    if exclusive:
        for key in have:
            if key not in options:
                delta.remove_option(section, key)
    return delta
