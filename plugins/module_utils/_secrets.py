# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place that knows a task's secrets and hides them from everything shown.

Internal use only: not a public API. A task's :class:`Secrets` holds its ``no_log`` option
values and every credential its clients meet on the way (session cookies, tokens, values they
send); the module runner scrubs the whole result, message, warnings and diff with it, whatever
produced them, so a value the server echoes back (as an id, inside a link, HTML-escaped,
base64-encoded, lower-cased) is masked like the option itself.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
from urllib.parse import quote, quote_plus

MASK = "********"
NEW_SECRET_MASK = "******** (new value)"
# Secrets shorter than this are not scrubbed: masking "ab" everywhere would garble every message.
MIN_SECRET = 4
# A base64 run shorter than this could be anything; only longer ones are looked for inside other base64.
_MIN_BASE64_CORE = 8
# At most this many characters of a value from the server or the user appear in a message.
SHOWN = 200


def mask(value, marker=MASK):
    """The same structure with every leaf replaced by marker: shows which keys a secret has."""
    if isinstance(value, dict):
        return {k: mask(v, marker) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v, marker) for v in value]
    return marker


class Revealed(str):
    """A secret a module returns on purpose (a new token, a generated key): kept by the scrub.

    Only the exact leaf wrapped is kept; the same value anywhere else in the result is masked.
    """


def _base64_forms(raw):
    """The value base64-encoded alone, and its aligned core as it appears inside a longer base64 text
    (``user:password`` in a Basic header: the password starts anywhere in a 3-byte group)."""
    forms = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        forms.add(encode(raw).decode("ascii"))
        for start in range(3):
            whole = raw[start:start + 3 * ((len(raw) - start) // 3)]
            core = encode(whole).decode("ascii")
            if len(core) >= _MIN_BASE64_CORE:
                forms.add(core)
    return forms


def forms(value):
    """Every way a secret can show up in text: raw, trimmed, JSON-, repr-, URL-, HTML- and base64-encoded.

    Letter case is handled by the matching (a server that lower-cases what it echoes is still caught).
    """
    if not isinstance(value, str) or not value:
        return []
    found = set()
    for text in sorted({value, value.strip()}):
        found.update((
            text, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1], repr(text)[1:-1],
            quote(text, safe=""), quote(text), quote_plus(text), html.escape(text), html.escape(text, quote=False),
        ))
        found.update(_base64_forms(text.encode("utf-8")))
    return sorted((f for f in found if len(f) >= MIN_SECRET), key=len, reverse=True)


class Secrets:
    """The secrets of one task, and the scrub that hides them."""

    def __init__(self, values=()):
        self._values = []
        self._forms = None
        self._needles = ()
        for value in values:
            self.add(value)

    def add(self, value):
        """Know one more secret (strings shorter than MIN_SECRET are ignored)."""
        if isinstance(value, str) and len(value.strip()) >= MIN_SECRET and value not in self._values:
            self._values.append(value)
            self._forms = None

    def update(self, values):
        for value in values:
            self.add(value)

    def __iter__(self):
        return iter(list(self._values))

    def __len__(self):
        return len(self._values)

    def __contains__(self, value):
        return value in self._values

    def _prepare(self):
        """Every form of every secret, folded and longest first; empty when there is nothing to hide."""
        if self._forms is None:
            every = set()
            for value in self._values:
                every.update(_fold(f) for f in forms(value))
            self._forms = tuple(sorted(every, key=len, reverse=True))
            # What the forms look like inside a JSON dump, for the quick test of a whole result.
            self._needles = tuple({json.dumps(f)[1:-1].lower() for f in self._forms})
        return self._forms

    def scrub(self, text):
        """text with every form of every secret replaced by the mask; non-strings are returned as they are.

        Matches as an alternation of the forms would (leftmost, then longest, in any letter case), with
        str.find instead of a regular expression: compiling one from a secret of 64 KB took most of a second.
        """
        if not isinstance(text, str) or isinstance(text, Revealed) or not self._prepare():
            return text
        folded = _fold(text)
        longest = {}
        for form in self._forms:
            start = folded.find(form)
            while start != -1:
                longest.setdefault(start, len(form))
                start = folded.find(form, start + 1)
        if not longest:
            return text
        parts, done = [], 0
        for start in sorted(longest):
            if start >= done:
                parts += [text[done:start], MASK]
                done = start + longest[start]
        parts.append(text[done:])
        return "".join(parts)

    def scrub_data(self, data):
        """A result, diff or report with every string (keys too) scrubbed; Revealed leaves are kept.

        The whole structure is searched once as JSON first: a result without any secret in it
        (nearly every one) is returned as it is, without a walk of its leaves.
        """
        if not self._prepare():
            return data
        try:
            dump = json.dumps(data, default=str).lower()
        except (TypeError, ValueError, RecursionError):
            dump = None
        if dump is not None and not any(needle in dump for needle in self._needles):
            return data
        return self._walk(data)

    def _walk(self, data):
        if isinstance(data, Revealed):
            return str(data)
        if isinstance(data, str):
            return self.scrub(data)
        if isinstance(data, dict):
            return {self.scrub(k): self._walk(v) for k, v in data.items()}
        if isinstance(data, (list, tuple)):
            return [self._walk(v) for v in data]
        return data

    def quoted(self, value, limit=SHOWN):
        """A value for a message: quoted (repr), masked, at most ``limit`` characters (the cut after the mask)."""
        return shorten(self.scrub(repr(value)), limit)


def _fold(text):
    """text in lower case, one character for one (str.lower makes two of a few, such as U+0130)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def shorten(text, limit=SHOWN):
    """text cut to limit characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return "%s... (%d characters)" % (text[:limit], len(text))


def quoted(value, limit=SHOWN):
    """A value from the server or the user for a message, before any secret is known: repr()'d and cut.

    The module runner still scrubs the message; this keeps a 200 KB answer out of it.
    """
    return shorten(repr(value), limit)


# The secrets of the task being run, innermost last (the module runner opens one per task).
_ACTIVE = []


@contextlib.contextmanager
def collecting(values=()):
    """Open the secrets of one task: clients created inside add to it, the runner scrubs with it."""
    secrets = Secrets(values)
    _ACTIVE.append(secrets)
    try:
        yield secrets
    finally:
        _ACTIVE.remove(secrets)


def active():
    """The running task's secrets, or a fresh set when no task runs (a client used on its own)."""
    return _ACTIVE[-1] if _ACTIVE else Secrets()


def basic_credentials(user, password):
    """The token of an ``Authorization: Basic`` header, which is as secret as the password in it."""
    return base64.b64encode(("%s:%s" % (user, password)).encode("latin-1", "replace")).decode("ascii")
