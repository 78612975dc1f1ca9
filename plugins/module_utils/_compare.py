# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Comparing desired and current values when the API hides some of them.

Internal use only: not a public API. Masking lives in ``_secrets`` (``MASK``, ``mask``).
"""

from __future__ import annotations

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError

EQUAL = "equal"
DIFFERENT = "different"
UNKNOWN = "unknown"


def is_hidden(value):
    """An API leaf that stands for a value it will not show: null or a run of asterisks."""
    return value is None or (isinstance(value, str) and value != "" and value.strip("*") == "")


def has_hidden(value):
    if isinstance(value, dict):
        return any(has_hidden(v) for v in value.values())
    if isinstance(value, list):
        return any(has_hidden(v) for v in value)
    return is_hidden(value)


def _combine(statuses):
    statuses = list(statuses)
    if DIFFERENT in statuses:
        return DIFFERENT
    if UNKNOWN in statuses:
        return UNKNOWN
    return EQUAL


def compare_hidden(desired, current, missing_hidden=False):
    """EQUAL, DIFFERENT or UNKNOWN: UNKNOWN when only hidden leaves could differ.

    Shape (keys, list lengths) is visible where the API masks values, so a secret that gained
    or lost a key is DIFFERENT. ``missing_hidden`` is for an API that may leave redacted values
    out altogether (docs/api-facts.md, NX-REDACT-MASK): a key the desired secret has and the
    current one lacks is then UNKNOWN, not DIFFERENT.
    """
    if isinstance(desired, dict) and isinstance(current, dict):
        missing = set(desired) - set(current)
        if set(current) - set(desired) or (missing and not missing_hidden):
            return DIFFERENT
        statuses = [compare_hidden(desired[k], current[k], missing_hidden) for k in desired if k in current]
        return _combine(statuses + ([UNKNOWN] if missing else []))
    if isinstance(desired, list) and isinstance(current, list):
        if len(desired) != len(current):
            return DIFFERENT
        return _combine(compare_hidden(d, c, missing_hidden) for d, c in zip(desired, current))
    if isinstance(desired, (dict, list)) or isinstance(current, (dict, list)):
        return DIFFERENT
    if is_hidden(current):
        return UNKNOWN
    return EQUAL if desired == current else DIFFERENT


def leaves(value):
    """Every string leaf of a nested structure: the values a secret option carries."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif isinstance(value, str):
        yield value


def overlay(base, extra, where="secret_identifiers"):
    """base with extra merged in, dicts key by key and lists item by item; extra's leaves win.

    Used to put the identifiers of a secret (an Async channel's channelId) back into it, so that
    the identifiers need not be in a no_log option (Ansible would then mask them everywhere).
    """
    if extra is None:
        return base
    if isinstance(extra, dict):
        if base is not None and not isinstance(base, dict):
            raise InputError("%s is an object where the secret has %s" % (where, type(base).__name__))
        merged = dict(base or {})
        for key, value in extra.items():
            merged[key] = overlay(merged.get(key), value, "%s.%s" % (where, key))
        return merged
    if isinstance(extra, list):
        if not isinstance(base, list) or len(base) != len(extra):
            raise InputError("%s has %d items where the secret has %s" % (
                where, len(extra), "%d" % len(base) if isinstance(base, list) else "no list"))
        return [overlay(b, e, "%s[%d]" % (where, i)) for i, (b, e) in enumerate(zip(base, extra))]
    return extra


def reveal(shown, actual, identifiers):
    """A masked secret with the identifier positions shown as ``actual`` has them (masked where the API hides them)."""
    if isinstance(identifiers, dict) and isinstance(shown, dict) and isinstance(actual, dict):
        return {k: reveal(v, actual.get(k), identifiers[k]) if k in identifiers else v for k, v in shown.items()}
    if isinstance(identifiers, list) and isinstance(shown, list) and isinstance(actual, list):
        return [reveal(s, a, i) for s, a, i in zip(shown, actual, identifiers)] + shown[len(identifiers):]
    if isinstance(identifiers, (dict, list)) or isinstance(actual, (dict, list)) or is_hidden(actual):
        return shown
    return actual
